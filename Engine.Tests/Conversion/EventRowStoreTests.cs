using Hft.Backtest.Conversion;
using Hft.Core.Markets;

namespace Hft.Engine.Tests.Conversion;

public sealed class EventRowStoreTests
{
    [Test]
    public void Holds_rows_across_chunks_in_order()
    {
        var store = new EventRowStore();
        for (int i = 0; i < 150_000; i++) store.Add(new MarketEvent((ulong)i, i, -i, i * 0.5, 1));

        Assert.That(store.Count, Is.EqualTo(150_000));
        Assert.That(store.ChunkCount, Is.EqualTo(3));
        Assert.That(store.Chunk(2).Length, Is.EqualTo(150_000 - 2 * 65_536));
        Assert.That(store[65_536].ExchangeTime, Is.EqualTo(65_536));
        Assert.That(store.ToArray().Select(r => r.ExchangeTime), Is.EqualTo(Enumerable.Range(0, 150_000).Select(i => (long)i)));
    }

    [Test]
    public void Rows_can_be_replaced_in_place_and_indexes_are_checked()
    {
        var store = new EventRowStore([new MarketEvent(1, 2, 3, 4, 5)]);
        store[0] = store[0].WithLocalTime(30);
        Assert.That(store[0].LocalTime, Is.EqualTo(30));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = store[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = store[-1]);
    }
}
