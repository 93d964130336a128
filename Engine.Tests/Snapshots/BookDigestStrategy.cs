using Hft.Core.Books;
using Hft.Core.Markets;
using Hft.Core.Strategies;

namespace Hft.Engine.Tests.Snapshots;

/// <summary>Sends no orders; after every depth event from <paramref name="from"/> on, records a digest of the local book near the touch.</summary>
internal sealed class BookDigestStrategy(long from, int ticks = 200) : Strategy
{
    public List<(long Time, long BestBid, long BestAsk, ulong Levels)> Digests { get; } = new();

    public override void OnDepth(int instrument, in MarketEvent update)
    {
        if (Context.Now < from) return;
        var d = Context.Depth(instrument);
        Digests.Add((Context.Now, d.BestBidTick, d.BestAskTick, Levels(d, ticks)));
    }

    /// <summary>FNV-1a over the quantities of the <paramref name="ticks"/> ticks behind each best price.</summary>
    public static ulong Levels(MarketDepth d, int ticks)
    {
        ulong hash = 14695981039346656037UL;
        void Mix(double q) => hash = (hash ^ (ulong)BitConverter.DoubleToInt64Bits(q)) * 1099511628211UL;
        if (d.BestBidTick != MarketDepth.InvalidMin)
        {
            for (long t = d.BestBidTick; t > d.BestBidTick - ticks; t--) Mix(d.BidQuantityAt(t));
        }
        if (d.BestAskTick != MarketDepth.InvalidMax)
        {
            for (long t = d.BestAskTick; t < d.BestAskTick + ticks; t++) Mix(d.AskQuantityAt(t));
        }
        return hash;
    }
}
