using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Strategies;

namespace Hft.Strategies;

/// <summary>
/// Keeps one post-only quote per side at a wanted price tick, the way hftbacktest's examples do: the order id is
/// the price tick, resting orders of a side at another price are cancelled, and a missing quote is sent as a GTX
/// limit. Works on the order table in place (index loops, no enumerators), so a requote allocates nothing beyond
/// the order messages themselves.
/// </summary>
internal static class QuoteKeeper
{
    /// <summary>No quote on this side (the tick value that never matches an order).</summary>
    public const long None = long.MinValue;

    /// <summary>Cancels every cancellable order of <paramref name="side"/> whose price tick is not <paramref name="keepTick"/>.</summary>
    public static void CancelOthers(IStrategyContext context, int instrument, Side side, long keepTick)
    {
        var orders = context.Orders(instrument).All;
        for (int i = 0; i < orders.Count; i++)
        {
            var order = orders[i];
            if (order.Side == side && order.IsCancellable && order.Type == OrderType.Limit && order.TimeInForce == TimeInForce.Gtx
                && order.PriceTick != keepTick)
                context.Cancel(instrument, order.Id);
        }
    }

    /// <summary>Cancels every cancellable order of the instrument.</summary>
    public static void CancelAll(IStrategyContext context, int instrument)
    {
        var orders = context.Orders(instrument).All;
        for (int i = 0; i < orders.Count; i++)
        {
            if (orders[i].IsCancellable) context.Cancel(instrument, orders[i].Id);
        }
    }

    /// <summary>Sends a post-only quote at <paramref name="tick"/> (id = tick) unless an order with that id exists.</summary>
    public static void Ensure(IStrategyContext context, int instrument, Side side, long tick, double tickSize, double quantity)
    {
        if (tick == None || tick <= 0) return;
        ulong id = (ulong)tick;
        if (context.Orders(instrument).Contains(id)) return;
        double price = tick * tickSize;
        if (side == Side.Buy) context.SubmitBuy(instrument, id, price, quantity, TimeInForce.Gtx);
        else context.SubmitSell(instrument, id, price, quantity, TimeInForce.Gtx);
    }
}
