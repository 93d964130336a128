using Hft.Backtest.Data.Synthetic;
using Hft.Backtest.Feed;
using Hft.Backtest.Models.Fees;
using Hft.Backtest.Models.Latency;
using Hft.Backtest.Recording;
using Hft.Backtest.Reports;
using Hft.Backtest.Runs;
using Hft.Backtest.Statistics;
using Hft.Core.Markets;
using Hft.Core.Strategies;
using Hft.Engine.Tests.Runtime;
using Hft.Engine.Tests.Backtests;
using Hft.Strategies;
using static Hft.Engine.Tests.Venue.Events;

namespace Hft.Engine.Tests.Recording;

public sealed class RecorderTests
{
    private static readonly Instrument Inst = new("T", "sim", 0.1, 1.0);
    private const long Ms = 1_000_000;
    private const long T0 = 1_000_000 * Ms;

    private sealed class ListSink : IRecordSink
    {
        public readonly List<RecordSample> Rows = new();
        public bool Completed;

        public void Write(RecordSample sample) => Rows.Add(sample);

        public void Complete() => Completed = true;
    }

    private static BacktestResult Run(MarketEvent[] rows, Strategy strategy, RecorderOptions? recorder, double makerFee = 0)
    {
        using var run = new BacktestRun(new BacktestSetup
        {
            Instruments = [new InstrumentSetup(Inst, () => new MemoryBlockSource(rows, blockRows: 3))],
            Strategies = [new StrategySetup("s", () => strategy)],
            Latency = new ConstantLatency(2 * Ms, 3 * Ms),
            Fees = new TradingValueFeeModel(makerFee, 0),
            System = TestActorSystems.Shared,
            Recorder = recorder,
        });
        return run.Execute();
    }

    // A bid at 100.0 and an ask at 100.1; our buy of 1 at 100.0 (sent at +10 ms) fills at the exchange at +30 ms,
    // learned at +33 ms; at +250 ms the best ask moves up to 100.3 (mid 100.15).
    private static (BacktestResult Result, ListSink Sink) OneFill(long intervalMs = 100)
    {
        var rows = new[]
        {
            Bid(T0, 100.0, 5), Ask(T0, 100.1, 5), SellTrade(T0 + 20 * Ms, 100.0, 5), SellTrade(T0 + 30 * Ms, 100.0, 1),
            Ask(T0 + 250 * Ms, 100.1, 0), Ask(T0 + 250 * Ms, 100.3, 5),
        };
        var s = new ScriptedStrategy(new List<string>(), (T0 + 10 * Ms, c => c.SubmitBuy(0, 1, 100.0, 1)));
        var sink = new ListSink();
        var result = Run(rows, s, new RecorderOptions { IntervalNanos = intervalMs * Ms, Sink = sink }, makerFee: -0.0001);
        return (result, sink);
    }

    [Test]
    public void Samples_every_interval_of_event_time_at_every_fill_and_at_the_end()
    {
        var (_, sink) = OneFill();
        Assert.That(sink.Completed, Is.True);
        Assert.That(sink.Rows.Select(r => (r.Time - T0) / Ms), Is.EqualTo(new long[] { 0, 33, 100, 200, 251 }));
        Assert.That(sink.Rows.Select(r => r.Reason), Is.EqualTo(new[]
            { SampleReason.Interval, SampleReason.Fill, SampleReason.Interval, SampleReason.Interval, SampleReason.End }));

        var first = sink.Rows[0];
        Assert.That(double.IsNaN(first.Mid), Is.True, "the local book gets its first rows at +1 ms");
        Assert.That(first.Equity, Is.EqualTo(0), "flat: no price needed");

        var fill = sink.Rows[1];
        Assert.That(fill.Position, Is.EqualTo(1));
        Assert.That(fill.Mid, Is.EqualTo(100.05).Within(1e-9));
        Assert.That(fill.Balance, Is.EqualTo(-100));
        Assert.That(fill.Fee, Is.EqualTo(-0.01).Within(1e-12), "a maker rebate of 1 bp on 100");
        Assert.That(fill.Equity, Is.EqualTo(0.06).Within(1e-9), "-100 + 100.05 + 0.01");
        Assert.That(fill.SpreadCapture, Is.EqualTo(0.05).Within(1e-9));
        Assert.That(fill.Trades, Is.EqualTo(1));
        Assert.That(fill.TradingValue, Is.EqualTo(100));
        Assert.That(fill.OpenOrders, Is.EqualTo(0), "the only order is filled");

        var end = sink.Rows[^1];
        Assert.That(end.Mid, Is.EqualTo(100.15).Within(1e-9));
        Assert.That(end.Equity, Is.EqualTo(0.16).Within(1e-9));
    }

