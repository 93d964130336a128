using Hft.Backtest.Data;
using Hft.Backtest.Data.Synthetic;
using Hft.Core.Markets;

namespace Hft.Engine.Tests.Data;

public sealed class SyntheticMarketTests : TempDirectoryTest
{
    private static MarketEvent[] Generate(SyntheticMarketOptions options, int bufferRows = 4096)
    {
        var market = new SyntheticMarket(options);
        var all = new List<MarketEvent>();
        var buffer = new MarketEvent[bufferRows];
        int n;
        while ((n = market.Fill(buffer)) > 0) all.AddRange(buffer.AsSpan(0, n).ToArray());
        Assert.That(market.Remaining, Is.Zero);
        return [.. all];
    }

    [Test]
    public void Same_seed_gives_byte_identical_files()
    {
        var options = new SyntheticMarketOptions(50_000, Seed: 42);
        SyntheticMarket.WriteFile(PathOf("1.npz"), options, compress: true);
        SyntheticMarket.WriteFile(PathOf("2.npz"), options, compress: true);
        Assert.That(File.ReadAllBytes(PathOf("1.npz")), Is.EqualTo(File.ReadAllBytes(PathOf("2.npz"))));
    }

    [Test]
    public void Output_does_not_depend_on_the_buffer_size()
    {
        var options = new SyntheticMarketOptions(20_000, Seed: 3);
        Assert.That(Generate(options, bufferRows: 1), Is.EqualTo(Generate(options, bufferRows: 7777)));
    }

    [Test]
    public void Different_seed_gives_different_rows()
    {
        var a = Generate(new SyntheticMarketOptions(10_000, Seed: 1));
        var b = Generate(new SyntheticMarketOptions(10_000, Seed: 2));
        Assert.That(a.Zip(b).Count(p => !p.First.Equals(p.Second)), Is.GreaterThan(9_000));
    }

    [Test]
    public void Output_is_pinned_so_any_change_in_the_generator_shows()
    {
        // FNV-1a over the raw bytes of the first 100 000 rows for seed 2024. This value must be the same on every
        // machine and .NET version; it changes only when the generator is changed on purpose.
        var rows = Generate(new SyntheticMarketOptions(100_000, Seed: 2024));
        ulong hash = 14695981039346656037UL;
        foreach (byte b in System.Runtime.InteropServices.MemoryMarshal.AsBytes(rows.AsSpan()))
            hash = (hash ^ b) * 1099511628211UL;
        Assert.That(hash.ToString("x16"), Is.EqualTo(PinnedHash));
    }

