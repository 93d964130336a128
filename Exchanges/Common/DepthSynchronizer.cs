using Hft.Backtest.Conversion;
using Hft.Core.Markets;

namespace Hft.Exchanges.Common;

/// <summary>
/// What every venue's snapshot-and-buffer book procedure shares: the state (synced or not, the last update id, the
/// buffered events, the snapshot waiting to be used), one snapshot request at a time, and the resync that empties the
/// book before a snapshot (<see cref="BookReset"/>). A venue's rules are its <see cref="OnDiff"/> and <see cref="TryComplete"/>.
/// </summary>
/// <remarks>Runs on the core loop's thread; rows are copied only while buffering (before a snapshot arrives).</remarks>
public abstract class DepthSynchronizer : IDepthSynchronizer
{
    /// <summary>Buffered events kept while a snapshot is on its way; past this the oldest are dropped and a fresh snapshot asked for.</summary>
    public const int MaxBufferedEvents = 20_000;

    private readonly int _instrument;
    private readonly IDepthRowTarget _target;
    private bool _snapshotWanted = true;

    /// <summary>A synchronizer for <paramref name="instrument"/>, not yet synced (it wants a snapshot).</summary>
    protected DepthSynchronizer(int instrument, IDepthRowTarget target)
    {
        _instrument = instrument;
        _target = target;
    }

    /// <inheritdoc />
    public bool IsSynced { get; protected set; }

    /// <inheritdoc />
    public int Resyncs { get; private set; }

    /// <inheritdoc />
    public string LastResyncReason { get; private set; } = "start";

    /// <inheritdoc />
    public long LastUpdateId { get; protected set; }

    /// <summary>Events waiting for a snapshot, in arrival order.</summary>
    protected List<BufferedDiff> Buffer { get; } = new();

    /// <summary>The snapshot's rows while it waits for a buffered event to start from; null if none.</summary>
    protected MarketEvent[]? SnapshotRows { get; set; }

    /// <summary>The waiting snapshot's <c>lastUpdateId</c>.</summary>
    protected long SnapshotId { get; private set; }

    /// <inheritdoc />
    public bool TakeSnapshotRequest()
    {
        if (!_snapshotWanted) return false;
        _snapshotWanted = false;
        return true;
    }

    /// <inheritdoc />
    public void SnapshotFailed()
    {
        if (!IsSynced) _snapshotWanted = true;
    }

    /// <inheritdoc />
    public void Resync(string reason)
    {
        if (IsSynced) Resyncs++;
        IsSynced = false;
        LastResyncReason = reason;
        Buffer.Clear();
        SnapshotRows = null;
        _snapshotWanted = true;
    }

    /// <inheritdoc />
    public abstract void OnDiff(in DepthUpdateIds ids, ReadOnlySpan<MarketEvent> rows);

    /// <inheritdoc />
    public void OnSnapshot(long lastUpdateId, ReadOnlySpan<MarketEvent> rows)
    {
        if (IsSynced) return;
        SnapshotId = lastUpdateId;
        SnapshotRows = rows.ToArray();
        TryComplete();
    }

    /// <summary>Syncs from the waiting snapshot and the buffered events if they fit together, by the venue's rules.</summary>
    protected abstract void TryComplete();

    /// <summary>Keeps an event until a snapshot can be used (the oldest go when too many wait), then tries to sync.</summary>
    protected void BufferDiff(in DepthUpdateIds ids, ReadOnlySpan<MarketEvent> rows)
    {
        if (Buffer.Count == MaxBufferedEvents)
        {
            Buffer.RemoveAt(0);
            SnapshotRows = null;
            _snapshotWanted = true;
        }
        Buffer.Add(new BufferedDiff(ids.FirstId, ids.LastId, ids.PreviousId, rows.ToArray()));
        TryComplete();
    }

    /// <summary>The waiting snapshot is too old for the buffered events: forget it and ask for another.</summary>
    protected void TakeAnotherSnapshot()
    {
        SnapshotRows = null;
        _snapshotWanted = true;
    }

    /// <summary>Empties the book and applies the waiting snapshot; the book's id is then the snapshot's.</summary>
    protected void ApplySnapshot()
    {
        var rows = SnapshotRows!;
        Apply([BookReset.Before(rows)]);
        Apply(rows);
        SnapshotRows = null;
        LastUpdateId = SnapshotId;
    }

    /// <summary>Hands checked rows to the book.</summary>
    protected void Apply(ReadOnlySpan<MarketEvent> rows) => _target.Apply(_instrument, rows);

    /// <summary>A diff event waiting for a snapshot.</summary>
    /// <param name="FirstId"><c>U</c>.</param>
    /// <param name="LastId"><c>u</c>.</param>
    /// <param name="PreviousId"><c>pu</c> (futures), 0 where the venue has none.</param>
    /// <param name="Rows">Its rows.</param>
    protected sealed record BufferedDiff(long FirstId, long LastId, long PreviousId, MarketEvent[] Rows);
}
