using Hft.Backtest.Conversion;
using Hft.Core.Markets;
using Hft.Exchanges.Binance.Spot.Book;
using Hft.Exchanges.Common;

namespace Hft.Engine.Tests.Exchanges;

/// <summary>The spot book procedure (exchange-protocols 2.3): contiguous ids, u &lt;= lastUpdateId dropped, old snapshots taken again.</summary>
public sealed class SpotDepthSynchronizerTests
{
    private sealed class Rows : IDepthRowTarget
    {
        public readonly List<double> Prices = new();
        public int Resets;
        public void Apply(int instrument, ReadOnlySpan<MarketEvent> rows)
        {
            foreach (var r in rows)
            {
                if ((r.Flags & 0xFF) == EventFlags.DepthClear && !r.IsBuy && !r.IsSell) Resets++;
                else Prices.Add(r.Price);
            }
        }
    }

    private static DepthUpdateIds Ids(long first, long last) => new(true, first, last, false, 0, 0, 0);

    private static MarketEvent[] Row(double price) => [new(EventFlags.Depth | EventFlags.Buy, 0, 0, price, 1)];

    [Test]
    public void Syncs_and_applies_contiguous_events()
    {
        var rows = new Rows();
        var sync = new SpotDepthSynchronizer(0, rows);
        sync.OnDiff(Ids(157, 160), Row(1));
        sync.OnDiff(Ids(161, 165), Row(2));
        sync.OnSnapshot(160, Row(9));
        Assert.That(sync.IsSynced, Is.True);
        Assert.That(rows.Resets, Is.EqualTo(1));
        Assert.That(rows.Prices, Is.EqualTo(new[] { 9.0, 2 }), "u <= lastUpdateId is dropped (spot's rule: <=, futures' is <)");
        sync.OnDiff(Ids(166, 170), Row(3));
        sync.OnDiff(Ids(150, 155), Row(4)); // old: ignored
        Assert.That(rows.Prices, Is.EqualTo(new[] { 9.0, 2, 3 }));
        Assert.That(sync.LastUpdateId, Is.EqualTo(170));
    }

    [Test]
    public void A_missed_event_starts_over()
    {
        var rows = new Rows();
        var sync = new SpotDepthSynchronizer(0, rows);
        sync.TakeSnapshotRequest();
        sync.OnDiff(Ids(10, 12), Row(1));
        sync.OnSnapshot(11, []);
        sync.OnDiff(Ids(14, 15), Row(2)); // 13 missing
        Assert.That(sync.IsSynced, Is.False);
        Assert.That(sync.Resyncs, Is.EqualTo(1));
        Assert.That(sync.TakeSnapshotRequest(), Is.True);
        Assert.That(rows.Prices, Does.Not.Contain(2.0));
    }

    [Test]
    public void A_snapshot_older_than_the_first_event_is_taken_again()
    {
        var sync = new SpotDepthSynchronizer(0, new Rows());
        sync.TakeSnapshotRequest();
        sync.OnDiff(Ids(200, 210), []);
        sync.OnSnapshot(150, []);
        Assert.That(sync.IsSynced, Is.False);
        Assert.That(sync.TakeSnapshotRequest(), Is.True);
        sync.OnSnapshot(205, []);
        Assert.That(sync.IsSynced, Is.True);
        Assert.That(sync.LastUpdateId, Is.EqualTo(210));
    }
}