    [Test]
    public void An_order_on_its_way_counts_as_open()
    {
        // Interval 5 ms: the sample at +5 ms sees no order; the order sent at +10 ms reaches the venue at +12 ms and
        // is acknowledged at +15 ms, so the samples at +10 ms (after the strategy's timer, scheduled earlier) and at
        // +15 ms count it, and the fill at +33 ms ends it.
        var (_, sink) = OneFill(intervalMs: 5);
        int OpenAt(long ms) => sink.Rows.Single(r => r.Time == T0 + ms * Ms && r.Reason == SampleReason.Interval).OpenOrders;
        Assert.That(OpenAt(5), Is.EqualTo(0));
        Assert.That(OpenAt(10), Is.EqualTo(1), "sent, not yet acknowledged");
        Assert.That(OpenAt(15), Is.EqualTo(1), "resting");
        Assert.That(OpenAt(35), Is.EqualTo(0), "filled");
    }

    [Test]
    public void Statistics_of_the_one_fill_run()
    {
        var (result, _) = OneFill();
        var rec = result.Recording!;
        var s = rec.Instruments[0].Statistics;
        Assert.That(s.StartTime, Is.EqualTo(T0));
        Assert.That(s.EndTime, Is.EqualTo(T0 + 251 * Ms));
        Assert.That(s.Pnl, Is.EqualTo(0.16).Within(1e-9));
        Assert.That(s.Trades, Is.EqualTo(1));
        Assert.That(s.TradingVolume, Is.EqualTo(1));
        Assert.That(s.TradingValue, Is.EqualTo(100));
        Assert.That(s.Fees, Is.EqualTo(-0.01).Within(1e-12));
        Assert.That(s.SpreadCapture, Is.EqualTo(0.05).Within(1e-9));
        Assert.That(s.InventoryPnl, Is.EqualTo(0.10).Within(1e-9), "0.16 - 0.05 + (-0.01)");
        Assert.That(s.OrdersSubmitted, Is.EqualTo(1));
        Assert.That(s.OrdersFilled, Is.EqualTo(1));
        Assert.That(s.FillRatio, Is.EqualTo(1));
        Assert.That(s.MaxDrawdown, Is.EqualTo(0));
        Assert.That(s.MaxAbsPosition, Is.EqualTo(1));
        Assert.That(s.GridPoints, Is.EqualTo(2), "the start and the end: the run is shorter than the 10 s grid");
        Assert.That(s.Sharpe, Is.Null, "one change");
        Assert.That(s.Samples, Is.EqualTo(5));
        Assert.That(rec.Portfolio.Pnl, Is.EqualTo(s.Pnl));
        Assert.That(rec.Samples, Is.EqualTo(5));
        Assert.That(rec.Instruments[0].Chart.Sum(b => b.Buys), Is.EqualTo(1));
    }

