using System.Globalization;
using Hft.Core.Markets;

namespace Hft.Exchanges.Emulators.Bybit;

/// <summary>
/// The public <c>tickers.{symbol}</c> topic: a snapshot on subscribe, then, about every 100 ms of replay time while the
/// top of the published book or the last price changed, a delta per socket carrying only the fields that differ from what
/// that socket last got. Prices and sizes are the published book's; the 24-hour figures are those of the replayed trades
/// since the replay started (the emulator's day). Called under the venue's lock.
/// </summary>
public sealed class BybitTickerFeed
{
    /// <summary>Push interval of linear tickers, in replay nanoseconds.</summary>
    public const long IntervalNanos = 100_000_000;

    private const long FundingIntervalMs = 8 * 3600 * 1000;
    private readonly BybitVenue _venue;
    private long _nextDueNanos;
    private long? _firstTick, _lastTick, _high, _low;
    private string _direction = "ZeroPlusTick";
    private decimal _volume, _turnover;

    /// <summary>The feed of <paramref name="venue"/>.</summary>
    public BybitTickerFeed(BybitVenue venue) => _venue = venue;

    /// <summary>The topic name.</summary>
    public string Topic => "tickers." + _venue.Symbol.Name;

    /// <summary>Last replayed trade price in ticks (null before the first trade).</summary>
    public long? LastTradeTick => _lastTick;

    /// <summary>Counts one replayed trade into the last price, tick direction and 24-hour figures.</summary>
    public void OnTrade(long tick, long lots)
    {
        _firstTick ??= tick;
        if (_lastTick is { } last)
        {
            // Bybit's tick direction: Plus/Minus when the price moved, Zero* keeps the direction of the last move.
            _direction = tick > last ? "PlusTick" : tick < last ? "MinusTick" : _direction is "MinusTick" or "ZeroMinusTick" ? "ZeroMinusTick" : "ZeroPlusTick";
        }
        _lastTick = tick;
        _high = Math.Max(_high ?? tick, tick);
        _low = Math.Min(_low ?? tick, tick);
        var s = _venue.Symbol;
        _volume += s.QuantityOf(lots);
        _turnover += s.PriceOf(tick) * s.QuantityOf(lots);
    }

    /// <summary>The ticker now, from the published book and the replayed trades.</summary>
    public BybitTicker Current(long nowMs)
    {
        var s = _venue.Symbol;
        var book = _venue.Book;
        string Price(long? tick) => tick is { } t ? s.PriceText(t) : "";
        string pcnt = _firstTick is { } first && _lastTick is { } last && first > 0
            ? Math.Round((decimal)(last - first) / first, 6).ToString("0.000000", CultureInfo.InvariantCulture) : "0.000000";
        decimal mark = _venue.MarkPrice;
        string markText = mark > 0 ? s.PriceText(mark) : Price(_lastTick);
        long nextFunding = (nowMs / FundingIntervalMs + 1) * FundingIntervalMs;
        return new BybitTicker(
        [
            s.Name, _direction, pcnt, Price(_lastTick), Price(_firstTick), Price(_high), Price(_low), Price(_firstTick),
            markText, markText, "0", "0", _turnover.ToString("0.0000", CultureInfo.InvariantCulture), _volume.ToString("0.0000", CultureInfo.InvariantCulture),
            "8", "0.005", nextFunding.ToString(CultureInfo.InvariantCulture), "0.0001",
            Price(book.BestBid?.Tick), book.BestBid is { } b ? s.QuantityText(b.Lots) : "",
            Price(book.BestAsk?.Tick), book.BestAsk is { } a ? s.QuantityText(a.Lots) : "",
            "", "", "",
        ]);
    }

    /// <summary>A socket subscribed: it gets the whole ticker now, the state its deltas are then measured against.</summary>
    public void OnSubscribe(BybitConnection c, long nowMs)
    {
        var now = Current(nowMs);
        c.LastTicker = now;
        c.Socket.Send(now.Message(null, _venue.NextCrossSequence(), nowMs));
    }

    /// <summary>
    /// The replay clock reached <paramref name="clockNanos"/>: at each 100 ms step, every subscribed socket whose last
    /// ticker has another top of book or last price gets a delta (none while the streams are <paramref name="silent"/>:
    /// the next delta then carries everything that changed meanwhile).
    /// </summary>
    public void Tick(long clockNanos, long nowMs, bool silent)
    {
        if (clockNanos < _nextDueNanos) return;
        _nextDueNanos = (clockNanos / IntervalNanos + 1) * IntervalNanos;
        if (silent || !_venue.Public.HasSubscribers(Topic)) return;
        var now = Current(nowMs);
        long? cs = null;
        // Sockets that got the same last state get the same delta bytes.
        var built = new Dictionary<BybitTicker, byte[]>();
        foreach (var c in _venue.Public.Taking(Topic))
        {
            if (c.LastTicker is not { } before || !now.TopOrLastChangedSince(before)) continue;
            cs ??= _venue.NextCrossSequence();
            if (!built.TryGetValue(before, out var frame)) built[before] = frame = now.Message(before, cs.Value, nowMs);
            c.Socket.Send(frame);
            c.LastTicker = now;
        }
    }
}
