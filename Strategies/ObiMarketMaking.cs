using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Strategies;

namespace Hft.Strategies;

/// <summary>
/// Market making with an order-book-imbalance alpha, after hftbacktest's "Market Making with Alpha - Order Book
/// Imbalance" notebook, plus a volatility-scaled half spread and a stop-loss. Prices are in ticks; time is event time.
/// <para><b>Every interval</b> (<c>interval_ms</c>, 1 s), with <c>mid = (best_bid + best_ask) / 2</c>:</para>
/// <code>
/// imbalance   = Σ bid qty at ticks (ceil(mid·(1−depth)/tick), best_bid_tick]
///             − Σ ask qty at ticks [best_ask_tick, floor(mid·(1+depth)/tick))
/// alpha       = (imbalance − mean) / std          over the last `window` samples, this one included (population std)
/// σ           = std of the mid-tick changes over the last `vol_window` intervals (ticks per interval; 0 while unknown)
/// half_spread = half_spread + vol_to_half_spread · σ
/// fair        = mid_tick + c1 · alpha
/// reservation = fair − skew · position / order_qty
/// bid_tick    = min(round(reservation − half_spread), best_bid_tick)
/// ask_tick    = max(round(reservation + half_spread), best_ask_tick)
/// </code>
/// (round: half to even, as numpy). One post-only quote a side (id = price tick), resting quotes at another price
/// cancelled; no bid while <c>position ≥ max_position</c>, no ask while <c>position ≤ −max_position</c>. A non-finite
/// alpha (the first sample, or a window whose imbalance never changed) quotes nothing, as in the notebook.
/// <para><b>Stop-loss.</b> Each interval, the strategy stops when <c>σ &gt; stop_volatility</c> or when
/// <c>|mid_tick − mid_tick k samples ago| &gt; stop_price_change</c>, k = <c>stop_lookback</c> (or the oldest sample
/// kept, early on); a threshold of 0 turns that check off. A stop cancels every resting order, sends no quote for
/// <c>stop_cooldown_ms</c> of event time (a new trigger extends it), and, with <c>flatten_on_stop</c>, closes the
/// position with an IOC limit at the touch (sell at the best bid, buy at the best ask), again each interval until
/// flat. Samples are still recorded while stopped.</para>
/// Memory is fixed at construction (rings of <c>window</c> imbalances and <c>max(vol_window, stop_lookback) + 1</c>
/// mids); intervals allocate nothing but order messages.
/// </summary>
[Strategy("obi", Description = "order-book-imbalance market maker: z-scored depth imbalance alpha, position skew, volatility-scaled spread, stop-loss")]
public sealed class ObiMarketMaking : Strategy
{
    private const ulong FlattenIdBase = 1UL << 62;

    private readonly ObiSettings _s;
    private readonly double[] _imbalances;
    private readonly double[] _mids;
    private long _samples;
    private long _haltedUntil = long.MinValue;
    private ulong _flattenId;
    private ulong _flattenCount;

    /// <summary>Creates the strategy.</summary>
    public ObiMarketMaking(ObiSettings settings)
    {
        _s = settings;
        _imbalances = new double[settings.Window];
        _mids = new double[Math.Max(settings.VolWindow, settings.StopLookback) + 1];
    }

    /// <summary>The last imbalance sample (bid minus ask quantity in the band).</summary>
    public double Imbalance { get; private set; } = double.NaN;

    /// <summary>The last z-score of the imbalance.</summary>
    public double Alpha { get; private set; } = double.NaN;

    /// <summary>The last volatility σ, ticks per interval (NaN while fewer than two mids are known).</summary>
    public double Volatility { get; private set; } = double.NaN;

    /// <summary>The last |mid change| over the stop-loss lookback, in ticks.</summary>
    public double PriceChange { get; private set; } = double.NaN;

    /// <summary>The half spread of the last interval, in ticks.</summary>
    public double HalfSpreadTicks { get; private set; } = double.NaN;

    /// <summary>The reservation price of the last interval, in ticks.</summary>
    public double ReservationTick { get; private set; } = double.NaN;

    /// <summary>Bid price tick wanted by the last interval, or <see cref="long.MinValue"/> for none.</summary>
    public long BidTick { get; private set; } = QuoteKeeper.None;

    /// <summary>Ask price tick wanted by the last interval, or <see cref="long.MinValue"/> for none.</summary>
    public long AskTick { get; private set; } = QuoteKeeper.None;

    /// <summary>True while a stop-loss is in force.</summary>
    public bool IsStopped => Context.Now < _haltedUntil;

    /// <summary>What triggered the last stop.</summary>
    public ObiStopReason LastStop { get; private set; }

    /// <summary>How many intervals triggered a stop.</summary>
    public int Stops { get; private set; }

    /// <summary>Imbalance samples taken.</summary>
    public long Samples => _samples;

    private bool _quoted;

    /// <inheritdoc />
    public override string? NotQuotingReason
    {
        get
        {
            if (_quoted) return null;
            var c = System.Globalization.CultureInfo.InvariantCulture;
            if (_samples == 0) return "the book never had both sides at a step";
            // Without a quote so far, any stop came before the first quotable step and held it back since.
            if (Stops > 0) return $"its stop-loss ({LastStop}) halted it whenever it could have quoted ({Stops.ToString("N0", c)} stops)";
            return "its quotes were never finite (the imbalance z-score needs two different samples)";
        }
    }

    /// <inheritdoc />
    public override void OnStart() => Context.Every(TimeSpan.FromMilliseconds(_s.IntervalMs));

    /// <inheritdoc />
    public override void OnTimer(int timerId) => Step();