    [Test]
    public void An_inverse_instrument_marks_and_captures_in_the_base_currency()
    {
        var inverse = new Instrument("TI", "sim", 0.1, 1.0, ContractKind.Inverse, ContractSize: 10);
        var rows = new[]
        {
            Bid(T0, 100.0, 5), Ask(T0, 100.1, 5), SellTrade(T0 + 20 * Ms, 100.0, 5), SellTrade(T0 + 30 * Ms, 100.0, 1),
            Ask(T0 + 250 * Ms, 100.1, 0), Ask(T0 + 250 * Ms, 100.3, 5),
        };
        var s = new ScriptedStrategy(new List<string>(), (T0 + 10 * Ms, c => c.SubmitBuy(0, 1, 100.0, 1)));
        var sink = new ListSink();
        using var run = new BacktestRun(new BacktestSetup
        {
            Instruments = [new InstrumentSetup(inverse, () => new MemoryBlockSource(rows, blockRows: 3))],
            Strategies = [new StrategySetup("s", () => s)],
            Latency = new ConstantLatency(2 * Ms, 3 * Ms),
            Fees = new TradingValueFeeModel(0, 0),
            System = TestActorSystems.Shared,
            Recorder = new RecorderOptions { Sink = sink },
        });
        var stats = run.Execute().Recording!.Instruments[0].Statistics;
        // Bought 1 contract of 10 at 100.0, learned with the mid at 100.05; ends marked at 100.15.
        double capture = 10 * (1 / 100.0 - 1 / 100.05);
        Assert.That(sink.Rows.Single(r => r.Reason == SampleReason.Fill).Equity, Is.EqualTo(capture).Within(1e-12));
        Assert.That(stats.SpreadCapture, Is.EqualTo(capture).Within(1e-12));
        Assert.That(stats.Pnl, Is.EqualTo(10 * (1 / 100.0 - 1 / 100.15)).Within(1e-12));
        Assert.That(stats.InventoryPnl, Is.EqualTo(10 * (1 / 100.05 - 1 / 100.15)).Within(1e-12));
        Assert.That(stats.TradingValue, Is.EqualTo(0.1).Within(1e-15), "10 / 100 in the base currency");
        Assert.That(stats.MaxPositionValue, Is.EqualTo(10 / 100.05).Within(1e-9), "the position valued at the mid when it was first held");
    }

    [Test]
    public void The_portfolio_sums_its_instruments()
    {
        var a = new Instrument("A", "sim", 0.1, 1.0);
        var b = new Instrument("B", "sim", 0.1, 1.0);
        var rows = new[]
        {
            Bid(T0, 100.0, 5), Ask(T0, 100.1, 5), SellTrade(T0 + 20 * Ms, 100.0, 5), SellTrade(T0 + 30 * Ms, 100.0, 1),
            Ask(T0 + 250 * Ms, 100.1, 0), Ask(T0 + 250 * Ms, 100.3, 5),
        };
        // Buys 1 of each; B's ask falls instead of rising, so B loses what A gains.
        var rowsB = rows.Take(4).Concat([Bid(T0 + 250 * Ms, 100.0, 0), Bid(T0 + 250 * Ms, 99.8, 5)]).ToArray();
        var s = new ScriptedStrategy(new List<string>(), (T0 + 10 * Ms, c =>
        {
            c.SubmitBuy(0, 1, 100.0, 1);
            c.SubmitBuy(1, 1, 100.0, 1);
        }));
        using var run = new BacktestRun(new BacktestSetup
        {
            Instruments = [new InstrumentSetup(a, () => new MemoryBlockSource(rows)), new InstrumentSetup(b, () => new MemoryBlockSource(rowsB))],
            Strategies = [new StrategySetup("s", () => s)],
            Latency = new ConstantLatency(2 * Ms, 3 * Ms),
            System = TestActorSystems.Shared,
            Recorder = new RecorderOptions(),
        });
        var rec = run.Execute().Recording!;
        var (sa, sb, p) = (rec.Instruments[0].Statistics, rec.Instruments[1].Statistics, rec.Portfolio);
        Assert.That(sa.Pnl, Is.EqualTo(0.15).Within(1e-9));
        Assert.That(sb.Pnl, Is.EqualTo(-0.05).Within(1e-9), "the bid at 100.0 goes: marked at (99.8 + 100.1) / 2");
        Assert.That(p.Pnl, Is.EqualTo(sa.Pnl + sb.Pnl).Within(1e-9));
        Assert.That(p.Trades, Is.EqualTo(2));
        Assert.That(p.OrdersSubmitted, Is.EqualTo(2));
        Assert.That(p.SpreadCapture, Is.EqualTo(sa.SpreadCapture + sb.SpreadCapture).Within(1e-12));
        Assert.That(p.MaxPositionValue, Is.EqualTo(100.05 + 100.05).Within(1e-9));
        Assert.That(p.MeanPosition, Is.Null, "positions of different instruments do not add up");
        Assert.That(rec.PortfolioChart.Count, Is.GreaterThan(0));
    }

