using Hft.Backtest.Models.Fees;
using Hft.Backtest.Models.Queue;
using Hft.Core.Books;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Venues;

namespace Hft.Backtest.Venue;

/// <summary>
/// hftbacktest's <c>PartialFillExchange</c>: a resting order at the queue front fills only what the queue
/// model says overshot the queue ahead (and rests with the remainder); an aggressive order takes the book
/// level by level, each level up to its quantity, without consuming the book (no market impact):
/// <list type="bullet">
/// <item>FOK: fills only if the levels up to its price hold its whole quantity, else expires untouched;</item>
/// <item>IOC: takes what the levels up to its price hold, then the remainder expires;</item>
/// <item>GTC crossing: takes the levels from the best up to and including its price, then the remainder
/// fills at its own price (as the reference: a crossing GTC always fills completely);</item>
/// <item>market: takes up to 100 levels from the best, then the remainder expires.</item>
/// </list>
/// Unlike the reference, every execution is reported (the reference sends only the final state and its local
/// side applies only the last chunk), buy and sell take the same levels (the reference's sell loops include
/// one more level than its buy loops), and an order filled exactly at the queue front is removed (the
/// reference keeps it and errors on the next trade).
/// </summary>
public sealed class PartialFillExchange(int index, Instrument instrument, IQueueModel queue, IFeeModel fees)
    : L2Exchange(index, instrument, queue, fees)
{
    private const int MarketLevels = 100;

    /// <inheritdoc />
    protected override double QueueFillQuantity(ExchangeOrder order, double queueFill) => Math.Min(queueFill, order.LeavesQuantity);

    /// <inheritdoc />
    protected override double TakeLiquidity(VenueCommand c, long now, List<OrderReport> reports)
    {
        bool buy = c.Side == Side.Buy;
        long best = buy ? Depth.BestAskTick : Depth.BestBidTick;
        if (best == (buy ? MarketDepth.InvalidMax : MarketDepth.InvalidMin))
        {
            reports.Add(Status(c, now, OrderStatus.Expired, c.Quantity));
            return c.Quantity;
        }
        int step = buy ? 1 : -1;
        long last = c.Type == OrderType.Market ? best + step * (MarketLevels - 1) : c.PriceTick;
        double lot = Instrument.LotSize;

        if (c.Type == OrderType.Limit && c.TimeInForce == TimeInForce.Fok)
        {
            double available = 0;
            for (long t = best; buy ? t <= last : t >= last; t += step) available += LevelQuantity(buy, t);
            if (PriceMath.ToLots(available, lot) < PriceMath.ToLots(c.Quantity, lot))
            {
                reports.Add(Status(c, now, OrderStatus.Expired, c.Quantity));
                return c.Quantity;
            }
        }

        double leaves = c.Quantity;
        for (long t = best; (buy ? t <= last : t >= last) && PriceMath.ToLots(leaves, lot) > 0; t += step)
        {
            double level = LevelQuantity(buy, t);
            if (PriceMath.ToLots(level, lot) <= 0) continue;
            double fill = Math.Min(level, leaves);
            leaves -= fill;
            if (PriceMath.ToLots(leaves, lot) <= 0) leaves = 0;
            reports.Add(Execution(c.OrderId, c.Side, c.PriceTick, c.Quantity, leaves, fill, t, maker: false, now, c.LocalTime));
        }
        if (leaves <= 0) return 0;
        if (c.Type == OrderType.Limit && c.TimeInForce == TimeInForce.Gtc)
        {
            reports.Add(Execution(c.OrderId, c.Side, c.PriceTick, c.Quantity, 0, leaves, c.PriceTick, maker: false, now, c.LocalTime));
            return 0;
        }
        reports.Add(Status(c, now, OrderStatus.Expired, leaves));
        return leaves;
    }

    private double LevelQuantity(bool buy, long tick) => buy ? Depth.AskQuantityAt(tick) : Depth.BidQuantityAt(tick);
}
