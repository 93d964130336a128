using Hft.Backtest.Feed;
using Hft.Backtest.Models.Fees;
using Hft.Backtest.Models.Latency;
using Hft.Backtest.Runs;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Risk;
using Hft.Core.Risk.Breakers;
using Hft.Core.Strategies;
using Hft.Engine.Tests.Runtime;

namespace Hft.Engine.Tests.Risk;

/// <summary>
/// A backtest of one instrument with circuit breakers, driven by a scripted strategy: each step runs at its time, and
/// every order update is logged with its reject reason. No fees; latency 2 ms out, 3 ms back unless given.
/// </summary>
internal static class BreakerScenario
{
    public static readonly Instrument Inst = new("T", "sim", 0.1, 1.0);
    public const long Ms = 1_000_000;

    /// <summary>Runs <paramref name="market"/>; <paramref name="built"/> sees the run before it executes (to reach its actors).</summary>
    public static (BacktestResult Result, List<string> Log) Run(BreakerSettings breakers, MarketEvent[] market, IOrderLatency? latency,
        Action<BacktestRun>? built, params (long At, Action<IStrategyContext> Step)[] steps)
    {
        var log = new List<string>();
        var s = new Steps(log, steps);
        using var run = new BacktestRun(new BacktestSetup
        {
            Instruments = [new InstrumentSetup(Inst, () => new MemoryBlockSource(market))],
            Strategies = [new StrategySetup("s", () => s)],
            Latency = latency ?? new ConstantLatency(2 * Ms, 3 * Ms),
            Fees = new TradingValueFeeModel(0, 0),
            Risk = new RiskLimits { Breakers = breakers },
            System = TestActorSystems.Shared,
        });
        built?.Invoke(run);
        return (run.Execute(), log);
    }

    /// <summary>Runs each step at its time, logging order updates with their reject reasons.</summary>
    private sealed class Steps(List<string> log, (long At, Action<IStrategyContext> Step)[] steps) : Strategy
    {
        public override void OnStart()
        {
            for (int i = 0; i < steps.Length; i++) Context.After(TimeSpan.FromTicks((steps[i].At - Context.Now) / 100), i);
        }

        public override void OnTimer(int timerId) => steps[timerId].Step(Context);

        public override void OnOrder(Order order, Fill? fill) => log.Add($"#{order.Id} {order.Status} {order.RejectReason}");
    }
}
