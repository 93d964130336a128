using Hft.Backtest.Venue;
using Hft.Core.Markets;

namespace Hft.Backtest.Models.Queue;

/// <summary>The reference's fill rule shared by the L2 queue models.</summary>
internal static class QueueFill
{
    /// <summary><c>exec = round(-front / lot)</c>; if positive, the queue ahead is gone and <c>exec × lot</c> fills.</summary>
    public static double FromFront(ExchangeOrder order, double lotSize)
    {
        long lots = PriceMath.RoundToLong(-order.FrontQuantity / lotSize);
        if (lots <= 0) return 0;
        order.FrontQuantity = 0;
        return lots * lotSize;
    }
}
