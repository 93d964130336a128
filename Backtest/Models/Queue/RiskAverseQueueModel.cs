using Hft.Backtest.Venue;
using Hft.Core.Books;
using Hft.Core.Markets;

namespace Hft.Backtest.Models.Queue;

/// <summary>
/// The pessimistic queue: the order advances only when trades at its price consume the queue ahead, and a
/// drop in the level never moves it forward (beyond the level's new size). It fills when a trade overshoots
/// the queue ahead by at least half a lot: <c>round(-front / lot) &gt; 0</c>; exact depletion does not fill.
/// </summary>
public sealed class RiskAverseQueueModel : IQueueModel
{
    /// <inheritdoc />
    public void NewOrder(ExchangeOrder order, MarketDepth depth) =>
        order.FrontQuantity = order.Side == Side.Buy ? depth.BidQuantityAt(order.PriceTick) : depth.AskQuantityAt(order.PriceTick);

    /// <inheritdoc />
    public void Trade(ExchangeOrder order, double quantity, MarketDepth depth) => order.FrontQuantity -= quantity;

    /// <inheritdoc />
    public void Depth(ExchangeOrder order, double previousQuantity, double newQuantity, MarketDepth depth) =>
        order.FrontQuantity = PriceMath.Min(order.FrontQuantity, newQuantity);

    /// <inheritdoc />
    public double IsFilled(ExchangeOrder order, MarketDepth depth) => QueueFill.FromFront(order, depth.LotSize);
}