    [Test]
    public void With_one_instrument_the_portfolio_is_that_instrument()
    {
        var (result, _) = OneFill();
        var rec = result.Recording!;
        var i = rec.Instruments[0].Statistics;
        Assert.That(rec.Portfolio, Is.EqualTo(i with { MeanPosition = null, MeanAbsPosition = null, MaxAbsPosition = null }));
    }

    [Test]
    public void Fills_are_not_sampled_when_turned_off()
    {
        var rows = new[] { Bid(T0, 100.0, 5), Ask(T0, 100.1, 5), SellTrade(T0 + 20 * Ms, 100.0, 5), SellTrade(T0 + 30 * Ms, 100.0, 1), Bid(T0 + 250 * Ms, 99.9, 1) };
        var s = new ScriptedStrategy(new List<string>(), (T0 + 10 * Ms, c => c.SubmitBuy(0, 1, 100.0, 1)));
        var sink = new ListSink();
        var result = Run(rows, s, new RecorderOptions { Sink = sink, SampleFills = false });
        Assert.That(sink.Rows.Select(r => r.Reason), Has.No.Member(SampleReason.Fill));
        Assert.That(result.Recording!.Instruments[0].Statistics.SpreadCapture, Is.EqualTo(0.05).Within(1e-9), "fills still count");
    }

    [Test]
    public void Without_a_recorder_there_is_no_recording()
    {
        var rows = new[] { Bid(T0, 100.0, 5), Ask(T0, 100.1, 5) };
        var result = Run(rows, new ScriptedStrategy(new List<string>()), recorder: null);
        Assert.That(result.Recording, Is.Null);
    }

    [Test]
    public void A_run_that_never_trades_has_defined_statistics()
    {
        var rows = new[] { Bid(T0, 100.0, 5), Ask(T0, 100.1, 5), Bid(T0 + 2_000 * Ms, 100.0, 4) };
        var result = Run(rows, new ScriptedStrategy(new List<string>()), new RecorderOptions());
        var s = result.Recording!.Portfolio;
        Assert.That(s.Pnl, Is.EqualTo(0));
        Assert.That(s.Trades, Is.EqualTo(0));
        Assert.That(s.Sharpe, Is.Null);
        Assert.That(s.FillRatio, Is.Null);
        Assert.That(s.MaxDrawdown, Is.EqualTo(0));
        Assert.That(s.InventoryPnl, Is.EqualTo(0));
        Assert.That(s.Samples, Is.EqualTo(22), "0, 100, ..., 2000 ms and the end at 2001 ms");
    }

    private static (BacktestResult Result, byte[] Orders, byte[] Fills, byte[]? Equity) Grid(string data, string dir, bool record)
    {
        var instrument = new Instrument("SIMUSDT", "sim", 0.01, 0.01);
        Directory.CreateDirectory(dir);
        var journal = new TradeJournal([instrument]);
        using var equity = record ? new EquityCsvWriter(Path.Combine(dir, "equity.csv"), [instrument]) : null;
        using var run = new BacktestRun(new BacktestSetup
        {
            Instruments = [new InstrumentSetup(instrument, () => new FileBlockSource([data], chunkRows: 4096))],
            Strategies = [new StrategySetup("grid", () => new GridTrading(new GridTradingSettings()))],
            Fees = new TradingValueFeeModel(-0.00005, 0.0007),
            Journal = journal,
            System = TestActorSystems.Shared,
            Recorder = record ? new RecorderOptions { Sink = equity } : null,
        });
        var result = run.Execute();
        journal.WriteTo(dir);
        if (record) BacktestReport.Write(dir, result, new RunDescription("grid on SIMUSDT", [new("strategies[0].kind", "\"grid\"")]));
        return (result, File.ReadAllBytes(Path.Combine(dir, "orders.csv")), File.ReadAllBytes(Path.Combine(dir, "fills.csv")),
            record ? File.ReadAllBytes(Path.Combine(dir, "equity.csv")) : null);
    }

