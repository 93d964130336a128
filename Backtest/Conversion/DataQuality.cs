using Hft.Core.Markets;

namespace Hft.Backtest.Conversion;

/// <summary>
/// What a conversion found about its data beyond the counts of <see cref="ConversionSummary"/>: the time span of
/// the output, breaks in the depth streams' update ids, and how many rows the corrections changed.
/// </summary>
public sealed class DataQuality
{
    private readonly List<UpdateIdTracker> _streams = new();

    /// <summary>The update ids of the depth stream called <c>depth</c> (Binance has one).</summary>
    public UpdateIdTracker UpdateIds => Stream("depth");

    /// <summary>Every depth stream's tracker, in the order the streams first appeared.</summary>
    public IReadOnlyList<UpdateIdTracker> Streams => _streams;

    /// <summary>The tracker of a stream, made when first asked for (a few streams: a list is enough).</summary>
    public UpdateIdTracker Stream(string name)
    {
        foreach (var t in _streams)
        {
            if (t.Name == name) return t;
        }
        var tracker = new UpdateIdTracker(name);
        _streams.Add(tracker);
        return tracker;
    }

    /// <summary>Messages checked over every stream.</summary>
    public long UpdatesChecked => _streams.Sum(t => t.Checked);

    /// <summary>Messages without ids over every stream.</summary>
    public long UpdatesWithoutIds => _streams.Sum(t => t.WithoutIds);

    /// <summary>Gaps over every stream.</summary>
    public long GapCount => _streams.Sum(t => t.GapCount);

    /// <summary>The kept gaps of every stream with the stream's name, by receive time (ties in stream order).</summary>
    public IReadOnlyList<(string Stream, UpdateIdGap Gap)> AllGaps() =>
        _streams.SelectMany(t => t.Gaps.Select(g => (t.Name, g))).OrderBy(x => x.g.LocalTime).ToList();

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
