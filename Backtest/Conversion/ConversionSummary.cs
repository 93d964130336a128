namespace Hft.Backtest.Conversion;

/// <summary>What a conversion read, produced and skipped.</summary>
public sealed class ConversionSummary
{
    /// <summary>Input files read.</summary>
    public int Files { get; internal set; }

    /// <summary>Lines read (all kinds, including skipped ones).</summary>
    public long Lines { get; internal set; }

    /// <summary>Bytes of the input files on disk (compressed).</summary>
    public long InputBytes { get; internal set; }

    /// <summary>Bytes of text the lines held, after decompression (line endings included).</summary>
    public long TextBytes { get; internal set; }

    /// <summary>Trade messages converted (one row each).</summary>
    public long Trades { get; internal set; }

    /// <summary>Trade messages dropped because their execution type <c>X</c> is not <c>MARKET</c>.</summary>
    public long NonMarketTrades { get; internal set; }

    /// <summary><c>depthUpdate</c> messages converted.</summary>
    public long DepthUpdates { get; internal set; }

    /// <summary>Rows from <c>depthUpdate</c> messages.</summary>
    public long DepthRows { get; internal set; }

    /// <summary>REST depth snapshots converted.</summary>
    public long Snapshots { get; internal set; }

    /// <summary>Rows from snapshots (clears and levels).</summary>
    public long SnapshotRows { get; internal set; }

    /// <summary>Venue error lines (a <c>code</c> key), skipped with a warning as the reference prints them.</summary>
    public long VenueErrors { get; internal set; }

    /// <summary>Stream messages that give no rows (<c>bookTicker</c>, ...).</summary>
    public long IgnoredMessages { get; internal set; }

    /// <summary>Malformed lines skipped (only with <see cref="ConversionOptions.SkipBadLines"/>).</summary>
    public long SkippedLines { get; internal set; }

    /// <summary>Rows produced by the messages, before the event-order correction.</summary>
    public long RowsConverted { get; internal set; }

    /// <summary>Smallest <c>local_ts - exch_ts</c> before correction (ns); <see cref="long.MaxValue"/> with no rows.</summary>
    public long MinimumLatency { get; internal set; }

    /// <summary>Offset added to every local timestamp (ns); 0 if none was needed.</summary>
    public long LocalTimeOffset { get; internal set; }

    /// <summary>Rows whose exchange and local order differ, written twice (EXCH-only and LOCAL-only).</summary>
    public long SplitRows { get; internal set; }

    /// <summary>Time span, update-id gaps and corrected rows.</summary>
    public DataQuality Quality { get; } = new();

    /// <summary>Rows in the output.</summary>
    public long RowsWritten { get; internal set; }

    /// <summary>Wall time reading and parsing the input.</summary>
    public TimeSpan ReadTime { get; internal set; }

    /// <summary>Wall time of the corrections (sorting, counting, validating).</summary>
    public TimeSpan CorrectionTime { get; internal set; }

    /// <summary>Wall time writing the output.</summary>
    public TimeSpan WriteTime { get; internal set; }

    /// <summary>Total wall time.</summary>
    public TimeSpan TotalTime => ReadTime + CorrectionTime + WriteTime;
}
