using Hft.Core.Markets;
using Hft.Exchanges.Common;

namespace Hft.Exchanges.Bybit.Book;

/// <summary>
/// Keeps one instrument's local book in step with Bybit's <c>orderbook.{depth}.{symbol}</c> topic (exchange-protocols
/// 3.2.4): the snapshot comes on the socket (no REST call), so a sync is a snapshot replacing the book whole; a delta
/// with <c>u</c> one past the last is applied; an older or repeated <c>u</c> is ignored; <c>u == 1</c> (the venue
/// restarted) replaces the book even when the message says delta; a jump in <c>u</c> drops the book until a new
/// snapshot, which the gateway asks for by subscribing again. Level 1 repeats its snapshot with the same <c>u</c>.
/// </summary>
/// <remarks>Runs on the core loop's thread.</remarks>
public sealed class BybitBookSynchronizer
{
    private readonly int _instrument;
    private readonly IDepthRowTarget _target;
    private readonly MarketEvent[] _one = new MarketEvent[1];

    /// <summary>A synchronizer for <paramref name="instrument"/> whose checked rows go to <paramref name="target"/>.</summary>
    public BybitBookSynchronizer(int instrument, IDepthRowTarget target)
    {
        _instrument = instrument;
        _target = target;
    }

    /// <summary>True while deltas are applied as they come.</summary>
    public bool IsSynced { get; private set; }

    /// <summary>The update id <c>u</c> of the last message applied.</summary>
    public long LastUpdateId { get; private set; }

    /// <summary>Times the book was dropped after it had been synced.</summary>
    public int Resyncs { get; private set; }

    /// <summary>Why the book was last (re)built or dropped.</summary>
    public string LastResyncReason { get; private set; } = "start";

    /// <summary>True once after the book was dropped for a gap: the gateway then subscribes the topic again for a snapshot.</summary>
    public bool TakeResubscribeRequest()
    {
        bool wanted = _resubscribe;
        _resubscribe = false;
        return wanted;
    }

    private bool _resubscribe;

    /// <summary>A <c>snapshot</c> message: the book is replaced by <paramref name="rows"/>.</summary>
    public void OnSnapshot(long updateId, ReadOnlySpan<MarketEvent> rows)
    {
        // Level 1 pushes the same snapshot again when nothing changed: nothing to redo.
        if (IsSynced && updateId == LastUpdateId && updateId != 1) return;
        Replace(updateId, rows, IsSynced ? $"snapshot at u={updateId}" : $"snapshot at u={updateId} ({LastResyncReason})");
    }

    /// <summary>A <c>delta</c> message with its update id and rows.</summary>
    public void OnDelta(long updateId, ReadOnlySpan<MarketEvent> rows)
    {
        if (updateId == 1)
        {
            // The venue restarted its book service: this message is the whole book.
            if (IsSynced) Resyncs++;
            Replace(updateId, rows, "u = 1: the venue reset its book");
            return;
        }
        if (!IsSynced || updateId <= LastUpdateId) return;
        if (updateId != LastUpdateId + 1)
        {
            Drop($"gap: u jumped from {LastUpdateId} to {updateId}", resubscribe: true);
            return;
        }
        LastUpdateId = updateId;
        _target.Apply(_instrument, rows);
    }

    /// <summary>Drops the book until the next snapshot (a reconnect, a crossed book, a bad message).</summary>
    /// <param name="reason">Why, for the log.</param>
    /// <param name="resubscribe">True if the stream stays up and the topic must be subscribed again to get a snapshot.</param>
    public void Drop(string reason, bool resubscribe)
    {
        if (IsSynced) Resyncs++;
        IsSynced = false;
        LastResyncReason = reason;
        _resubscribe |= resubscribe;
    }

    private void Replace(long updateId, ReadOnlySpan<MarketEvent> rows, string reason)
    {
        // Nothing of the old book may survive: a snapshot clears each side only out to its own furthest level.
        _one[0] = BookReset.Before(rows);
        _target.Apply(_instrument, _one);
        _target.Apply(_instrument, rows);
        IsSynced = true;
        LastUpdateId = updateId;
        LastResyncReason = reason;
        _resubscribe = false;
    }
}
