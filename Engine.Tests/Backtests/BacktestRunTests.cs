using Hft.Backtest.Feed;
using Hft.Backtest.Models.Fees;
using Hft.Backtest.Models.Latency;
using Hft.Backtest.Reports;
using Hft.Backtest.Runs;
using Akka.Actor;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Strategies;
using Hft.Engine.Tests.Runtime;
using static Hft.Engine.Tests.Venue.Events;

namespace Hft.Engine.Tests.Backtests;

public sealed class BacktestRunTests
{
    private static readonly Instrument Inst = new("T", "sim", 0.1, 1.0);
    private const long Ms = 1_000_000;
    private const long T0 = 1_000 * Ms;

    private static BacktestRun Run(MarketEvent[] rows, Strategy strategy, long entry = 2 * Ms, long response = 3 * Ms,
        Directive onError = Directive.Restart, TradeJournal? journal = null,
        Hft.Backtest.Venue.ExchangeModel exchange = Hft.Backtest.Venue.ExchangeModel.NoPartialFill) =>
        new(new BacktestSetup
        {
            Exchange = exchange,
            Instruments = [new InstrumentSetup(Inst, () => new MemoryBlockSource(rows, blockRows: 3))],
            Strategies = [new StrategySetup("s", () => strategy)],
            Latency = new ConstantLatency(entry, response),
            Fees = new TradingValueFeeModel(0, 0),
            OnStrategyError = onError,
            System = TestActorSystems.Shared,
            Journal = journal,
        });

    private static MarketEvent[] Market(params MarketEvent[] extra) =>
        new[] { Bid(T0, 100.0, 5), Ask(T0, 100.1, 5) }.Concat(extra).ToArray();

    [Test]
    public void An_order_reaches_the_exchange_after_entry_latency_and_its_answers_after_response_latency()
    {
        var log = new List<string>();
        var s = new ScriptedStrategy(log, (T0 + 10 * Ms, c => c.SubmitBuy(0, 1, 100.0, 1)));
        // The queue ahead (5) is traded away at +20 ms and our order fills on the next print at +30 ms.
        using var run = Run(Market(SellTrade(T0 + 20 * Ms, 100.0, 5), SellTrade(T0 + 30 * Ms, 100.0, 1), Bid(T0 + 40 * Ms, 99.9, 1)), s);
        var result = run.Execute();
        Assert.That(log, Is.EqualTo(new[]
        {
            $"{T0 + 15 * Ms}:#1 New req=None",                 // sent +10, at exchange +12, ack back +15
            $"{T0 + 33 * Ms}:#1 Filled req=None fill 1@100",    // filled at exchange +30, learned +33
        }));
        Assert.That(result.Instruments[0].Position, Is.EqualTo(1));
        Assert.That(result.Instruments[0].Balance, Is.EqualTo(-100.0));
        Assert.That(result.Fills, Is.EqualTo(1));
        Assert.That(result.Events, Is.EqualTo(5));
    }

    [Test]
    public void Market_data_before_the_order_arrives_does_not_count_for_its_queue()
    {
        var log = new List<string>();
        var s = new ScriptedStrategy(log, (T0 + 10 * Ms, c => c.SubmitBuy(0, 1, 100.0, 1)));
        // This trade happens at +11 ms, before our order reaches the exchange at +12 ms.
        using var run = Run(Market(SellTrade(T0 + 11 * Ms, 100.0, 50), Bid(T0 + 40 * Ms, 99.9, 1)), s);
        run.Execute();
        Assert.That(log, Is.EqualTo(new[] { $"{T0 + 15 * Ms}:#1 New req=None" }));
    }

