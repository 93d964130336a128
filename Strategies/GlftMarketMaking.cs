using Hft.Core.Markets;
using Hft.Core.Strategies;

namespace Hft.Strategies;

/// <summary>
/// Market making with the Guéant–Lehalle–Fernandez-Tapia closed-form quotes (arXiv 1605.01862, eq. 4.6/4.7), with
/// the order-arrival intensity and the volatility fitted online, as in hftbacktest's GLFT tutorial. Everything is
/// in ticks and on event time.
/// <para><b>Every step</b> (<c>step_ms</c>, 100 ms):</para>
/// <list type="number">
/// <item>The <i>arrival depth</i> of the step that just ended is recorded: the largest
/// <c>trade_tick − mid_tick</c> over buyer-initiated trades and <c>mid_tick − trade_tick</c> over seller-initiated
/// ones, where <c>mid_tick</c> is the mid of the previous step and <c>trade_tick = price / tick_size</c>
/// (−∞ when nothing traded).</item>
/// <item><c>mid_tick = (best_bid_tick + best_ask_tick) / 2</c> and its change since the previous step are recorded.</item>
/// <item>Every <c>calibrate_every</c> steps (5 s), once <c>window_steps</c> steps (10 min) are recorded, over the
/// window: each finite depth δ falls in bucket <c>b = round(δ / 0.5) − 1</c> (0 ≤ b &lt; 500) and counts as an
/// execution of every quote bucket below it (<c>λ[0..b) += 1</c>); the first <c>min(max b, intensity_points)</c>
/// buckets, divided by the window's length in seconds, are λ(δ) at <c>δ = bucket + 0.5</c>; a least-squares line
/// <c>ln λ = ln A − k·δ</c> gives A and k (at least 3 buckets needed; a fit with k ≤ 0, which has no finite quotes,
/// is ignored and the previous one kept). These are the tutorial's units: the bucket
/// index is in half ticks while δ is read in ticks, and the defaults are tuned for that.
/// σ = population standard deviation of the recorded mid changes × √(1000 / step_ms) (ticks per √s).</item>
/// <item>With ξ = γ:
/// <code>
/// c1 = 1/(ξΔ) · ln(1 + ξΔ/k)
/// c2 = sqrt( γ / (2·A·Δ·k) · (1 + ξΔ/k)^(k/(ξΔ) + 1) )
/// half_spread = (c1 + Δ/2 · c2 · σ) · spread_adj          skew = c2 · σ · skew_adj
/// reservation = mid_tick − skew · q,  q = position / order_qty
/// bid_tick = min(round(reservation − half_spread), best_bid_tick)
/// ask_tick = max(round(reservation + half_spread), best_ask_tick)
/// </code>
/// (round: half to even, as numpy). Quotes are thus never inside the touch.</item>
/// <item>Resting quotes at another price are cancelled; a missing quote is sent as a post-only (GTX) limit of
/// <c>order_qty</c> whose id is its price tick. No bid while <c>position ≥ max_position</c>, no ask while
/// <c>position ≤ −max_position</c>. Until the first calibration (or when a side of the book is empty) nothing is
/// quoted and resting quotes are cancelled.</item>
/// </list>
/// Memory is fixed at construction (two rings of <c>window_steps</c> values and 500 buckets); market events and
/// steps allocate nothing but the order messages.
/// </summary>
[Strategy("glft", Description = "GLFT market maker: Gueant-Lehalle-Fernandez-Tapia quotes with A, k and sigma fitted online (hftbacktest's GLFT tutorial)")]
public sealed class GlftMarketMaking : Strategy
{
    private const int Buckets = 500;

    private readonly GlftSettings _s;
    private readonly double[] _arrivalDepth;
    private readonly double[] _midChange;
    private readonly double[] _counts = new double[Buckets];
    private long _step;
    private double _midTick = double.NaN;
    private double _stepDepth = double.NegativeInfinity;

    /// <summary>Creates the strategy.</summary>
    public GlftMarketMaking(GlftSettings settings)
    {
        _s = settings;
        _arrivalDepth = new double[settings.WindowSteps];
        _midChange = new double[settings.WindowSteps];
        Array.Fill(_arrivalDepth, double.NaN);
        Array.Fill(_midChange, double.NaN);
    }

