using Hft.Backtest.Models.Fees;
using Hft.Backtest.Models.Queue;
using Hft.Core.Markets;
using Hft.Core.Venues;

namespace Hft.Backtest.Venue;

/// <summary>
/// hftbacktest's default <c>NoPartialFillExchange</c>: every fill is complete. A resting order at the queue
/// front fills its whole open quantity; an aggressive order fills its whole quantity at the opposite best,
/// whatever that level holds (no market impact). A market order into an empty side expires (the reference
/// fills it at an invalid price).
/// </summary>
public sealed class NoPartialFillExchange(int index, Instrument instrument, IQueueModel queue, IFeeModel fees)
    : L2Exchange(index, instrument, queue, fees)
{
    /// <inheritdoc />
    protected override double QueueFillQuantity(ExchangeOrder order, double queueFill) => order.LeavesQuantity;

    /// <inheritdoc />
    protected override double TakeLiquidity(VenueCommand c, long now, List<OrderReport> reports) => TakeAllAtBest(c, now, reports);
}