    [Test]
    public void A_cancel_that_races_a_fill_is_rejected_and_the_fill_counts_once()
    {
        var log = new List<string>();
        var s = new ScriptedStrategy(log,
            (T0 + 10 * Ms, c => c.SubmitSell(0, 1, 100.2, 1)),
            (T0 + 20 * Ms, c => c.Cancel(0, 1)));
        // Fill at the exchange at +21 ms; the cancel sent at +20 arrives at +22, after it.
        using var run = Run(Market(Bid(T0 + 21 * Ms, 100.2, 1), Bid(T0 + 50 * Ms, 99.0, 1)), s);
        var result = run.Execute();
        Assert.That(log, Is.EqualTo(new[]
        {
            $"{T0 + 15 * Ms}:#1 New req=None",
            $"{T0 + 24 * Ms}:#1 Filled req=None fill 1@100.2",
            $"{T0 + 25 * Ms}:#1 Filled req=None",               // the cancel's rejection: no second fill
        }));
        Assert.That(result.Instruments[0].Position, Is.EqualTo(-1));
        Assert.That(result.Fills, Is.EqualTo(1));
    }

    [Test]
    public void A_cancel_that_arrives_first_cancels()
    {
        var log = new List<string>();
        var s = new ScriptedStrategy(log,
            (T0 + 10 * Ms, c => c.SubmitSell(0, 1, 100.2, 1)),
            (T0 + 20 * Ms, c => c.Cancel(0, 1)));
        using var run = Run(Market(Bid(T0 + 23 * Ms, 100.2, 1), Bid(T0 + 50 * Ms, 99.0, 1)), s);
        var result = run.Execute();
        Assert.That(log.Last(), Is.EqualTo($"{T0 + 25 * Ms}:#1 Canceled req=None"));
        Assert.That(result.Fills, Is.Zero);
    }

    [Test]
    public void Post_only_crossing_expires_and_the_order_can_be_cleared()
    {
        var log = new List<string>();
        OrderTable? table = null;
        var s = new ScriptedStrategy(log,
            (T0 + 10 * Ms, c => c.SubmitBuy(0, 1, 100.1, 1, TimeInForce.Gtx)),
            (T0 + 30 * Ms, c =>
            {
                table = c.Orders(0);
                c.ClearInactiveOrders(0);
            }));
        using var run = Run(Market(Bid(T0 + 50 * Ms, 99.0, 1)), s);
        run.Execute();
        Assert.That(log, Is.EqualTo(new[] { $"{T0 + 15 * Ms}:#1 Expired req=None" }));
        Assert.That(table!.Count, Is.Zero);
    }

    [Test]
    public void Duplicate_ids_and_bad_requests_are_refused_at_once()
    {
        var results = new List<OrderResult>();
        var s = new ScriptedStrategy(new List<string>(), (T0 + 10 * Ms, c =>
        {
            results.Add(c.SubmitBuy(0, 1, 99.0, 1));
            results.Add(c.SubmitBuy(0, 1, 98.0, 1));
            results.Add(c.SubmitBuy(0, 2, 98.0, 0));
            results.Add(c.SubmitBuy(0, 3, double.NaN, 1));
            results.Add(c.Cancel(0, 42));
            results.Add(c.Cancel(0, 1));
            results.Add(c.Cancel(0, 1));
        }));
        using var run = Run(Market(Bid(T0 + 50 * Ms, 99.0, 1)), s);
        run.Execute();
        Assert.That(results, Is.EqualTo(new[]
        {
            OrderResult.Ok, OrderResult.OrderIdExists, OrderResult.InvalidOrderRequest, OrderResult.InvalidOrderRequest,
            OrderResult.OrderNotFound, OrderResult.OrderRequestInProcess, OrderResult.OrderRequestInProcess,
        }));
    }

    [Test]
    public void Risk_limits_refuse_orders_before_they_reach_the_venue()
    {
        var log = new List<string>();
        var s = new ScriptedStrategy(log, (T0 + 10 * Ms, c =>
        {
            c.SubmitBuy(0, 1, 99.0, 5);
            c.SubmitBuy(0, 2, 99.0, 1);
        }));
        var setup = new BacktestSetup
        {
            Instruments = [new InstrumentSetup(Inst, () => new MemoryBlockSource(Market(Bid(T0 + 50 * Ms, 99.0, 1))))],
            Strategies = [new StrategySetup("s", () => s)],
            Risk = new Hft.Core.Risk.RiskLimits(MaxOrderQuantity: 2),
            System = TestActorSystems.Shared,
        };
        using var run = new BacktestRun(setup);
        var result = run.Execute();
        Assert.That(log[0], Is.EqualTo($"{T0 + 10 * Ms}:#1 Rejected req=None"));
        Assert.That(result.Instruments[0].OrdersRejectedByRisk, Is.EqualTo(1));
        Assert.That(result.Instruments[0].OrdersSent, Is.EqualTo(1));
    }

