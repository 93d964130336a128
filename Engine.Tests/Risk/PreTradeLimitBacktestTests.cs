using Hft.Backtest.Feed;
using Hft.Backtest.Models.Fees;
using Hft.Backtest.Models.Latency;
using Hft.Backtest.Runs;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Risk;
using Hft.Core.Strategies;
using Hft.Engine.Cli;
using Hft.Engine.Tests.Backtests;
using Hft.Engine.Tests.Runtime;
using static Hft.Engine.Tests.Venue.Events;

namespace Hft.Engine.Tests.Risk;

/// <summary>
/// Each pre-trade limit tripped on purpose in a backtest: the refused order reaches the strategy as Rejected with its
/// reason, never reaches the simulated venue, and is counted under its code in the summary (JSON and text).
/// </summary>
public sealed class PreTradeLimitBacktestTests
{
    private static readonly Instrument Inst = new("T", "sim", 0.1, 1.0);
    private const long Ms = 1_000_000;
    private const long T0 = 1_000 * Ms;

    private static IEnumerable<TestCaseData> Cases()
    {
        static TestCaseData Case(string name, RiskLimits limits, string code, params Action<IStrategyContext>[] steps) =>
            new TestCaseData(limits, code, steps).SetName(name);
        yield return Case("max_order_qty", new RiskLimits(MaxOrderQuantity: 2), "max_order_qty", c => c.SubmitBuy(0, 1, 99.0, 5));
        yield return Case("max_order_notional", new RiskLimits { MaxOrderNotional = 150 }, "max_order_notional", c => c.SubmitBuy(0, 1, 99.0, 2));
        yield return Case("max_position", new RiskLimits(MaxPosition: 1), "max_position", c => c.SubmitBuy(0, 1, 99.0, 2));
        yield return Case("max_position_notional", new RiskLimits { MaxPositionNotional = 150 }, "max_position_notional", c => c.SubmitBuy(0, 1, 99.0, 2));
        yield return Case("max_gross_notional", new RiskLimits { MaxGrossNotional = 150 }, "max_gross_notional", c => c.SubmitSell(0, 1, 101.0, 2));
        yield return Case("max_open_orders", new RiskLimits { MaxOpenOrders = 1 }, "max_open_orders",
            c => c.SubmitBuy(0, 2, 98.9, 1), c => c.SubmitBuy(0, 1, 99.0, 1));
        yield return Case("max_orders_per_second", new RiskLimits { MaxOrdersPerSecond = 2 }, "max_orders_per_second",
            c => c.SubmitBuy(0, 2, 98.9, 1), c => c.SubmitBuy(0, 3, 98.8, 1), c => c.SubmitBuy(0, 1, 99.0, 1));
        yield return Case("price_band", new RiskLimits { PriceBand = 0.01 }, "price_band", c => c.SubmitBuy(0, 1, 90.0, 1));
        yield return Case("check_lot_size", new RiskLimits { CheckLotSize = true }, "lot_size", c => c.SubmitBuy(0, 1, 99.0, 1.5));
        yield return Case("min_notional", new RiskLimits { MinNotional = 150 }, "min_notional", c => c.SubmitBuy(0, 1, 99.0, 1));
        yield return Case("reduce_only", new RiskLimits { ReduceOnly = true }, "reduce_only", c => c.SubmitBuy(0, 1, 99.0, 1));
        yield return Case("self_trade_prevention", new RiskLimits { SelfTradePrevention = true }, "self_trade",
            c => c.SubmitSell(0, 2, 100.5, 1), c => c.SubmitBuy(0, 1, 100.5, 1));
    }

