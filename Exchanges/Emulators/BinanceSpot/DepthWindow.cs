namespace Hft.Exchanges.Emulators.BinanceSpot;

/// <summary>
/// The changes one diff-depth cadence (<c>@depth</c>: 1000 ms, <c>@depth@100ms</c>) has collected since its last
/// event: the first and last update id covered and the latest quantity of every level touched. Because spot ids
/// are contiguous and a window covers every id in between, an event's <c>U</c> is always the previous <c>u</c> + 1.
/// </summary>
internal sealed class DepthWindow(int intervalMs)
{
    private readonly Dictionary<long, long> _bids = new();
    private readonly Dictionary<long, long> _asks = new();
    private long _first = -1, _last = -1;

    /// <summary>The cadence (ms).</summary>
    public int IntervalMs { get; } = intervalMs;

    /// <summary>Environment.TickCount64 at which the next event is due.</summary>
    public long NextDue { get; set; }

    /// <summary>True when the next event is to be left out (an injected gap).</summary>
    public bool SkipNext { get; set; }

    /// <summary>True when changes are waiting.</summary>
    public bool HasPending => _first >= 0;

    /// <summary>Adds one replay message's changes, which took update ids <paramref name="first"/> to <paramref name="last"/>.</summary>
    public void Add(long first, long last, IEnumerable<(bool Bid, long Tick, long Lots)> changes)
    {
        if (_first < 0) _first = first;
        _last = last;
        foreach (var (bid, tick, lots) in changes) (bid ? _bids : _asks)[tick] = lots;
    }

    /// <summary>Takes the collected event: ids, bids best first, asks best first; the window starts empty again.</summary>
    public (long First, long Last, List<(long Tick, long Lots)> Bids, List<(long Tick, long Lots)> Asks) Take()
    {
        var bids = _bids.OrderByDescending(kv => kv.Key).Select(kv => (kv.Key, kv.Value)).ToList();
        var asks = _asks.OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value)).ToList();
        var taken = (_first, _last, bids, asks);
        _bids.Clear();
        _asks.Clear();
        _first = _last = -1;
        return taken;
    }
}