    private sealed class Throwing(int throwOn) : Strategy
    {
        private int _seen;
        public static int Instances;
        public override void OnStart() => Interlocked.Increment(ref Instances);
        public override void OnDepth(int instrument, in MarketEvent update)
        {
            if (++_seen == throwOn) throw new InvalidOperationException("strategy bug");
        }
    }

    [TestCase(Directive.Restart, 2)]
    [TestCase(Directive.Resume, 1)]
    [TestCase(Directive.Stop, 1)]
    public void A_throwing_strategy_follows_its_directive_and_the_run_completes(Directive directive, int instances)
    {
        Throwing.Instances = 0;
        using var log = new LogCapture(TestActorSystems.Shared);
        var rows = Market(Bid(T0 + 1 * Ms, 99.9, 1), Bid(T0 + 2 * Ms, 99.8, 1), Bid(T0 + 3 * Ms, 99.7, 1));
        using var run = Run(rows, new Throwing(2), onError: directive);
        var result = run.Execute();
        Assert.That(result.Events, Is.EqualTo(5), "every row was replayed");
        Assert.That(Throwing.Instances, Is.EqualTo(instances));
        string logged = $"{run.Root.Path}/strategies/s: strategy bug";
        Assert.That(log.Lines(), directive == Directive.Resume ? Has.Some.EqualTo("WRN " + logged) : Has.Some.EqualTo("ERR " + logged));
        Assert.That(result.DeadLetters, Is.EqualTo(directive == Directive.Stop ? 3 : 0));
    }

    [Test]
    public void Partial_fills_update_the_local_position_fill_by_fill()
    {
        var log = new List<string>();
        var s = new ScriptedStrategy(log, (T0 + 10 * Ms, c => c.SubmitBuy(0, 1, 100.0, 3)));
        // 5 ahead; +20 ms overshoots by 1, +30 ms by 2 more.
        using var run = Run(Market(SellTrade(T0 + 20 * Ms, 100.0, 6), SellTrade(T0 + 30 * Ms, 100.0, 2), Bid(T0 + 40 * Ms, 99.9, 1)), s,
            exchange: Hft.Backtest.Venue.ExchangeModel.PartialFill);
        var result = run.Execute();
        Assert.That(log, Is.EqualTo(new[]
        {
            $"{T0 + 15 * Ms}:#1 New req=None",
            $"{T0 + 23 * Ms}:#1 PartiallyFilled req=None fill 1@100",
            $"{T0 + 33 * Ms}:#1 Filled req=None fill 2@100",
        }));
        Assert.That(result.Instruments[0].Position, Is.EqualTo(3), "the reference's local side would only count the last chunk");
        Assert.That(result.Fills, Is.EqualTo(2));
    }

    [Test]
    public void Modify_goes_to_the_venue_and_its_answer_updates_the_order()
    {
        var log = new List<string>();
        var results = new List<OrderResult>();
        Order? order = null;
        var s = new ScriptedStrategy(log,
            (T0 + 10 * Ms, c => c.SubmitBuy(0, 1, 99.0, 2)),
            (T0 + 20 * Ms, c =>
            {
                results.Add(c.Modify(0, 1, 99.5, 1));
                results.Add(c.Modify(0, 1, 99.6, 1));   // a request is already in flight
                order = c.Orders(0).Find(1);
            }));
        using var run = Run(Market(Bid(T0 + 40 * Ms, 99.9, 1)), s);
        run.Execute();
        Assert.That(results, Is.EqualTo(new[] { OrderResult.Ok, OrderResult.OrderRequestInProcess }));
        Assert.That(log.Last(), Is.EqualTo($"{T0 + 25 * Ms}:#1 New req=None"));
        Assert.That(order!.Price, Is.EqualTo(99.5).Within(1e-9));
        Assert.That(order.Quantity, Is.EqualTo(1));
        Assert.That(order.LeavesQuantity, Is.EqualTo(1));
    }

