using Hft.Core.Orders;

namespace Hft.Backtest.Runs;

/// <summary>
/// The run's journal until the replay ends: order changes and fills after <see cref="Close"/> (while the graph
/// stops) are not part of the backtest and are dropped, so the files never depend on the order actors stop in.
/// </summary>
internal sealed class ClosableJournal(ITradeJournal? inner) : ITradeJournal
{
    private bool _closed;

    public void Close() => _closed = true;

    public void OnOrder(Order order, long localTime)
    {
        if (!_closed) inner?.OnOrder(order, localTime);
    }

    public void OnFill(Fill fill)
    {
        if (!_closed) inner?.OnFill(fill);
    }
}