    [Test]
    public void Recording_changes_nothing_in_the_run_and_gives_byte_identical_files_each_time()
    {
        string dir = Directory.CreateTempSubdirectory("hft-rec-").FullName;
        try
        {
            string data = Path.Combine(dir, "m.npz");
            SyntheticMarket.WriteFile(data, new SyntheticMarketOptions(150_000, 3));
            var plain = Grid(data, Path.Combine(dir, "plain"), record: false);
            var a = Grid(data, Path.Combine(dir, "a"), record: true);
            var b = Grid(data, Path.Combine(dir, "b"), record: true);
            Assert.That(a.Result.Fills, Is.GreaterThan(0));
            Assert.That(a.Orders, Is.EqualTo(plain.Orders), "the recorder does not disturb the strategy");
            Assert.That(a.Fills, Is.EqualTo(plain.Fills));
            Assert.That(a.Result.Instruments[0].Equity, Is.EqualTo(plain.Result.Instruments[0].Equity));
            Assert.That(b.Equity, Is.EqualTo(a.Equity));
            foreach (var f in new[] { "summary.json", "report.html" })
                Assert.That(File.ReadAllBytes(Path.Combine(dir, "b", f)), Is.EqualTo(File.ReadAllBytes(Path.Combine(dir, "a", f))), f);

            // The statistics agree with the run's own end state.
            var s = a.Result.Recording!.Instruments[0].Statistics;
            var end = a.Result.Instruments[0];
            Assert.That(s.Trades, Is.EqualTo(end.Fills));
            Assert.That(s.Fees, Is.EqualTo(end.Fees));
            Assert.That(s.TradingValue, Is.EqualTo(end.TradingValue));
            Assert.That(s.EndEquity, Is.EqualTo(end.Equity).Within(1e-9));
            Assert.That(s.OrdersFilled, Is.EqualTo(end.Fills), "no partial fills: one fill per filled order");
            Assert.That(s.SpreadCapture + s.InventoryPnl - s.Fees, Is.EqualTo(s.Pnl).Within(1e-9));

            var lines = File.ReadAllLines(Path.Combine(dir, "a", "equity.csv"));
            Assert.That(lines[0], Is.EqualTo(EquityCsvWriter.Header));
            Assert.That(lines.Length - 1, Is.EqualTo(a.Result.Recording.Samples));
            Assert.That(lines.Count(l => l.Contains(",fill,", StringComparison.Ordinal)), Is.EqualTo(end.Fills));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void Recording_allocates_nothing_per_sample()
    {
        // The same run sampled every 1 ms and every 0.25 ms (four times the samples): the allocations barely differ.
        var rows = new List<MarketEvent> { Bid(T0, 100.0, 5), Ask(T0, 100.1, 5) };
        for (int i = 1; i <= 2_000; i++) rows.Add(Bid(T0 + i * 10 * Ms, 100.0, 5 + i % 3));
        long Allocated(long interval)
        {
            var strategy = new ScriptedStrategy(new List<string>());
            long best = long.MaxValue;
            for (int k = 0; k < 3; k++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                var result = Run(rows.ToArray(), strategy, new RecorderOptions { IntervalNanos = interval, Sink = new CountingSink() });
                best = Math.Min(best, GC.GetAllocatedBytesForCurrentThread() - before);
                Assert.That(result.Recording!.Samples, Is.GreaterThan(0));
            }
            return best;
        }
        // Warm up first: the first runs at a fine interval pay one-off costs (the runtime optimising hot methods).
        Allocated(Ms);
        long fine = Allocated(Ms);
        long finer = Allocated(Ms / 4);
        // 20,000 ms of event time: 20,000 samples against 80,000.
        Assert.That(finer - fine, Is.LessThan(60_000 / 2), $"every 1 ms: {fine:N0} B, every 0.25 ms: {finer:N0} B");
    }

    private sealed class CountingSink : IRecordSink
    {
        public long Rows;

        public void Write(RecordSample sample) => Rows++;

        public void Complete()
        {
        }
    }
}