    [Test]
    public void A_refused_modify_restores_the_order_and_a_filled_order_cannot_be_modified()
    {
        var results = new List<OrderResult>();
        Order? order = null;
        var s = new ScriptedStrategy(new List<string>(),
            (T0 + 10 * Ms, c => c.SubmitSell(0, 1, 100.2, 1)),
            // Sent at +20, arrives +22: the order filled at +21, so the venue refuses the modify.
            (T0 + 20 * Ms, c => results.Add(c.Modify(0, 1, 100.5, 1))),
            (T0 + 30 * Ms, c =>
            {
                order = c.Orders(0).Find(1);
                results.Add(c.Modify(0, 1, 100.6, 1));
            }));
        using var run = Run(Market(Bid(T0 + 21 * Ms, 100.2, 1), Bid(T0 + 50 * Ms, 99.0, 1)), s);
        var result = run.Execute();
        Assert.That(results, Is.EqualTo(new[] { OrderResult.Ok, OrderResult.InvalidOrderStatus }));
        Assert.That(order!.Status, Is.EqualTo(OrderStatus.Filled));
        Assert.That(order.Price, Is.EqualTo(100.2).Within(1e-9), "the refused modify's price was rolled back");
        Assert.That(result.Fills, Is.EqualTo(1), "the rejection never counts the fill again");
    }

    [Test]
    public void Per_operation_latency_applies_to_each_request_and_answer()
    {
        var log = new List<string>();
        var s = new ScriptedStrategy(log,
            (T0 + 10 * Ms, c => c.SubmitBuy(0, 1, 99.0, 1)),
            (T0 + 20 * Ms, c => c.Cancel(0, 1)));
        using var run = new BacktestRun(new BacktestSetup
        {
            Instruments = [new InstrumentSetup(Inst, () => new MemoryBlockSource(Market(Bid(T0 + 50 * Ms, 99.0, 1))))],
            Strategies = [new StrategySetup("s", () => s)],
            Latency = new PerOperationLatency(SubmitEntry: 4 * Ms, ModifyEntry: 0, CancelEntry: 1 * Ms,
                SubmitResponse: 2 * Ms, ModifyResponse: 0, CancelResponse: 5 * Ms, FillResponse: 0),
            System = TestActorSystems.Shared,
        });
        run.Execute();
        Assert.That(log, Is.EqualTo(new[]
        {
            $"{T0 + 16 * Ms}:#1 New req=None",        // +10 send, +4 entry, +2 response
            $"{T0 + 26 * Ms}:#1 Canceled req=None",   // +20 send, +1 entry, +5 response
        }));
    }

    [Test]
    public void Spot_refuses_to_sell_what_is_not_held()
    {
        var log = new List<string>();
        var spot = Inst with { Kind = ContractKind.Spot };
        var s = new ScriptedStrategy(log,
            (T0 + 10 * Ms, c => c.SubmitSell(0, 1, 100.5, 1)),
            (T0 + 20 * Ms, c => c.SubmitBuy(0, 2, 100.2, 2)),    // crosses the 100.1 ask: bought 2
            (T0 + 30 * Ms, c =>
            {
                c.SubmitSell(0, 3, 100.5, 1);
                c.SubmitSell(0, 4, 100.6, 1);
                c.SubmitSell(0, 5, 100.7, 1);                     // only 2 held, 2 already offered
            }));
        using var run = new BacktestRun(new BacktestSetup
        {
            Instruments = [new InstrumentSetup(spot, () => new MemoryBlockSource(Market(Bid(T0 + 50 * Ms, 99.0, 1))))],
            Strategies = [new StrategySetup("s", () => s)],
            System = TestActorSystems.Shared,
        });
        var result = run.Execute();
        Assert.That(log.Where(l => l.Contains("Rejected", StringComparison.Ordinal)).Select(l => l[(l.IndexOf('#') + 1)..l.IndexOf(' ')]),
            Is.EqualTo(new[] { "1", "5" }));
        Assert.That(result.Instruments[0].Position, Is.EqualTo(2));
        Assert.That(result.Instruments[0].OrdersRejectedByRisk, Is.EqualTo(2));
    }

