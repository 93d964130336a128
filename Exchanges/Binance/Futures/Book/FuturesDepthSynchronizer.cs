using Hft.Backtest.Conversion;
using Hft.Core.Markets;
using Hft.Exchanges.Common;

namespace Hft.Exchanges.Binance.Futures.Book;

/// <summary>
/// Keeps one instrument's local book in step with Binance USD-M futures' diff-depth stream, by the venue's procedure
/// (exchange-protocols 1.3): buffer events, take a REST snapshot, drop buffered events with <c>u &lt; lastUpdateId</c>,
/// start from the event with <c>U &lt;= lastUpdateId &lt;= u</c>, then require every event's <c>pu</c> to equal the previous
/// event's <c>u</c> (never <c>U == u + 1</c>: that rule is spot's). A gap, a reconnect or a crossed book starts it over with
/// a new snapshot on the same socket; an event whose <c>u</c> the book has already passed (a duplicate, or one that
/// arrived after its successor) is dropped. Rows reach the book through <see cref="IDepthRowTarget"/>: the snapshot as
/// convert writes it (a clear per side, then snapshot rows), then the diffs' rows.
/// </summary>
/// <remarks>Runs on the core loop's thread; rows are copied only while buffering (before a snapshot arrives).</remarks>
public sealed class FuturesDepthSynchronizer : IDepthSynchronizer
{
    /// <summary>Buffered events kept while a snapshot is on its way; past this the oldest are dropped and a fresh snapshot asked for.</summary>
    public const int MaxBufferedEvents = 20_000;

    private readonly int _instrument;
    private readonly IDepthRowTarget _target;
    private readonly List<BufferedUpdate> _buffer = new();
    private MarketEvent[]? _snapshotRows;
    private long _snapshotId;
    private long _lastId;
    private bool _snapshotWanted = true;

    /// <summary>A synchronizer for <paramref name="instrument"/>, not yet synced (it wants a snapshot).</summary>
    public FuturesDepthSynchronizer(int instrument, IDepthRowTarget target)
    {
        _instrument = instrument;
        _target = target;
        LastResyncReason = "start";
    }

    /// <summary>True while diffs are applied as they come.</summary>
    public bool IsSynced { get; private set; }

    /// <summary>Times the book was rebuilt after it had been synced.</summary>
    public int Resyncs { get; private set; }

    /// <summary>Why the book was last (re)built.</summary>
    public string LastResyncReason { get; private set; }

    /// <summary>The <c>u</c> of the last event applied.</summary>
    public long LastUpdateId => _lastId;

    /// <summary>Events waiting for a snapshot.</summary>
    public int Buffered => _buffer.Count;

    /// <summary>True once if a snapshot should be requested now (none is on its way); the caller then requests it.</summary>
    public bool TakeSnapshotRequest()
    {
        if (!_snapshotWanted) return false;
        _snapshotWanted = false;
        return true;
    }

    /// <summary>A snapshot request failed; ask again on the next event.</summary>
    public void SnapshotFailed()
    {
        if (!IsSynced) _snapshotWanted = true;
    }

    /// <summary>Starts over: the book must be rebuilt from a new snapshot (a reconnect, a crossed book).</summary>
    public void Resync(string reason)
    {
        if (IsSynced) Resyncs++;
        IsSynced = false;
        LastResyncReason = reason;
        _buffer.Clear();
        _snapshotRows = null;
        _snapshotWanted = true;
    }

    /// <summary>One diff event, with its update ids and its rows (convert's rows for it).</summary>
    public void OnDiff(in DepthUpdateIds ids, ReadOnlySpan<MarketEvent> rows)
    {
        if (IsSynced)
        {
            // A frame seen twice, or one overtaken by its successor: nothing new for the book.
            if (ids.LastId <= _lastId) return;
            if (ids.PreviousId == _lastId)
            {
                Apply(rows);
                _lastId = ids.LastId;
                return;
            }
            Resync($"gap: pu {ids.PreviousId} after u {_lastId}");
        }
        if (_buffer.Count == MaxBufferedEvents)
        {
            _buffer.RemoveAt(0);
            _snapshotRows = null;
            _snapshotWanted = true;
        }
        _buffer.Add(new BufferedUpdate(ids.FirstId, ids.LastId, ids.PreviousId, rows.ToArray()));
        TryComplete();
    }

    /// <summary>A REST snapshot (<c>lastUpdateId</c> and convert's rows for it).</summary>
    public void OnSnapshot(long lastUpdateId, ReadOnlySpan<MarketEvent> rows)
    {
        if (IsSynced) return;
        _snapshotId = lastUpdateId;
        _snapshotRows = rows.ToArray();
        TryComplete();
    }

    private void TryComplete()
    {
        if (_snapshotRows is null) return;
        _buffer.RemoveAll(b => b.LastId < _snapshotId);
        if (_buffer.Count == 0) return;
        var first = _buffer[0];
        if (first.FirstId > _snapshotId)
        {
            // The snapshot is older than everything buffered: take another one.
            _snapshotRows = null;
            _snapshotWanted = true;
            return;
        }
        Apply([BookReset.Before(_snapshotRows)]);
        Apply(_snapshotRows);
        _snapshotRows = null;
        Apply(first.Rows);
        _lastId = first.LastId;
        for (int i = 1; i < _buffer.Count; i++)
        {
            var next = _buffer[i];
            if (next.LastId <= _lastId) continue;
            if (next.PreviousId != _lastId)
            {
                // Synced for a moment, so the gap counts as a resync.
                IsSynced = true;
                var rest = _buffer.GetRange(i, _buffer.Count - i);
                Resync($"gap: pu {next.PreviousId} after u {_lastId} (while catching up)");
                _buffer.AddRange(rest);
                return;
            }
            Apply(next.Rows);
            _lastId = next.LastId;
        }
        _buffer.Clear();
        IsSynced = true;
    }

    private void Apply(ReadOnlySpan<MarketEvent> rows) => _target.Apply(_instrument, rows);

    private sealed record BufferedUpdate(long FirstId, long LastId, long PreviousId, MarketEvent[] Rows);
}