    [TestCaseSource(nameof(Cases))]
    public void A_limit_refuses_the_order_and_the_summary_counts_it_under_its_code(RiskLimits limits, string code, Action<IStrategyContext>[] steps)
    {
        var log = new List<string>();
        string? reason = null;
        var s = new Refusals(log, r => reason ??= r, T0 + 10 * Ms, steps);
        using var run = new BacktestRun(new BacktestSetup
        {
            Instruments = [new InstrumentSetup(Inst, () => new MemoryBlockSource([Bid(T0, 100.0, 5), Ask(T0, 100.1, 5), Bid(T0 + 50 * Ms, 99.9, 1)]))],
            Strategies = [new StrategySetup("s", () => s)],
            Latency = new ConstantLatency(2 * Ms, 3 * Ms),
            Fees = new TradingValueFeeModel(0, 0),
            Risk = limits,
            System = TestActorSystems.Shared,
        });
        var result = run.Execute();
        var i = result.Instruments[0];
        Assert.That(log, Has.Member($"{T0 + 10 * Ms}:#1 Rejected req=None"), "order 1 is refused at once, before any latency");
        Assert.That(reason, Is.Not.Null.And.Not.Empty, "the strategy is told why");
        Assert.That(i.RiskRejections, Is.EqualTo(new[] { new KeyValuePair<string, long>(code, 1) }));
        Assert.That(i.OrdersSent, Is.EqualTo(steps.Length - 1), "the refused order never reached the venue");
        string text = BacktestCommand.ToText(result, null, []);
        Assert.That(text, Does.Contain($"T              refused by risk 1: {code} 1"));
        string json = BacktestCommand.ToJson(result, "s", null, []);
        Assert.That(json, Does.Contain($"\"rejected_by_reason\":{{\"{code}\":1}}"));
    }

    [Test]
    public void Without_refusals_the_summary_has_no_breakdown()
    {
        var s = new Refusals([], _ => { }, T0 + 10 * Ms, c => c.SubmitBuy(0, 1, 99.0, 1));
        using var run = new BacktestRun(new BacktestSetup
        {
            Instruments = [new InstrumentSetup(Inst, () => new MemoryBlockSource([Bid(T0, 100.0, 5), Ask(T0, 100.1, 5)]))],
            Strategies = [new StrategySetup("s", () => s)],
            Risk = new RiskLimits(MaxOrderQuantity: 5) { MaxOpenOrders = 3, PriceBand = 0.05, SelfTradePrevention = true, CheckLotSize = true },
            System = TestActorSystems.Shared,
        });
        var result = run.Execute();
        Assert.That(result.Instruments[0].RiskRejections, Is.Empty);
        Assert.That(result.Instruments[0].OrdersSent, Is.EqualTo(1));
        Assert.That(BacktestCommand.ToJson(result, "s", null, []), Does.Not.Contain("rejected_by_reason"));
    }

    [Test]
    public void Cancels_always_pass_and_count_towards_the_request_rate()
    {
        var log = new List<string>();
        var s = new Refusals(log, _ => { }, T0 + 10 * Ms,
            c => c.SubmitBuy(0, 2, 98.0, 1));
        s.Later(T0 + 20 * Ms, c => c.Cancel(0, 2), c => c.SubmitBuy(0, 1, 98.0, 1));
        using var run = new BacktestRun(new BacktestSetup
        {
            Instruments = [new InstrumentSetup(Inst, () => new MemoryBlockSource([Bid(T0, 100.0, 5), Ask(T0, 100.1, 5), Bid(T0 + 50 * Ms, 99.9, 1)]))],
            Strategies = [new StrategySetup("s", () => s)],
            Latency = new ConstantLatency(1 * Ms, 1 * Ms),
            Risk = new RiskLimits { MaxOrdersPerSecond = 2 },
            System = TestActorSystems.Shared,
        });
        var result = run.Execute();
        Assert.That(log, Has.Some.Contains("#2 Canceled"), "the cancel went through");
        Assert.That(log, Has.Member($"{T0 + 20 * Ms}:#1 Rejected req=None"), "the new order after it was over the rate");
        Assert.That(result.Instruments[0].RiskRejections.Single().Key, Is.EqualTo("max_orders_per_second"));
    }

    /// <summary>Runs its steps at one time (and later ones at another), logging order updates and reject reasons.</summary>
    private sealed class Refusals(List<string> log, Action<string> onReason, long at, params Action<IStrategyContext>[] steps) : Strategy
    {
        private (long At, Action<IStrategyContext>[] Steps)? _later;

        public void Later(long time, params Action<IStrategyContext>[] later) => _later = (time, later);

        public override void OnStart()
        {
            Context.After(TimeSpan.FromTicks((at - Context.Now) / 100), 0);
            if (_later is { } l) Context.After(TimeSpan.FromTicks((l.At - Context.Now) / 100), 1);
        }

        public override void OnTimer(int timerId)
        {
            foreach (var step in timerId == 0 ? steps : _later!.Value.Steps) step(Context);
        }

        public override void OnOrder(Order order, Fill? fill)
        {
            log.Add($"{Context.Now}:#{order.Id} {order.Status} req={order.Request}");
            if (order.Status == OrderStatus.Rejected && order.RejectReason is { } r) onReason(r);
        }
    }
}
