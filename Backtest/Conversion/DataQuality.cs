using Hft.Core.Markets;

namespace Hft.Backtest.Conversion;

/// <summary>
/// What a conversion found about its data beyond the counts of <see cref="ConversionSummary"/>: the time span of
/// the output, breaks in the depth streams' update ids, and how many rows the corrections changed.
/// </summary>
public sealed class DataQuality
{
    /// <summary>The depth stream's update ids (one stream per converter input set).</summary>
    public UpdateIdTracker UpdateIds { get; } = new();

    /// <summary>Rows in the output (0: no time span).</summary>
    public long Rows { get; private set; }

    /// <summary>Earliest exchange time in the output (ns).</summary>
    public long FirstExchangeTime { get; private set; } = long.MaxValue;

    /// <summary>Latest exchange time in the output (ns).</summary>
    public long LastExchangeTime { get; private set; } = long.MinValue;

    /// <summary>Earliest local time in the output (ns), after correction.</summary>
    public long FirstLocalTime { get; private set; } = long.MaxValue;

    /// <summary>Latest local time in the output (ns), after correction.</summary>
    public long LastLocalTime { get; private set; } = long.MinValue;

    /// <summary>Rows that seemed to arrive before they happened (<c>local_ts &lt; exch_ts</c>) before the correction.</summary>
    public long NegativeLatencyRows { get; internal set; }

    /// <summary>Rows whose local time the correction shifted (all of them, or none).</summary>
    public long ShiftedRows { get; internal set; }

    /// <summary>Snapshots that had no exchange time and were given one (Binance spot).</summary>
    public long SnapshotTimesAssigned { get; internal set; }

    /// <summary>Takes a span of output rows into the time span.</summary>
    internal void Observe(ReadOnlySpan<MarketEvent> rows)
    {
        foreach (ref readonly var row in rows)
        {
            // One-sided rows hold both times too; each timeline's extremes are the same over all rows.
            if (row.ExchangeTime < FirstExchangeTime) FirstExchangeTime = row.ExchangeTime;
            if (row.ExchangeTime > LastExchangeTime) LastExchangeTime = row.ExchangeTime;
            if (row.LocalTime < FirstLocalTime) FirstLocalTime = row.LocalTime;
            if (row.LocalTime > LastLocalTime) LastLocalTime = row.LocalTime;
        }
        Rows += rows.Length;
    }

    /// <summary>Counts the rows with a negative feed latency, before the local-time correction.</summary>
    internal static long CountNegativeLatency(EventRowStore rows)
    {
        long n = 0;
        for (int c = 0; c < rows.ChunkCount; c++)
        {
            foreach (ref readonly var row in rows.Chunk(c))
            {
                if (row.LocalTime < row.ExchangeTime) n++;
            }
        }
        return n;
    }
}
