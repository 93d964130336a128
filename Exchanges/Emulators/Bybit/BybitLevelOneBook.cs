using Hft.Core.Markets;

namespace Hft.Exchanges.Emulators.Bybit;

/// <summary>
/// The <c>orderbook.1.{symbol}</c> topic (exchange-protocols 3.2.3, 3.2.4 rule 5): snapshot-only. When the best bid or ask
/// (price or size) of the published book changed, a new snapshot goes out at most every 10 ms of replay time with its own
/// <c>u</c> one past the last; when nothing changed for 3 seconds of replay time the same snapshot (same <c>u</c>,
/// <c>seq</c>, <c>cts</c>, levels; a new <c>ts</c>) is pushed again. A book-service restart starts <c>u</c> at 1 again.
/// Called under the venue's lock.
/// </summary>
public sealed class BybitLevelOneBook
{
    /// <summary>Push interval of level 1 (linear), in replay nanoseconds.</summary>
    public const long IntervalNanos = 10_000_000;

    /// <summary>How long an unchanged level 1 waits before its snapshot is pushed again, in replay nanoseconds.</summary>
    public const long RepeatNanos = 3_000_000_000;

    private readonly BybitVenue _venue;
    private (long Tick, long Lots)? _bid, _ask;
    private long _seq, _cts;
    private long _lastSentNanos = long.MinValue / 2;
    private bool _published;

    /// <summary>Level 1 of <paramref name="venue"/>'s book; its <c>u</c> starts at <paramref name="firstUpdateId"/>.</summary>
    public BybitLevelOneBook(BybitVenue venue, long firstUpdateId)
    {
        _venue = venue;
        UpdateId = firstUpdateId - 1;
    }

    /// <summary>The topic name.</summary>
    public string Topic => "orderbook.1." + _venue.Symbol.Name;

    /// <summary>The <c>u</c> of the last snapshot made.</summary>
    public long UpdateId { get; private set; }

    /// <summary>The book service restarted: the next snapshot has <c>u</c> = 1, whether or not the top moved.</summary>
    public void Reset()
    {
        UpdateId = 0;
        _published = false;
    }

    /// <summary>A socket subscribed: it gets the current snapshot (a new one for everybody if the top moved since the last).</summary>
    public void OnSubscribe(BybitConnection c, long clockNanos, long nowMs)
    {
        if (!_published || Moved())
        {
            // The new state goes to every level-1 socket, the new one included (it subscribed already).
            Make(nowMs);
            Send(clockNanos, nowMs);
            return;
        }
        c.Socket.Send(Frame(nowMs));
    }

    /// <summary>
    /// The replay clock reached <paramref name="clockNanos"/>: a new snapshot if the top moved and 10 ms passed since the
    /// last push, the same one again if 3 s passed without a change; nothing while the streams are <paramref name="silent"/>.
    /// </summary>
    public void Tick(long clockNanos, long nowMs, bool silent)
    {
        if (silent || clockNanos - _lastSentNanos < IntervalNanos) return;
        if (!_published || Moved())
        {
            Make(nowMs);
            Send(clockNanos, nowMs);
        }
        else if (clockNanos - _lastSentNanos >= RepeatNanos)
        {
            Send(clockNanos, nowMs);
        }
    }

    private bool Moved() => _bid != _venue.Book.BestBid || _ask != _venue.Book.BestAsk;

    private void Make(long nowMs)
    {
        _bid = _venue.Book.BestBid;
        _ask = _venue.Book.BestAsk;
        UpdateId++;
        _seq = _venue.NextCrossSequence();
        _cts = nowMs;
        _published = true;
    }

    private void Send(long clockNanos, long nowMs)
    {
        _lastSentNanos = clockNanos;
        if (_venue.Public.HasSubscribers(Topic)) _venue.Public.Publish(Topic, Frame(nowMs));
    }

    private byte[] Frame(long nowMs) =>
        BybitJson.LevelOne(_venue.Symbol, nowMs, UpdateId, _seq, _cts, _bid is { } b ? [b] : [], _ask is { } a ? [a] : []);
}
