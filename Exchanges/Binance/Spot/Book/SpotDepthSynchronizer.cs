using Hft.Backtest.Conversion;
using Hft.Core.Markets;
using Hft.Exchanges.Common;

namespace Hft.Exchanges.Binance.Spot.Book;

/// <summary>
/// Keeps one instrument's local book in step with Binance spot's diff-depth stream, by the venue's procedure
/// (exchange-protocols 2.3), whose rules differ from futures' (4.1, 4.2): ids are contiguous (<c>U == previous u + 1</c>,
/// there is no <c>pu</c>); buffered events with <c>u &lt;= lastUpdateId</c> are dropped; a snapshot older than the first
/// buffered event (<c>lastUpdateId &lt; U</c>) is taken again; after that an event with <c>u</c> below the book's id is old
/// and ignored, and one with <c>U</c> above the book's id + 1 means events were missed: start over.
/// </summary>
public sealed class SpotDepthSynchronizer : IDepthSynchronizer
{
    /// <summary>Buffered events kept while a snapshot is on its way.</summary>
    public const int MaxBufferedEvents = 20_000;

    private readonly int _instrument;
    private readonly IDepthRowTarget _target;
    private readonly List<(long FirstId, long LastId, MarketEvent[] Rows)> _buffer = new();
    private MarketEvent[]? _snapshotRows;
    private long _snapshotId;
    private long _lastId;
    private bool _snapshotWanted = true;

    /// <summary>A synchronizer for <paramref name="instrument"/>, not yet synced.</summary>
    public SpotDepthSynchronizer(int instrument, IDepthRowTarget target)
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

    /// <summary>The book's update id (the <c>u</c> of the last event applied).</summary>
    public long LastUpdateId => _lastId;

    /// <summary>True once if a snapshot should be requested now.</summary>
    public bool TakeSnapshotRequest()
    {
        if (!_snapshotWanted) return false;
        _snapshotWanted = false;
        return true;
    }

    /// <summary>A snapshot request failed; ask again.</summary>
    public void SnapshotFailed()
    {
        if (!IsSynced) _snapshotWanted = true;
    }

    /// <summary>Starts over from a new snapshot.</summary>
    public void Resync(string reason)
    {
        if (IsSynced) Resyncs++;
        IsSynced = false;
        LastResyncReason = reason;
        _buffer.Clear();
        _snapshotRows = null;
        _snapshotWanted = true;
    }

    /// <summary>One diff event with its ids (<c>U</c>, <c>u</c>) and rows.</summary>
    public void OnDiff(in DepthUpdateIds ids, ReadOnlySpan<MarketEvent> rows)
    {
        if (IsSynced)
        {
            if (ids.LastId < _lastId) return;
            if (ids.FirstId > _lastId + 1)
            {
                Resync($"gap: U {ids.FirstId} after u {_lastId}");
            }
            else
            {
                _target.Apply(_instrument, rows);
                _lastId = ids.LastId;
                return;
            }
        }
        if (_buffer.Count == MaxBufferedEvents)
        {
            _buffer.RemoveAt(0);
            _snapshotRows = null;
            _snapshotWanted = true;
        }
        _buffer.Add((ids.FirstId, ids.LastId, rows.ToArray()));
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
        if (_snapshotRows is null || _buffer.Count == 0) return;
        if (_snapshotId < _buffer[0].FirstId)
        {
            // Older than the first event received: the events in between are unknown.
            _snapshotRows = null;
            _snapshotWanted = true;
            return;
        }
        _buffer.RemoveAll(b => b.LastId <= _snapshotId);
        _target.Apply(_instrument, [BookReset.Before(_snapshotRows)]);
        _target.Apply(_instrument, _snapshotRows);
        _snapshotRows = null;
        _lastId = _snapshotId;
        IsSynced = true;
        var pending = _buffer.ToArray();
        _buffer.Clear();
        foreach (var (first, last, eventRows) in pending)
        {
            OnDiff(new DepthUpdateIds(true, first, last, false, 0, 0, 0), eventRows);
            if (!IsSynced) return;
        }
    }
}
