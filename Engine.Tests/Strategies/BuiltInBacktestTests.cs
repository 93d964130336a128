using Hft.Backtest.Feed;
using Hft.Backtest.Models.Fees;
using Hft.Backtest.Reports;
using Hft.Backtest.Runs;
using Hft.Core.Markets;
using Hft.Core.Strategies;
using Hft.Engine.Plugins;
using Hft.Engine.Tests.Runtime;
using Hft.Engine.Tests.Config;
using Hft.Engine.Tests.Data;

namespace Hft.Engine.Tests.Strategies;

/// <summary>
/// Each built-in strategy, made by name through the registry as the command line makes it, replays the bundled
/// sample (<c>samples/data/sample.npz</c>, 300,000 events over 14 minutes of event time) to the end, trades, and
/// gives byte-identical orders and fills when run again: with its default parameters, as a user trying
/// <c>--strategy glft</c> runs it (the sample is longer than GLFT's 10-minute calibration window), and OBI also with
/// spreads in ticks suited to the sample's 0.01 tick, a 1-minute z-score window and its stop-loss.
/// </summary>
public sealed class BuiltInBacktestTests : TempDirectoryTest
{
    public static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData("grid", Array.Empty<string>()).SetName("grid");
        yield return new TestCaseData("glft", Array.Empty<string>()).SetName("glft");
        yield return new TestCaseData("obi", Array.Empty<string>()).SetName("obi");
        yield return new TestCaseData("obi", new[]
        {
            "half_spread=5", "c1=3", "skew=1", "window=60", "vol_to_half_spread=1",
            "stop_price_change=80", "stop_lookback=5", "stop_cooldown_ms=5000",
        }).SetName("obi_tuned");
    }

    private (BacktestResult Result, byte[] Orders, byte[] Fills) RunOnce(string name, string[] parameters, string outDir)
    {
        string sample = Path.Combine(ConfigTestKit.RepositoryRoot, "samples", "data", "sample.npz");
        var instrument = new Instrument("SIMUSDT", "sim", 0.01, 0.01);
        var journal = new TradeJournal([instrument]);
        var setup = new BacktestSetup
        {
            Instruments = [new InstrumentSetup(instrument, () => new FileBlockSource([sample]))],
            Strategies = [new StrategySetup(name, StrategyRegistry.BuiltIn.Resolve(name, StrategyParameters.Parse(parameters)))],
            Fees = new TradingValueFeeModel(-0.00005, 0.0007),
            Journal = journal,
            System = TestActorSystems.Shared,
        };
        BacktestResult result;
        using (var run = new BacktestRun(setup)) result = run.Execute();
        journal.WriteTo(outDir);
        return (result, File.ReadAllBytes(Path.Combine(outDir, "orders.csv")), File.ReadAllBytes(Path.Combine(outDir, "fills.csv")));
    }

    [TestCaseSource(nameof(Cases))]
    public void Runs_the_sample_to_the_end_and_again_with_identical_fills(string name, string[] parameters)
    {
        var a = RunOnce(name, parameters, PathOf("a"));
        var b = RunOnce(name, parameters, PathOf("b"));
        Assert.Multiple(() =>
        {
            Assert.That(a.Result.Events, Is.EqualTo(300_000), "every event replayed");
            Assert.That(a.Result.Fills, Is.GreaterThan(10), "the strategy trades on the sample");
            Assert.That(a.Result.DeadLetters, Is.Zero, "the strategy never failed");
            Assert.That(b.Orders, Is.EqualTo(a.Orders));
            Assert.That(b.Fills, Is.EqualTo(a.Fills));
            Assert.That(b.Result.Instruments[0].Equity, Is.EqualTo(a.Result.Instruments[0].Equity));
            Assert.That(Math.Abs(a.Result.Instruments[0].Position), Is.LessThanOrEqualTo(MaxPosition(name)), "the position limit holds");
        });
    }

    // Quotes stop at the limit; a quote resting when the limit is reached can still fill, so one order more.
    private static double MaxPosition(string name) => name switch
    {
        "grid" => 10 + 10,
        "glft" => 20 + 1,
        _ => 50 + 1,
    };
}
