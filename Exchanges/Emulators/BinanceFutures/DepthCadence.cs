namespace Hft.Exchanges.Emulators.BinanceFutures;

/// <summary>
/// One update speed of the depth streams (0 ms = every event, or 100/250/500 ms): the changes merged since the
/// last frame (a later quantity for a price replaces an earlier one), the first and last update ids they cover,
/// and the last id sent, which is the next frame's <c>pu</c>.
/// </summary>
public sealed class DepthCadence
{
    private readonly Dictionary<long, long> _bids = new();
    private readonly Dictionary<long, long> _asks = new();

    /// <summary>A cadence of <paramref name="intervalMs"/> (0: every event).</summary>
    public DepthCadence(int intervalMs, long startId)
    {
        IntervalMs = intervalMs;
        LastSentId = startId;
    }

    /// <summary>Interval between frames (ms); 0 for every event.</summary>
    public int IntervalMs { get; }
    /// <summary>First update id of the pending changes (0 when none).</summary>
    public long FirstId { get; private set; }
    /// <summary>Last update id of the pending changes.</summary>
    public long LastId { get; private set; }
    /// <summary>The <c>u</c> of the last frame (sent or left out by a gap): the next frame's <c>pu</c>.</summary>
    public long LastSentId { get; private set; }
    /// <summary>When the next frame is due (Environment.TickCount64 ms).</summary>
    public long NextDue { get; set; }
    /// <summary>True if changes wait to be sent.</summary>
    public bool HasPending => FirstId != 0;
    /// <summary>Leave the next frame out of the stream (gap fault).</summary>
    public bool SkipNext { get; set; }

    /// <summary>Merges one event's changes.</summary>
    public void Add(long first, long last, IReadOnlyList<(long Tick, long Lots)> bids, IReadOnlyList<(long Tick, long Lots)> asks)
    {
        if (FirstId == 0) FirstId = first;
        LastId = last;
        foreach (var (t, l) in bids) _bids[t] = l;
        foreach (var (t, l) in asks) _asks[t] = l;
    }

    /// <summary>Takes the pending changes (prices ascending, as the venue lists them) and marks them sent.</summary>
    public (long First, long Last, long Previous, List<(long, long)> Bids, List<(long, long)> Asks) Take()
    {
        var bids = _bids.OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value)).ToList();
        var asks = _asks.OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value)).ToList();
        var result = (FirstId, LastId, LastSentId, bids, asks);
        LastSentId = LastId;
        FirstId = 0;
        _bids.Clear();
        _asks.Clear();
        return result;
    }
}
