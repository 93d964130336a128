using Hft.Backtest.Data;
using Hft.Backtest.Data.Synthetic;
using Hft.Backtest.Feed;
using Hft.Backtest.Models.Fees;
using Hft.Backtest.Reports;
using Hft.Backtest.Runs;
using Hft.Core.Markets;
using Hft.Engine.Tests.Runtime;
using Hft.Strategies;

namespace Hft.Engine.Tests.Backtests;

public sealed class DeterminismTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("hft-det-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private (BacktestResult Result, byte[] Orders, byte[] Fills) RunOnce(string file, string outDir) => RunOn(TestActorSystems.Shared, file, outDir);

    private static (BacktestResult Result, byte[] Orders, byte[] Fills) RunOn(Akka.Actor.ActorSystem? system, string file, string outDir)
    {
        var options = new SyntheticMarketOptions(1, 1);
        var instrument = new Instrument("SIMUSDT", "sim", options.TickSize, options.LotSize);
        var journal = new TradeJournal([instrument]);
        var setup = new BacktestSetup
        {
            Instruments = [new InstrumentSetup(instrument, () => new FileBlockSource([file], chunkRows: 4096))],
            Strategies = [new StrategySetup("grid", () => new GridTrading(new GridTradingSettings()))],
            Fees = new TradingValueFeeModel(-0.00005, 0.0007),
            Journal = journal,
            System = system,
        };
        using var run = new BacktestRun(setup);
        var result = run.Execute();
        journal.WriteTo(outDir);
        return (result, File.ReadAllBytes(Path.Combine(outDir, "orders.csv")), File.ReadAllBytes(Path.Combine(outDir, "fills.csv")));
    }

    [Test]
    public void The_same_backtest_twice_writes_byte_identical_orders_and_fills()
    {
        string file = Path.Combine(_dir, "m.npz");
        SyntheticMarket.WriteFile(file, new SyntheticMarketOptions(150_000, 3));
        var a = RunOnce(file, Path.Combine(_dir, "a"));
        var b = RunOnce(file, Path.Combine(_dir, "b"));
        Assert.That(a.Result.Fills, Is.GreaterThan(0), "the sample market makes the grid trade");
        Assert.That(a.Result.Orders, Is.GreaterThan(10));
        Assert.That(a.Result.Events, Is.EqualTo(150_000));
        Assert.That(b.Orders, Is.EqualTo(a.Orders));
        Assert.That(b.Fills, Is.EqualTo(a.Fills));
        Assert.That(b.Result.Instruments[0].Equity, Is.EqualTo(a.Result.Instruments[0].Equity));
        Assert.That(b.Result.LastTime, Is.EqualTo(a.Result.LastTime));
    }

    [Test]
    public void One_long_lived_actor_system_runs_many_backtests_in_turn_and_at_once_with_the_same_results()
    {
        string file = Path.Combine(_dir, "m.npz");
        SyntheticMarket.WriteFile(file, new SyntheticMarketOptions(60_000, 4));
        var system = Hft.Core.Runtime.EngineActorSystem.Create("many-backtests");
        try
        {
            var own = RunOn(null, file, Path.Combine(_dir, "own"));
            var inTurn = Enumerable.Range(0, 3).Select(i => RunOn(system, file, Path.Combine(_dir, "turn" + i))).ToList();
            // Two graphs at once, each on its own core loop (a sweep's workers), in the same system.
            var atOnce = Enumerable.Range(0, 2)
                .Select(i => Task.Run(() => RunOn(system, file, Path.Combine(_dir, "once" + i)))).ToArray();
            Task.WaitAll(atOnce);
            Assert.That(own.Result.Fills, Is.GreaterThan(0));
            foreach (var r in inTurn.Concat(atOnce.Select(t => t.Result)))
            {
                Assert.That(r.Orders, Is.EqualTo(own.Orders));
                Assert.That(r.Fills, Is.EqualTo(own.Fills));
                Assert.That(r.Result.Instruments[0].Equity, Is.EqualTo(own.Result.Instruments[0].Equity));
            }
            // Every run's graph has stopped: only the system's own actors are left under /user.
            var guardian = (Akka.Actor.ActorRefWithCell)((Akka.Actor.ExtendedActorSystem)system).Guardian;
            Assert.That(() => guardian.Underlying.ChildrenContainer.Children, Is.Empty.After(5000, 50), $"a graph was left running under {guardian.Path}");
        }
        finally
        {
            system.Terminate().Wait(TimeSpan.FromSeconds(10));
        }
    }

    [Test]
    public void Several_files_replay_as_one_continuous_feed()
    {
        // Split one market in two files: replaying both must equal replaying the whole.
        var rows = EventFileReader.ReadAll(WriteMarket("whole.npz", 60_000));
        string first = Path.Combine(_dir, "part1.npz"), second = Path.Combine(_dir, "part2.npz");
        EventFileWriter.WriteAll(first, rows.AsSpan(0, 25_000));
        EventFileWriter.WriteAll(second, rows.AsSpan(25_000), compress: false);
        var whole = RunFiles([Path.Combine(_dir, "whole.npz")]);
        var parts = RunFiles([first, second]);
        Assert.That(parts.Events, Is.EqualTo(60_000));
        Assert.That(parts.Fills, Is.EqualTo(whole.Fills));
        Assert.That(parts.Instruments[0].Equity, Is.EqualTo(whole.Instruments[0].Equity));
    }

    private string WriteMarket(string name, long events)
    {
        string file = Path.Combine(_dir, name);
        SyntheticMarket.WriteFile(file, new SyntheticMarketOptions(events, 5));
        return file;
    }

    private static BacktestResult RunFiles(string[] files)
    {
        var options = new SyntheticMarketOptions(1, 1);
        var setup = new BacktestSetup
        {
            Instruments = [new InstrumentSetup(new Instrument("SIMUSDT", "sim", options.TickSize, options.LotSize), () => new FileBlockSource(files, chunkRows: 1000))],
            Strategies = [new StrategySetup("grid", () => new GridTrading(new GridTradingSettings()))],
            System = TestActorSystems.Shared,
        };
        using var run = new BacktestRun(setup);
        return run.Execute();
    }
}