    private const string PinnedHash = "77119c89088521d7";

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(57)]
    [TestCase(102)]
    [TestCase(12_345)]
    public void Produces_exactly_the_requested_number_of_rows(long events)
    {
        Assert.That(Generate(new SyntheticMarketOptions(events, Seed: 5)), Has.Length.EqualTo(events));
    }

    [Test]
    public void Starts_with_a_clear_and_a_full_snapshot_of_both_sides()
    {
        var options = new SyntheticMarketOptions(1000, Seed: 9) { Levels = 20 };
        var rows = Generate(options);
        const ulong both = EventFlags.Exchange | EventFlags.Local;
        Assert.Multiple(() =>
        {
            Assert.That(rows[0].Flags, Is.EqualTo(both | EventFlags.Buy | EventFlags.DepthClear));
            Assert.That(rows[1].Flags, Is.EqualTo(both | EventFlags.Sell | EventFlags.DepthClear));
            for (int i = 0; i < 20; i++)
            {
                Assert.That(rows[2 + i].Flags, Is.EqualTo(both | EventFlags.Buy | EventFlags.DepthSnapshot));
                Assert.That(rows[22 + i].Flags, Is.EqualTo(both | EventFlags.Sell | EventFlags.DepthSnapshot));
                Assert.That(rows[2 + i].Quantity, Is.GreaterThan(0));
                Assert.That(rows[22 + i].Quantity, Is.GreaterThan(0));
            }
            // Bids best-first (descending), asks best-first (ascending), one tick apart, clears at the far ends.
            for (int i = 1; i < 20; i++)
            {
                Assert.That(Math.Round((rows[1 + i].Price - rows[2 + i].Price) / options.TickSize), Is.EqualTo(1));
                Assert.That(Math.Round((rows[22 + i].Price - rows[21 + i].Price) / options.TickSize), Is.EqualTo(1));
            }
            Assert.That(rows[0].Price, Is.EqualTo(rows[21].Price));
            Assert.That(rows[1].Price, Is.EqualTo(rows[41].Price));
            Assert.That(rows[2].Price, Is.LessThan(rows[22].Price));
            Assert.That(Math.Abs((rows[2].Price + rows[22].Price) / 2 - options.StartPrice), Is.LessThan(2 * options.TickSize));
            Assert.That(rows.Take(42).Select(r => r.ExchangeTime).Distinct(), Is.EqualTo(new[] { options.StartTime }));
        });
    }

    [Test]
    public void Timestamps_are_monotone_with_positive_bounded_latency()
    {
        var options = new SyntheticMarketOptions(200_000, Seed: 11);
        var rows = Generate(options);
        long messages = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            long latency = r.LocalTime - r.ExchangeTime;
            if (latency < options.MinLatencyNanos || latency > options.MaxLatencyNanos)
                Assert.Fail($"row {i}: latency {latency} ns out of range");
            if (i > 0)
            {
                if (r.ExchangeTime < rows[i - 1].ExchangeTime) Assert.Fail($"row {i}: exch_ts decreases");
                if (r.LocalTime < rows[i - 1].LocalTime) Assert.Fail($"row {i}: local_ts decreases");
                if (r.ExchangeTime != rows[i - 1].ExchangeTime || r.LocalTime != rows[i - 1].LocalTime) messages++;
            }
            Assert.That(r.Flags & EventFlags.Both, Is.EqualTo(EventFlags.Both), $"row {i} has EXCH|LOCAL");
        }
        // Mean gap near the configured 300 us; most latencies well inside 1-5 ms.
        double meanGap = (double)(rows[^1].ExchangeTime - rows[0].ExchangeTime) / messages;
        Assert.That(meanGap, Is.InRange(options.MeanGapNanos * 0.5, options.MeanGapNanos * 1.5));
        Assert.That((double)rows.Length / messages, Is.InRange(1.2, 4.0), "rows per message");
    }

    [Test]
    public void Rebuilt_book_never_crosses_and_trades_print_at_the_touch()
    {
        var options = new SyntheticMarketOptions(300_000, Seed: 77);
        var rows = Generate(options);
        var bids = new SortedDictionary<long, double>();
        var asks = new SortedDictionary<long, double>();
        long Tick(double px) => (long)Math.Round(px / options.TickSize);
        int trades = 0, sweeps = 0, deletions = 0, moves = 0;
        long lastBest = 0;

        for (int i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            long tick = Tick(r.Price);
            Assert.That(Math.Abs(r.Price / options.TickSize - tick), Is.LessThan(1e-6), $"row {i}: price on the tick grid");
            double lots = r.Quantity / options.LotSize;
            Assert.That(Math.Abs(lots - Math.Round(lots)), Is.LessThan(1e-6), $"row {i}: quantity on the lot grid");
            Assert.That(r.Quantity, Is.GreaterThanOrEqualTo(0));
            Assert.That(r.IsBuy ^ r.IsSell, Is.True, $"row {i}: exactly one side");

            switch (r.Kind)
            {
                case EventKind.DepthClear:
                    (r.IsBuy ? bids : asks).Clear();
                    break;
                case EventKind.Depth:
                case EventKind.DepthSnapshot:
                    var book = r.IsBuy ? bids : asks;
                    if (r.Quantity == 0)
                    {
                        Assert.That(book.Remove(tick), Is.True, $"row {i}: deletes an existing level");
                        deletions++;
                    }
                    else
                    {
                        book[tick] = r.Quantity;
                    }
                    break;
                case EventKind.Trade:
                    trades++;
                    Assert.That(r.Quantity, Is.GreaterThan(0));
                    if (r.IsBuy)
                    {
                        Assert.That(tick, Is.EqualTo(asks.Keys.First()), $"row {i}: buyer-initiated trade at the best ask");
                        if (r.Quantity > asks[tick] + 1e-12) sweeps++;
                    }
                    else
                    {
                        Assert.That(tick, Is.EqualTo(bids.Keys.Last()), $"row {i}: seller-initiated trade at the best bid");
                        if (r.Quantity > bids[tick] + 1e-12) sweeps++;
                    }
                    break;
                default:
                    Assert.Fail($"row {i}: unexpected kind {r.Kind}");
                    break;
            }

            if (bids.Count > 0 && asks.Count > 0)
            {
                long bestBid = bids.Keys.Last(), bestAsk = asks.Keys.First();
                if (bestBid >= bestAsk) Assert.Fail($"row {i}: book crossed, bid {bestBid} >= ask {bestAsk}");
                if (lastBest != 0 && bestBid + bestAsk != lastBest) moves++;
                lastBest = bestBid + bestAsk;
            }
            if (i >= 2 + 2 * options.Levels)
            {
                Assert.That(bids, Is.Not.Empty, $"row {i}: bids never run out");
                Assert.That(asks, Is.Not.Empty, $"row {i}: asks never run out");
                Assert.That(bids.Count, Is.LessThanOrEqualTo(options.Levels));
                Assert.That(asks.Count, Is.LessThanOrEqualTo(options.Levels));
                Assert.That(asks.Keys.Last() - bids.Keys.First(), Is.LessThan(2 * options.Levels), "levels stay in the window");
            }
        }

        // The feed exercises every behaviour, in plausible proportions.
        Assert.That(trades, Is.GreaterThan(rows.Length / 20));
        Assert.That(sweeps, Is.GreaterThan(trades / 50));
        Assert.That(sweeps, Is.LessThan(trades / 3));
        Assert.That(deletions, Is.GreaterThan(rows.Length / 50));
        Assert.That(moves, Is.GreaterThan(rows.Length / 100));
    }

    [Test]
    public void Written_file_reads_back_as_generated_with_progress()
    {
        var options = new SyntheticMarketOptions(150_000, Seed: 8);
        var reports = new List<long>();
        SyntheticMarket.WriteFile(PathOf("s.npz"), options, compress: false, new SyncProgress(reports));
        Assert.That(EventFileReader.ReadAll(PathOf("s.npz")), Is.EqualTo(Generate(options)));
        Assert.That(reports, Is.Ordered.Ascending);
        Assert.That(reports[^1], Is.EqualTo(150_000));
    }

    [Test]
    public void Fill_allocates_nothing()
    {
        var buffer = new MarketEvent[4096];
        long allocated = Allocations.Least(() =>
        {
            var market = new SyntheticMarket(new SyntheticMarketOptions(500_000, Seed: 4));
            market.Fill(buffer);
            return () => { while (market.Fill(buffer) > 0) { } };
        });
        Assert.That(allocated, Is.LessThan(Allocations.OneOffBudget), "over 100 calls: nothing allocated per call");
    }

    [Test]
    public void Bad_options_are_rejected()
    {
        Assert.That(() => new SyntheticMarket(new SyntheticMarketOptions(-1, 0)), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => new SyntheticMarket(new SyntheticMarketOptions(10, 0) { TickSize = 0 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => new SyntheticMarket(new SyntheticMarketOptions(10, 0) { Levels = 0 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => new SyntheticMarket(new SyntheticMarketOptions(10, 0) { MinLatencyNanos = 0 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; this records on the calling thread.</summary>
    private sealed class SyncProgress(List<long> reports) : IProgress<long>
    {
        public void Report(long value) => reports.Add(value);
    }
}
