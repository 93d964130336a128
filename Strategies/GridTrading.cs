using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Strategies;

namespace Hft.Strategies;

/// <summary>
/// Grid-trading market maker, the same rules as hftbacktest's <c>gridtrading</c> example so results can be
/// checked against the reference. Every interval of event time (100 ms):
/// <code>
/// mid = (best_bid + best_ask) / 2;  np = position / order_qty
/// bid = min(mid·(1 − (half_spread + skew·np)), best_bid);  ask = max(mid·(1 + (half_spread − skew·np)), best_ask)
/// gi  = max(round(mid·grid_interval / min_step)·min_step, min_step)
/// bid = floor(bid / gi)·gi;  ask = ceil(ask / gi)·gi
/// </code>
/// then <c>grid_num</c> levels per side, each order's id being its price tick: cancel resting orders not on
/// the new grid, post missing levels as post-only (GTX) limits. No new bids while position ≥ max_position,
/// no new asks while position ≤ −max_position.
/// </summary>
[Strategy("grid", Description = "grid market maker: grid_num post-only levels a side around mid, skewed by position (hftbacktest's gridtrading)")]
public sealed class GridTrading : Strategy
{
    private readonly GridTradingSettings _s;
    private readonly ulong[] _gridIds;
    private readonly double[] _gridPrices;
    private readonly List<ulong> _toCancel = new();

    /// <summary>Creates the strategy.</summary>
    public GridTrading(GridTradingSettings settings)
    {
        _s = settings;
        _gridIds = new ulong[settings.GridNum];
        _gridPrices = new double[settings.GridNum];
    }

    /// <inheritdoc />
    public override void OnStart() => Context.Every(TimeSpan.FromMilliseconds(_s.IntervalMs));

    /// <inheritdoc />
    public override void OnTimer(int timerId) => Requote();

    private bool _sawBothSides;

    /// <inheritdoc />
    public override string? NotQuotingReason => _sawBothSides ? null : "the book never had both sides at a requote";

    private void Requote()
    {
        int a = _s.Instrument;
        var depth = Context.Depth(a);
        double position = Context.Position(a);
        if (!depth.HasBothSides) return;
        _sawBothSides = true;

        double tickSize = depth.TickSize;
        double minStep = double.IsNaN(_s.MinGridStep) ? tickSize : _s.MinGridStep;
        minStep = Math.Round(minStep / tickSize, MidpointRounding.AwayFromZero) * tickSize;
        double skew = double.IsNaN(_s.Skew) ? _s.RelativeHalfSpread / _s.GridNum : _s.Skew;
        double maxPosition = double.IsNaN(_s.MaxPosition) ? _s.GridNum * _s.OrderQuantity : _s.MaxPosition;

        double mid = (depth.BestBid + depth.BestAsk) / 2.0;
        double np = position / _s.OrderQuantity;
        double relBid = _s.RelativeHalfSpread + skew * np;
        double relAsk = _s.RelativeHalfSpread - skew * np;
        double bid = PriceMath.Min(mid * (1.0 - relBid), depth.BestBid);
        double ask = PriceMath.Max(mid * (1.0 + relAsk), depth.BestAsk);
        double gi = PriceMath.Max(Math.Round(mid * _s.RelativeGridInterval / minStep, MidpointRounding.AwayFromZero) * minStep, minStep);
        bid = Math.Floor(bid / gi) * gi;
        ask = Math.Ceiling(ask / gi) * gi;

        Context.ClearInactiveOrders(a);
        int bids = BuildGrid(bid, -gi, tickSize, position < maxPosition && double.IsFinite(bid));
        UpdateSide(a, Side.Buy, bids);
        int asks = BuildGrid(ask, gi, tickSize, position > -maxPosition && double.IsFinite(ask));
        UpdateSide(a, Side.Sell, asks);
    }

    private int BuildGrid(double start, double step, double tickSize, bool enabled)
    {
        if (!enabled) return 0;
        double price = start;
        for (int i = 0; i < _s.GridNum; i++)
        {
            // The reference casts with `as u64`: negative ticks saturate to 0.
            long tick = PriceMath.RoundToLong(price / tickSize);
            _gridIds[i] = tick < 0 ? 0UL : (ulong)tick;
            _gridPrices[i] = price;
            price += step;
        }
        return _s.GridNum;
    }

    private void UpdateSide(int instrument, Side side, int levels)
    {
        var orders = Context.Orders(instrument);
        _toCancel.Clear();
        foreach (var order in orders.All)
        {
            if (order.Side == side && order.IsCancellable && Array.IndexOf(_gridIds, order.Id, 0, levels) < 0) _toCancel.Add(order.Id);
        }
        foreach (var id in _toCancel) Context.Cancel(instrument, id);
        for (int i = 0; i < levels; i++)
        {
            ulong id = _gridIds[i];
            if (orders.Contains(id) || Array.IndexOf(_gridIds, id, 0, i) >= 0) continue;
            if (side == Side.Buy) Context.SubmitBuy(instrument, id, _gridPrices[i], _s.OrderQuantity, TimeInForce.Gtx);
            else Context.SubmitSell(instrument, id, _gridPrices[i], _s.OrderQuantity, TimeInForce.Gtx);
        }
    }
}
