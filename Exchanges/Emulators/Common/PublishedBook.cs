using Hft.Core.Markets;

namespace Hft.Exchanges.Emulators.Common;

/// <summary>
/// The book as the venue publishes it: levels set to absolute quantities (0 removes), exactly the rules a client
/// applies to snapshots and diff events, so a client that follows the venue's sync procedure holds this very book.
/// Prices are ticks, quantities lots. Not thread-safe: the venue guards it.
/// </summary>
public sealed class PublishedBook
{
    private readonly SortedDictionary<long, long> _bids = new(Comparer<long>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<long, long> _asks = new();

    /// <summary>The update id of the last change applied (the <c>u</c> of the last event).</summary>
    public long LastUpdateId { get; set; }

    /// <summary>Best bid (tick, lots), or null.</summary>
    public (long Tick, long Lots)? BestBid => First(_bids);

    /// <summary>Best ask (tick, lots), or null.</summary>
    public (long Tick, long Lots)? BestAsk => First(_asks);

    /// <summary>Sets a level; 0 lots removes it. False if nothing changed.</summary>
    public bool Set(Side side, long tick, long lots)
    {
        var levels = side == Side.Buy ? _bids : _asks;
        if (lots <= 0) return levels.Remove(tick);
        if (levels.TryGetValue(tick, out long old) && old == lots) return false;
        levels[tick] = lots;
        return true;
    }

    /// <summary>Removes a side's levels from its best out to <paramref name="upToTick"/> inclusive (all with null); adds their ticks to <paramref name="removed"/>.</summary>
    public void Clear(Side side, long? upToTick, List<long> removed)
    {
        var levels = side == Side.Buy ? _bids : _asks;
        int first = removed.Count;
        foreach (long tick in levels.Keys)
        {
            if (upToTick is { } limit && (side == Side.Buy ? tick < limit : tick > limit)) break;
            removed.Add(tick);
        }
        if (upToTick is null) levels.Clear();
        else for (int i = first; i < removed.Count; i++) levels.Remove(removed[i]);
    }

    /// <summary>The best <paramref name="count"/> levels of a side, best first.</summary>
    public List<(long Tick, long Lots)> Top(Side side, int count)
    {
        var list = new List<(long, long)>(Math.Min(count, 1000));
        foreach (var (tick, lots) in side == Side.Buy ? _bids : _asks)
        {
            if (list.Count >= count) break;
            list.Add((tick, lots));
        }
        return list;
    }

    /// <summary>Number of levels on a side.</summary>
    public int LevelCount(Side side) => (side == Side.Buy ? _bids : _asks).Count;

    private static (long, long)? First(SortedDictionary<long, long> levels)
    {
        foreach (var kv in levels) return (kv.Key, kv.Value);
        return null;
    }
}
