using Hft.Core.Venues;

namespace Hft.Backtest.Models.Latency;

/// <summary>Fixed entry and response latencies, in nanoseconds.</summary>
/// <param name="EntryLatency">Order entry latency.</param>
/// <param name="ResponseLatency">Response latency.</param>
public sealed record ConstantLatency(long EntryLatency, long ResponseLatency) : IOrderLatency
{
    /// <inheritdoc />
    public long Entry(long localTime, VenueCommand command) => EntryLatency;

    /// <inheritdoc />
    public long Response(long exchangeTime, OrderReport report) => ResponseLatency;
}
