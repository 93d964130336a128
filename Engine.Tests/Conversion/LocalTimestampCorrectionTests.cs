using Hft.Backtest.Conversion;
using Hft.Core.Markets;

namespace Hft.Engine.Tests.Conversion;

public sealed class LocalTimestampCorrectionTests
{
    private static MarketEvent Row(long exchange, long local) => new(EventFlags.Depth | EventFlags.Buy, exchange, local, 1, 1);

    [Test]
    public void A_negative_minimum_latency_shifts_every_row_by_minus_the_minimum_plus_the_base()
    {
        // Latencies 10, -5, 3: the minimum is -5, so local_ts += 5 + 100.
        var rows = new EventRowStore([Row(1000, 1010), Row(2000, 1995), Row(3000, 3003)]);

        long offset = LocalTimestampCorrection.Apply(rows, baseLatency: 100);

        Assert.That(offset, Is.EqualTo(105));
        Assert.That(rows.ToArray().Select(r => r.LocalTime), Is.EqualTo(new long[] { 1115, 2100, 3108 }));
        Assert.That(rows.ToArray().Select(r => r.ExchangeTime), Is.EqualTo(new long[] { 1000, 2000, 3000 }));
        // The fastest row now has exactly the base latency.
        Assert.That(LocalTimestampCorrection.MinimumLatency(rows), Is.EqualTo(100));
    }

    [Test]
    public void Non_negative_latencies_leave_the_rows_alone_and_do_not_add_the_base()
    {
        var original = new[] { Row(1000, 1000), Row(2000, 2007) };
        var rows = new EventRowStore(original);

        long offset = LocalTimestampCorrection.Apply(rows, baseLatency: 100);

        Assert.That(offset, Is.Zero);
        Assert.That(rows.ToArray(), Is.EqualTo(original));
    }

    [Test]
    public void Without_rows_nothing_happens()
    {
        var rows = new EventRowStore();
        Assert.That(LocalTimestampCorrection.MinimumLatency(rows), Is.EqualTo(long.MaxValue));
        Assert.That(LocalTimestampCorrection.Apply(rows, 5), Is.Zero);
    }

    [Test]
    public void Rows_in_every_chunk_are_shifted()
    {
        // More than one 65 536-row chunk, with the worst latency in the last one.
        var source = Enumerable.Range(0, 200_000).Select(i => Row(i * 10L, i * 10L + 7)).ToArray();
        source[^1] = Row(source[^1].ExchangeTime, source[^1].ExchangeTime - 3);
        var rows = new EventRowStore(source);

        Assert.That(LocalTimestampCorrection.Apply(rows, 0), Is.EqualTo(3));
        Assert.That(rows[0].LocalTime, Is.EqualTo(10));
        Assert.That(rows[100_000].LocalTime, Is.EqualTo(1_000_010));
        Assert.That(rows[199_999].LocalTime, Is.EqualTo(1_999_990));
    }
}