    private void Step()
    {
        int a = _s.Instrument;
        var depth = Context.Depth(a);
        Context.ClearInactiveOrders(a);
        if (!depth.HasBothSides)
        {
            BidTick = AskTick = QuoteKeeper.None;
            QuoteKeeper.CancelAll(Context, a);
            return;
        }

        double tickSize = depth.TickSize;
        long bestBid = depth.BestBidTick, bestAsk = depth.BestAskTick;
        double mid = (depth.BestBid + depth.BestAsk) / 2.0;
        double midTick = (bestBid + bestAsk) / 2.0;

        double askQty = 0;
        long askEnd = PriceMath.SaturatingToLong(Math.Floor(mid * (1 + _s.Depth) / tickSize));
        for (long t = bestAsk; t < askEnd; t++) askQty += depth.AskQuantityAt(t);
        double bidQty = 0;
        long bidEnd = PriceMath.SaturatingToLong(Math.Ceiling(mid * (1 - _s.Depth) / tickSize));
        for (long t = bestBid; t > bidEnd; t--) bidQty += depth.BidQuantityAt(t);
        Imbalance = bidQty - askQty;

        _imbalances[(int)(_samples % _imbalances.Length)] = Imbalance;
        _mids[(int)(_samples % _mids.Length)] = midTick;
        _samples++;
        Alpha = ZScore(Imbalance);
        Volatility = MidVolatility();
        long lookback = Math.Min(_s.StopLookback, _samples - 1);
        PriceChange = Math.Abs(midTick - _mids[(int)((_samples - 1 - lookback) % _mids.Length)]);

        double position = Context.Position(a);
        var reason = ObiStopReason.None;
        if (_s.StopVolatility > 0 && Volatility > _s.StopVolatility) reason = ObiStopReason.Volatility;
        else if (_s.StopPriceChange > 0 && PriceChange > _s.StopPriceChange) reason = ObiStopReason.PriceChange;
        if (reason != ObiStopReason.None)
        {
            LastStop = reason;
            Stops++;
            _haltedUntil = Math.Max(_haltedUntil, Context.Now + _s.StopCooldownMs * 1_000_000L);
        }
        if (reason != ObiStopReason.None || Context.Now < _haltedUntil)
        {
            BidTick = AskTick = QuoteKeeper.None;
            QuoteKeeper.CancelAll(Context, a);
            if (_s.FlattenOnStop) Flatten(a, position, bestBid, bestAsk, tickSize);
            return;
        }

        HalfSpreadTicks = _s.HalfSpread + _s.VolToHalfSpread * (double.IsFinite(Volatility) ? Volatility : 0.0);
        double fair = midTick + _s.C1 * Alpha;
        ReservationTick = fair - _s.Skew * (position / _s.OrderQuantity);
        double bid = Math.Round(ReservationTick - HalfSpreadTicks, MidpointRounding.ToEven);
        double ask = Math.Round(ReservationTick + HalfSpreadTicks, MidpointRounding.ToEven);
        BidTick = double.IsFinite(bid) && position < _s.MaxPosition ? Math.Min(PriceMath.SaturatingToLong(bid), bestBid) : QuoteKeeper.None;
        AskTick = double.IsFinite(ask) && position > -_s.MaxPosition ? Math.Max(PriceMath.SaturatingToLong(ask), bestAsk) : QuoteKeeper.None;

        _quoted |= BidTick != QuoteKeeper.None || AskTick != QuoteKeeper.None;
        QuoteKeeper.CancelOthers(Context, a, Side.Buy, BidTick);
        QuoteKeeper.CancelOthers(Context, a, Side.Sell, AskTick);
        QuoteKeeper.Ensure(Context, a, Side.Buy, BidTick, tickSize, _s.OrderQuantity);
        QuoteKeeper.Ensure(Context, a, Side.Sell, AskTick, tickSize, _s.OrderQuantity);
    }

    private double ZScore(double current)
    {
        int n = (int)Math.Min(_samples, _imbalances.Length);
        double sum = 0;
        for (int i = 0; i < n; i++) sum += _imbalances[i];
        double mean = sum / n, ss = 0;
        for (int i = 0; i < n; i++) ss += (_imbalances[i] - mean) * (_imbalances[i] - mean);
        return (current - mean) / Math.Sqrt(ss / n);
    }

    private double MidVolatility()
    {
        // The last min(vol_window, samples − 1) changes between consecutive mids.
        int changes = (int)Math.Min(_s.VolWindow, _samples - 1);
        if (changes < 1) return double.NaN;
        int len = _mids.Length;
        long last = _samples - 1;
        double sum = 0;
        for (int i = 0; i < changes; i++)
            sum += _mids[(int)((last - i) % len)] - _mids[(int)((last - i - 1) % len)];
        double mean = sum / changes, ss = 0;
        for (int i = 0; i < changes; i++)
        {
            double d = _mids[(int)((last - i) % len)] - _mids[(int)((last - i - 1) % len)] - mean;
            ss += d * d;
        }
        return Math.Sqrt(ss / changes);
    }

    private void Flatten(int instrument, double position, long bestBid, long bestAsk, double tickSize)
    {
        if (position == 0) return;
        if (_flattenId != 0 && Context.Orders(instrument).Find(_flattenId) is not null) return;
        _flattenId = FlattenIdBase + ++_flattenCount;
        if (position > 0) Context.SubmitSell(instrument, _flattenId, bestBid * tickSize, position, TimeInForce.Ioc);
        else Context.SubmitBuy(instrument, _flattenId, bestAsk * tickSize, -position, TimeInForce.Ioc);
    }
}
