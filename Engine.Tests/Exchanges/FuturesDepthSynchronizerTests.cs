using Hft.Backtest.Conversion;
using Hft.Core.Markets;
using Hft.Engine.Tests.Conversion;
using Hft.Exchanges.Binance.Futures.Book;
using Hft.Exchanges.Common;

namespace Hft.Engine.Tests.Exchanges;

/// <summary>The futures book procedure (exchange-protocols 1.3): snapshot and buffer, pu continuity, resync on a gap.</summary>
public sealed class FuturesDepthSynchronizerTests
{
    /// <summary>Collects the rows; whole-book clears (the reset before a snapshot) are counted apart.</summary>
    private sealed class Rows : IDepthRowTarget
    {
        public readonly List<MarketEvent> Applied = new();
        public int Resets;
        public void Apply(int instrument, ReadOnlySpan<MarketEvent> rows)
        {
            foreach (var r in rows)
            {
                if ((r.Flags & 0xFF) == EventFlags.DepthClear && !r.IsBuy && !r.IsSell) Resets++;
                else Applied.Add(r);
            }
        }
    }

    private static DepthUpdateIds Ids(long first, long last, long previous) => new(true, first, last, true, previous, 0, 0);

    private static MarketEvent Bid(double price, double qty) => new(EventFlags.Depth | EventFlags.Buy, 0, 0, price, qty);

    [Test]
    public void Syncs_from_the_snapshot_and_the_first_event_that_spans_it()
    {
        var rows = new Rows();
        var sync = new FuturesDepthSynchronizer(0, rows);
        Assert.That(sync.TakeSnapshotRequest(), Is.True);
        Assert.That(sync.TakeSnapshotRequest(), Is.False, "one request at a time");
        sync.OnDiff(Ids(90, 95, 80), [Bid(1, 1)]);     // u < lastUpdateId: dropped
        sync.OnDiff(Ids(96, 105, 95), [Bid(2, 2)]);    // U <= 100 <= u: the first to apply
        sync.OnDiff(Ids(110, 120, 105), [Bid(3, 3)]);  // pu == previous u
        Assert.That(sync.IsSynced, Is.False);
        sync.OnSnapshot(100, [new MarketEvent(EventFlags.DepthSnapshot | EventFlags.Buy, 0, 0, 9, 9)]);
        Assert.That(sync.IsSynced, Is.True);
        Assert.That(rows.Resets, Is.EqualTo(1), "the book is emptied before the snapshot, so nothing from before the sync survives");
        Assert.That(rows.Applied.Select(r => r.Price), Is.EqualTo(new[] { 9.0, 2, 3 }));
        Assert.That(sync.LastUpdateId, Is.EqualTo(120));
        sync.OnDiff(Ids(200, 210, 120), [Bid(4, 4)]);
        Assert.That(rows.Applied.Last().Price, Is.EqualTo(4));
    }

    [Test]
    public void A_gap_in_pu_starts_over_with_a_new_snapshot()
    {
        var rows = new Rows();
        var sync = new FuturesDepthSynchronizer(0, rows);
        sync.TakeSnapshotRequest();
        sync.OnDiff(Ids(96, 105, 95), [Bid(2, 2)]);
        sync.OnSnapshot(100, []);
        Assert.That(sync.IsSynced, Is.True);
        int applied = rows.Applied.Count;
        sync.OnDiff(Ids(130, 140, 125), [Bid(5, 5)]); // pu 125 != last u 105
        Assert.That(sync.IsSynced, Is.False);
        Assert.That(sync.Resyncs, Is.EqualTo(1));
        Assert.That(sync.LastResyncReason, Does.Contain("gap"));
        Assert.That(rows.Applied, Has.Count.EqualTo(applied), "nothing after a gap reaches the book");
        Assert.That(sync.TakeSnapshotRequest(), Is.True);
        sync.OnDiff(Ids(141, 150, 140), [Bid(6, 6)]);
        sync.OnSnapshot(145, []);
        Assert.That(sync.IsSynced, Is.True);
        Assert.That(rows.Applied.Last().Price, Is.EqualTo(6));
    }

    [Test]
    public void A_snapshot_older_than_everything_buffered_is_taken_again()
    {
        var sync = new FuturesDepthSynchronizer(0, new Rows());
        sync.TakeSnapshotRequest();
        sync.OnDiff(Ids(200, 210, 190), []);
        sync.OnSnapshot(150, []);
        Assert.That(sync.IsSynced, Is.False);
        Assert.That(sync.TakeSnapshotRequest(), Is.True);
    }

    [Test]
    public void The_captured_futures_sequence_chains_by_pu()
    {
        // Real btcusdt@depth@0ms frames: U jumps above the previous u + 1, pu always equals it (exchange-protocols 4.1).
        var lines = ExchangeFixtures.Require("binance-futures/depthUpdate-sequence-captured.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var parser = new BinanceMessageParser(BinanceVenue.Futures);
        var store = new EventRowStore();
        var rows = new Rows();
        var sync = new FuturesDepthSynchronizer(0, rows);
        sync.TakeSnapshotRequest();
        var depth = new List<DepthUpdateIds>();
        foreach (var line in lines)
        {
            store.Clear();
            if (parser.ParseMessage(System.Text.Encoding.UTF8.GetBytes(line), 1, store) != RawMessageKind.DepthUpdate) continue;
            depth.Add(parser.LastUpdate);
            sync.OnDiff(parser.LastUpdate, store.ToArray());
        }
        Assert.That(depth, Has.Count.EqualTo(5));
        Assert.That(depth.Skip(1).Zip(depth).All(p => p.First.PreviousId == p.Second.LastId), Is.True);
        Assert.That(depth.Skip(1).Zip(depth).Any(p => p.First.FirstId != p.Second.LastId + 1), Is.True, "the spot rule would see gaps here");
        sync.OnSnapshot(depth[0].LastId, []);
        Assert.That(sync.IsSynced, Is.True);
        Assert.That(sync.Resyncs, Is.Zero);
        Assert.That(sync.LastUpdateId, Is.EqualTo(depth[^1].LastId));
    }
}