    [Test]
    public void Two_instruments_replay_together_each_with_its_own_data_and_book()
    {
        var other = new Instrument("U", "sim", 0.5, 1.0);
        var seen = new List<string>();
        var s = new RecordingStrategy(seen);
        var rowsA = Market(Bid(T0 + 5 * Ms, 99.9, 1));
        var rowsB = new[] { Bid(T0 + 5 * Ms, 50.0, 2), Ask(T0 + 5 * Ms, 50.5, 2), Bid(T0 + 7 * Ms, 50.0, 0) };
        using var run = new BacktestRun(new BacktestSetup
        {
            Instruments =
            [
                new InstrumentSetup(Inst, () => new MemoryBlockSource(rowsA)),
                new InstrumentSetup(other, () => new MemoryBlockSource(rowsB)),
            ],
            Strategies = [new StrategySetup("s", () => s)],
            System = TestActorSystems.Shared,
        });
        var result = run.Execute();
        Assert.That(result.Events, Is.EqualTo(6));
        // At equal local times the first instrument's data comes first (configuration order).
        Assert.That(seen, Is.EqualTo(new[]
        {
            $"0@{T0 + 1 * Ms}:1000", $"0@{T0 + 1 * Ms}:1001", $"0@{T0 + 6 * Ms}:999",
            $"1@{T0 + 6 * Ms}:100", $"1@{T0 + 6 * Ms}:101", $"1@{T0 + 8 * Ms}:100",
        }));
        Assert.That(run.Books[0].BestBidTick, Is.EqualTo(1000));
        Assert.That(run.Books[1].BestBidTick, Is.EqualTo(Hft.Core.Books.MarketDepth.InvalidMin));
        Assert.That(run.Books[1].BestAskTick, Is.EqualTo(101));
    }

    private sealed class RecordingStrategy(List<string> seen) : Strategy
    {
        public override void OnDepth(int instrument, in MarketEvent update) =>
            seen.Add($"{instrument}@{Context.Now}:{Context.Depth(instrument).ToTick(update.Price)}");
    }

    [Test]
    public void Each_strategy_follows_its_own_directive()
    {
        Throwing.Instances = 0;
        var rows = Market(Bid(T0 + 1 * Ms, 99.9, 1), Bid(T0 + 2 * Ms, 99.8, 1), Bid(T0 + 3 * Ms, 99.7, 1));
        var restarted = new Throwing(2);
        var stopped = new Throwing(2);
        using var run = new BacktestRun(new BacktestSetup
        {
            Instruments = [new InstrumentSetup(Inst, () => new MemoryBlockSource(rows))],
            Strategies =
            [
                new StrategySetup("a", () => restarted, Directive.Restart),
                new StrategySetup("b", () => stopped, Directive.Stop),
            ],
            System = TestActorSystems.Shared,
        });
        var result = run.Execute();
        Assert.That(Throwing.Instances, Is.EqualTo(3), "a started twice (restarted), b once");
        Assert.That(result.DeadLetters, Is.EqualTo(3), "b's remaining events went to dead letters, a's were delivered");
    }

    [Test]
    public void Rows_out_of_time_order_fail_with_the_row_number()
    {
        var rows = Market(Bid(T0 + 5 * Ms, 99.9, 1), Bid(T0 + 4 * Ms, 99.8, 1));
        using var run = Run(rows, new ScriptedStrategy(new List<string>()));
        Assert.That(() => run.Execute(), Throws.TypeOf<InvalidDataException>()
            .With.Message.Contains("row 3").And.Message.Contains("exch_ts"));
    }
}