    /// <summary>Trade intensity scale A of <c>λ(δ) = A·e^(−kδ)</c> from the last calibration (NaN before).</summary>
    public double A { get; private set; } = double.NaN;

    /// <summary>Trade intensity decay k from the last calibration (NaN before).</summary>
    public double K { get; private set; } = double.NaN;

    /// <summary>Volatility σ of the mid, in ticks per √s, from the last calibration (NaN before).</summary>
    public double Volatility { get; private set; } = double.NaN;

    /// <summary>Half spread in ticks used by the last step.</summary>
    public double HalfSpreadTicks { get; private set; } = double.NaN;

    /// <summary>Skew in ticks per unit of position used by the last step.</summary>
    public double SkewTicks { get; private set; } = double.NaN;

    /// <summary>Bid price tick wanted by the last step, or <see cref="long.MinValue"/> for none.</summary>
    public long BidTick { get; private set; } = QuoteKeeper.None;

    /// <summary>Ask price tick wanted by the last step, or <see cref="long.MinValue"/> for none.</summary>
    public long AskTick { get; private set; } = QuoteKeeper.None;

    /// <summary>Steps taken.</summary>
    public long Steps => _step;

    private bool _quoted;
    private bool _sawBothSides;

    /// <inheritdoc />
    public override string? NotQuotingReason
    {
        get
        {
            if (_quoted) return null;
            var c = System.Globalization.CultureInfo.InvariantCulture;
            if (_step < _s.WindowSteps)
            {
                double have = _step * _s.StepMs / 1000.0, need = _s.WindowSteps * _s.StepMs / 1000.0;
                return $"calibration window not reached: {_step.ToString("N0", c)} of {_s.WindowSteps.ToString("N0", c)} steps " +
                    $"({have.ToString("F0", c)} of {need.ToString("F0", c)} s of event time); give more data or lower window_steps";
            }
            if (!_sawBothSides) return "the book never had both sides";
            if (double.IsNaN(A)) return "no usable fit of trade intensity in the calibration window (too few trade depths, or k <= 0)";
            return "its quotes were never finite (volatility undefined)";
        }
    }

    /// <summary>
    /// The GLFT coefficients with ξ = γ: <c>c1 = 1/(ξΔ)·ln(1 + ξΔ/k)</c>,
    /// <c>c2 = sqrt(γ/(2AΔk)·(1 + ξΔ/k)^(k/(ξΔ)+1))</c>.
    /// </summary>
    public static (double C1, double C2) Coefficients(double gamma, double delta, double a, double k)
    {
        double xi = gamma;
        double ratio = 1.0 + xi * delta / k;
        double c1 = 1.0 / (xi * delta) * Math.Log(ratio);
        double c2 = Math.Sqrt(gamma / (2.0 * a * delta * k) * Math.Pow(ratio, k / (xi * delta) + 1.0));
        return (c1, c2);
    }

    /// <inheritdoc />
    public override void OnStart() => Context.Every(TimeSpan.FromMilliseconds(_s.StepMs));

    /// <inheritdoc />
    public override void OnTrade(int instrument, in MarketEvent trade)
    {
        if (instrument != _s.Instrument || double.IsNaN(_midTick)) return;
        double tradeTick = trade.Price / Context.Depth(instrument).TickSize;
        double depth = trade.IsBuy ? tradeTick - _midTick : _midTick - tradeTick;
        // numpy's nanmax: a NaN depth never wins.
        if (depth > _stepDepth) _stepDepth = depth;
    }

    /// <inheritdoc />
    public override void OnTimer(int timerId) => Step();

