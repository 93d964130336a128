namespace Hft.Backtest.Conversion.Tardis;

/// <summary>What <see cref="TardisConverter"/> does with <c>is_snapshot</c> rows (hftbacktest's <c>snapshot_mode</c>).</summary>
public enum TardisSnapshotMode
{
    /// <summary>Every snapshot becomes a clear plus snapshot rows per side (<c>process</c>, the default).</summary>
    Process,
    /// <summary>The start-of-day snapshot (snapshot rows before a file's first update) is left out (<c>ignore_sod</c>).</summary>
    IgnoreStartOfDay,
    /// <summary>Every snapshot is left out; the book fills from updates alone (<c>ignore</c>).</summary>
    Ignore,
}
