using Hft.Core.Markets;
using Hft.Exchanges.Bybit.Book;
using Hft.Exchanges.Common;

namespace Hft.Engine.Tests.Exchanges.Bybit;

/// <summary>Bybit's book procedure (exchange-protocols 3.2.4): snapshot on the socket, u + 1 deltas, u = 1 reset, resubscribe on a gap.</summary>
public sealed class BybitBookSynchronizerTests
{
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

    private static MarketEvent Bid(double price, double qty) => new(EventFlags.Depth | EventFlags.Buy, 0, 0, price, qty);

    private static MarketEvent SnapshotBid(double price) => new(EventFlags.DepthSnapshot | EventFlags.Buy, 0, 0, price, 1);

    [Test]
    public void Deltas_wait_for_the_snapshot_then_apply_in_order_and_ignore_repeats()
    {
        var rows = new Rows();
        var sync = new BybitBookSynchronizer(0, rows);
        sync.OnDelta(9, [Bid(1, 1)]);
        Assert.That(sync.IsSynced, Is.False);
        Assert.That(rows.Applied, Is.Empty, "a delta before the first snapshot has nothing to apply to");
        sync.OnSnapshot(10, [SnapshotBid(5)]);
        Assert.That(sync.IsSynced, Is.True);
        Assert.That(rows.Resets, Is.EqualTo(1), "the book is emptied before the snapshot");
        sync.OnDelta(11, [Bid(6, 1)]);
        sync.OnDelta(11, [Bid(7, 1)]);
        sync.OnDelta(10, [Bid(8, 1)]);
        sync.OnDelta(12, [Bid(9, 1)]);
        Assert.That(rows.Applied.Select(r => r.Price), Is.EqualTo(new[] { 5.0, 6, 9 }), "a repeated or older u is ignored");
        Assert.That(sync.LastUpdateId, Is.EqualTo(12));
        Assert.That(sync.TakeResubscribeRequest(), Is.False);
    }

    [Test]
    public void A_jump_in_u_drops_the_book_and_asks_for_a_resubscription_until_the_next_snapshot()
    {
        var rows = new Rows();
        var sync = new BybitBookSynchronizer(0, rows);
        sync.OnSnapshot(100, [SnapshotBid(5)]);
        sync.OnDelta(102, [Bid(6, 1)]);
        Assert.That(sync.IsSynced, Is.False);
        Assert.That(sync.Resyncs, Is.EqualTo(1));
        Assert.That(sync.LastResyncReason, Does.Contain("100").And.Contain("102"));
        Assert.That(sync.TakeResubscribeRequest(), Is.True);
        Assert.That(sync.TakeResubscribeRequest(), Is.False, "asked once");
        sync.OnDelta(103, [Bid(7, 1)]);
        Assert.That(rows.Applied.Select(r => r.Price), Is.EqualTo(new[] { 5.0 }), "nothing applies until a snapshot");
        sync.OnSnapshot(200, [SnapshotBid(8)]);
        sync.OnDelta(201, [Bid(9, 1)]);
        Assert.That(rows.Applied.Select(r => r.Price), Is.EqualTo(new[] { 5.0, 8, 9 }));
        Assert.That(rows.Resets, Is.EqualTo(2));
    }

    [Test]
    public void U_equal_to_one_replaces_the_book_even_in_a_delta()
    {
        var rows = new Rows();
        var sync = new BybitBookSynchronizer(0, rows);
        sync.OnSnapshot(5000, [SnapshotBid(5)]);
        sync.OnDelta(1, [Bid(3, 2)]);
        Assert.That(sync.IsSynced, Is.True);
        Assert.That(sync.LastUpdateId, Is.EqualTo(1));
        Assert.That(rows.Resets, Is.EqualTo(2), "the venue restarted: the old book is cleared");
        Assert.That(sync.Resyncs, Is.EqualTo(1));
        sync.OnDelta(2, [Bid(4, 1)]);
        Assert.That(rows.Applied.Select(r => r.Price), Is.EqualTo(new[] { 5.0, 3, 4 }));
    }

    [Test]
    public void A_repeated_level_one_snapshot_with_the_same_u_changes_nothing()
    {
        var rows = new Rows();
        var sync = new BybitBookSynchronizer(0, rows);
        sync.OnSnapshot(7, [SnapshotBid(5)]);
        sync.OnSnapshot(7, [SnapshotBid(5)]);
        Assert.That(rows.Resets, Is.EqualTo(1));
        sync.OnSnapshot(8, [SnapshotBid(6)]);
        Assert.That(rows.Resets, Is.EqualTo(2));
        Assert.That(rows.Applied.Select(r => r.Price), Is.EqualTo(new[] { 5.0, 6 }));
    }

    [Test]
    public void A_drop_after_a_reconnect_waits_for_the_snapshot_the_new_subscription_brings()
    {
        var rows = new Rows();
        var sync = new BybitBookSynchronizer(0, rows);
        sync.OnSnapshot(7, [SnapshotBid(5)]);
        sync.Drop("reconnect", resubscribe: false);
        Assert.That(sync.IsSynced, Is.False);
        Assert.That(sync.TakeResubscribeRequest(), Is.False, "the reconnect already subscribes again");
        sync.OnSnapshot(7, [SnapshotBid(5)]);
        Assert.That(sync.IsSynced, Is.True, "even the same u rebuilds a dropped book");
    }
}
