using Hft.Backtest.Conversion;
using Hft.Core.Markets;

namespace Hft.Exchanges.Common;

/// <summary>
/// Keeps one instrument's local book in step with a venue's diff-depth stream and REST snapshots, by that venue's
/// rules; the checked rows go to an <see cref="IDepthRowTarget"/>. Runs on the core loop's thread.
/// </summary>
public interface IDepthSynchronizer
{
    /// <summary>True while diffs are applied as they come.</summary>
    bool IsSynced { get; }

    /// <summary>Times the book was rebuilt after it had been synced (by the caller's <see cref="Resync"/> or a gap it found itself).</summary>
    int Resyncs { get; }

    /// <summary>Why the book was last (re)built.</summary>
    string LastResyncReason { get; }

    /// <summary>The update id of the last event applied.</summary>
    long LastUpdateId { get; }

    /// <summary>True once if a snapshot should be requested now; the caller then requests it.</summary>
    bool TakeSnapshotRequest();

    /// <summary>A snapshot request failed; ask again.</summary>
    void SnapshotFailed();

    /// <summary>Starts over from a new snapshot (a gap, a reconnect, a crossed book, a bad message).</summary>
    void Resync(string reason);

    /// <summary>One diff event with its update ids and its rows.</summary>
    void OnDiff(in DepthUpdateIds ids, ReadOnlySpan<MarketEvent> rows);

    /// <summary>A REST snapshot with its update id and rows.</summary>
    void OnSnapshot(long lastUpdateId, ReadOnlySpan<MarketEvent> rows);
}
