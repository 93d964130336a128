using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Strategies;

namespace MyStrategy;

/// <summary>
/// A minimal market maker: every <c>interval_ms</c> it keeps one post-only bid at <c>best_bid − offset_ticks</c>
/// and one post-only ask at <c>best_ask + offset_ticks</c>, each order's id being its price tick. Quotes at an old
/// price are cancelled. No bid while the position is at or above <c>max_position</c>, no ask at or below its
/// negative.
/// </summary>
[Strategy("my_quoter", Description = "sample plugin: one post-only bid and ask offset_ticks outside the touch")]
public sealed class OneLevelQuoter : Strategy
{
    private readonly OneLevelQuoterSettings _s;

    /// <summary>The engine calls this with the settings bound from the strategy's parameters.</summary>
    public OneLevelQuoter(OneLevelQuoterSettings settings) => _s = settings;

    /// <inheritdoc />
    public override void OnStart() => Context.Every(TimeSpan.FromMilliseconds(_s.IntervalMs));

    /// <inheritdoc />
    public override void OnTimer(int timerId)
    {
        int a = _s.Instrument;
        var depth = Context.Depth(a);
        if (!depth.HasBothSides) return;
        double position = Context.Position(a);
        long bid = position < _s.MaxPosition ? depth.BestBidTick - _s.OffsetTicks : long.MinValue;
        long ask = position > -_s.MaxPosition ? depth.BestAskTick + _s.OffsetTicks : long.MinValue;

        Context.ClearInactiveOrders(a);
        var orders = Context.Orders(a).All;
        for (int i = 0; i < orders.Count; i++)
        {
            var o = orders[i];
            long keep = o.Side == Side.Buy ? bid : ask;
            if (o.IsCancellable && o.PriceTick != keep) Context.Cancel(a, o.Id);
        }
        if (bid > 0 && !Context.Orders(a).Contains((ulong)bid))
            Context.SubmitBuy(a, (ulong)bid, bid * depth.TickSize, _s.OrderQuantity, TimeInForce.Gtx);
        if (ask > 0 && !Context.Orders(a).Contains((ulong)ask))
            Context.SubmitSell(a, (ulong)ask, ask * depth.TickSize, _s.OrderQuantity, TimeInForce.Gtx);
    }
}
