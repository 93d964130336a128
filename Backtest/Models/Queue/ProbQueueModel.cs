using Hft.Backtest.Venue;
using Hft.Core.Books;
using Hft.Core.Markets;

namespace Hft.Backtest.Models.Queue;

/// <summary>
/// hftbacktest's <c>ProbQueueModel</c>: trades at our price consume the queue ahead; a decrease in the level
/// that trades do not explain is split between ahead of us and behind us with probability <c>p</c> of being
/// behind:
/// <code>
/// chg   = prev − new − cum_trades;  cum_trades = 0
/// if chg &lt; 0: front = min(front, new)                 (growth joins behind us)
/// back  = prev − front;  p = prob(front, back);  p = 1 if ±∞
/// est   = front − (1 − p)·chg + min(back − p·chg, 0)
/// front = min(est, new)                                (a NaN estimate gives new, as Rust's f64::min)
/// </code>
/// It fills when a trade overshoots the queue ahead by at least half a lot, like the risk-averse model.
/// </summary>
public sealed class ProbQueueModel : IQueueModel
{
    private readonly IQueueProbability _probability;

    /// <summary>Creates the model with a probability function.</summary>
    public ProbQueueModel(IQueueProbability probability) => _probability = probability;

    /// <inheritdoc />
    public void NewOrder(ExchangeOrder order, MarketDepth depth)
    {
        order.FrontQuantity = order.Side == Side.Buy ? depth.BidQuantityAt(order.PriceTick) : depth.AskQuantityAt(order.PriceTick);
        order.CumulativeTradeQuantity = 0;
    }

    /// <inheritdoc />
    public void Trade(ExchangeOrder order, double quantity, MarketDepth depth)
    {
        order.FrontQuantity -= quantity;
        order.CumulativeTradeQuantity += quantity;
    }

    /// <inheritdoc />
    public void Depth(ExchangeOrder order, double previousQuantity, double newQuantity, MarketDepth depth)
    {
        double change = previousQuantity - newQuantity - order.CumulativeTradeQuantity;
        order.CumulativeTradeQuantity = 0;
        if (change < 0)
        {
            order.FrontQuantity = PriceMath.Min(order.FrontQuantity, newQuantity);
            return;
        }
        double front = order.FrontQuantity;
        double back = previousQuantity - front;
        double p = _probability.Probability(front, back);
        if (double.IsInfinity(p)) p = 1;
        double estimate = front - (1 - p) * change + PriceMath.Min(back - p * change, 0);
        order.FrontQuantity = PriceMath.Min(estimate, newQuantity);
    }

    /// <inheritdoc />
    public double IsFilled(ExchangeOrder order, MarketDepth depth) => QueueFill.FromFront(order, depth.LotSize);
}