    private void Step()
    {
        int a = _s.Instrument;
        var depth = Context.Depth(a);
        int slot = (int)(_step % _s.WindowSteps);

        // The arrival depth of the step that ended, measured from the previous step's mid.
        _arrivalDepth[slot] = double.IsNaN(_midTick) ? double.NaN : _stepDepth;
        _stepDepth = double.NegativeInfinity;

        double previousMid = _midTick;
        _midTick = depth.HasBothSides ? (depth.BestBidTick + depth.BestAskTick) / 2.0 : double.NaN;
        _midChange[slot] = _midTick - previousMid;

        if (_step % _s.CalibrateEvery == 0 && _step >= _s.WindowSteps - 1) Calibrate();

        double position = Context.Position(a);
        var (c1, c2) = Coefficients(_s.Gamma, _s.Delta, A, K);
        HalfSpreadTicks = (c1 + _s.Delta / 2.0 * c2 * Volatility) * _s.SpreadAdj;
        SkewTicks = c2 * Volatility * _s.SkewAdj;
        double reservation = _midTick - SkewTicks * (position / _s.OrderQuantity);
        double bid = Math.Round(reservation - HalfSpreadTicks, MidpointRounding.ToEven);
        double ask = Math.Round(reservation + HalfSpreadTicks, MidpointRounding.ToEven);
        bool quotable = depth.HasBothSides && double.IsFinite(bid) && double.IsFinite(ask);
        _sawBothSides |= depth.HasBothSides;
        BidTick = quotable && position < _s.MaxPosition ? Math.Min(PriceMath.SaturatingToLong(bid), depth.BestBidTick) : QuoteKeeper.None;
        AskTick = quotable && position > -_s.MaxPosition ? Math.Max(PriceMath.SaturatingToLong(ask), depth.BestAskTick) : QuoteKeeper.None;

        _quoted |= BidTick != QuoteKeeper.None || AskTick != QuoteKeeper.None;
        Context.ClearInactiveOrders(a);
        QuoteKeeper.CancelOthers(Context, a, Side.Buy, BidTick);
        QuoteKeeper.CancelOthers(Context, a, Side.Sell, AskTick);
        QuoteKeeper.Ensure(Context, a, Side.Buy, BidTick, depth.TickSize, _s.OrderQuantity);
        QuoteKeeper.Ensure(Context, a, Side.Sell, AskTick, depth.TickSize, _s.OrderQuantity);
        _step++;
    }

    private void Calibrate()
    {
        // λ(δ): each arrival executes every quote bucket strictly inside its depth.
        Array.Clear(_counts);
        int maxBucket = 0;
        for (int i = 0; i < _arrivalDepth.Length; i++)
        {
            double d = _arrivalDepth[i];
            if (!double.IsFinite(d)) continue;
            double b = Math.Round(d / 0.5, MidpointRounding.ToEven) - 1;
            if (b < 0 || b >= Buckets) continue;
            int bucket = (int)b;
            _counts[bucket] += 1;
            if (bucket > maxBucket) maxBucket = bucket;
        }
        // From arrivals per bucket to executions per quote bucket: λ[j] = arrivals deeper than j.
        double deeper = 0;
        for (int j = Buckets - 1; j >= 0; j--)
        {
            double here = _counts[j];
            _counts[j] = deeper;
            deeper += here;
        }
        if (maxBucket > 2)
        {
            int n = Math.Min(maxBucket, _s.IntensityPoints);
            double seconds = _s.WindowSteps * (_s.StepMs / 1000.0);
            double sx = 0, sy = 0, sxx = 0, sxy = 0;
            for (int i = 0; i < n; i++)
            {
                double x = i + 0.5;
                double y = Math.Log(_counts[i] / seconds);
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
            }
            double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
            double intercept = (sy - slope * sx) / n;
            // A flat or rising λ (k ≤ 0) has no closed-form quotes (c1 is infinite): keep the previous fit.
            if (-slope > 0 && double.IsFinite(intercept))
            {
                A = Math.Exp(intercept);
                K = -slope;
            }
        }

        // σ: numpy's nanstd (population) of the mid changes, scaled from per step to per √s.
        double sum = 0;
        int count = 0;
        for (int i = 0; i < _midChange.Length; i++)
        {
            double v = _midChange[i];
            if (double.IsNaN(v)) continue;
            sum += v;
            count++;
        }
        if (count > 0)
        {
            double mean = sum / count, ss = 0;
            for (int i = 0; i < _midChange.Length; i++)
            {
                double v = _midChange[i];
                if (double.IsNaN(v)) continue;
                ss += (v - mean) * (v - mean);
            }
            Volatility = Math.Sqrt(ss / count) * Math.Sqrt(1000.0 / _s.StepMs);
        }
    }
}
