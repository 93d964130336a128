using Hft.Core.Venues;

namespace Hft.Backtest.Models.Latency;

/// <summary>
/// Constant latencies set separately for each operation and leg, in nanoseconds: venues often answer cancels
/// faster than new orders, and a fill caused by market data travels back on its own path. (The reference has
/// one entry and one response latency for everything.)
/// </summary>
/// <param name="SubmitEntry">New order: local send to arrival at the exchange.</param>
/// <param name="ModifyEntry">Modify: local send to arrival.</param>
/// <param name="CancelEntry">Cancel: local send to arrival.</param>
/// <param name="SubmitResponse">Answer to a new order: exchange to local.</param>
/// <param name="ModifyResponse">Answer to a modify.</param>
/// <param name="CancelResponse">Answer to a cancel.</param>
/// <param name="FillResponse">Execution caused by market data (a resting order filled): exchange to local.</param>
public sealed record PerOperationLatency(
    long SubmitEntry, long ModifyEntry, long CancelEntry,
    long SubmitResponse, long ModifyResponse, long CancelResponse, long FillResponse) : IOrderLatency
{
    /// <inheritdoc />
    public long Entry(long localTime, VenueCommand command) => command.Kind switch
    {
        VenueCommandKind.Cancel => CancelEntry,
        VenueCommandKind.Modify => ModifyEntry,
        _ => SubmitEntry,
    };

    /// <inheritdoc />
    public long Response(long exchangeTime, OrderReport report) => report.Answers switch
    {
        VenueCommandKind.New => SubmitResponse,
        VenueCommandKind.Modify => ModifyResponse,
        VenueCommandKind.Cancel => CancelResponse,
        _ => FillResponse,
    };
}
