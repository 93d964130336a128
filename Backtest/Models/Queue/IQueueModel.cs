using Hft.Backtest.Venue;
using Hft.Core.Books;

namespace Hft.Backtest.Models.Queue;

/// <summary>
/// Estimates where a resting order stands in the queue at its price, and so when it fills
/// (hftbacktest's <c>QueueModel</c>; every implementation follows the reference's formulas).
/// </summary>
public interface IQueueModel
{
    /// <summary>The exchange accepted the order as resting; the queue ahead is the level's quantity.</summary>
    void NewOrder(ExchangeOrder order, MarketDepth depth);

    /// <summary>A trade of <paramref name="quantity"/> printed at the order's price.</summary>
    void Trade(ExchangeOrder order, double quantity, MarketDepth depth);

    /// <summary>The level at the order's price changed from <paramref name="previousQuantity"/> to <paramref name="newQuantity"/>.</summary>
    void Depth(ExchangeOrder order, double previousQuantity, double newQuantity, MarketDepth depth);

    /// <summary>The quantity that fills now (a whole number of lots), 0 if none; right after <see cref="Trade"/>.</summary>
    double IsFilled(ExchangeOrder order, MarketDepth depth);
}
