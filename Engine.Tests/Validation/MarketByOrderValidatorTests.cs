using Hft.Backtest.Data.Validation;
using Hft.Backtest.Feed;
using Hft.Backtest.Models.Fees;
using Hft.Backtest.Runs;
using Hft.Backtest.Venue;
using Hft.Core.Books;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Venues;
using Hft.Engine.Tests.Runtime;
using Hft.Engine.Tests.Backtests;

namespace Hft.Engine.Tests.Validation;

/// <summary>Strict market-by-order data: the rows the reference refuses stop the run, or are left out and counted.</summary>
public sealed class MarketByOrderValidatorTests
{
    private const ulong Both = EventFlags.Both;
    private const long T0 = 1_723_161_600_000_000_000; // 2024-08-09 00:00:00 UTC

    private static MarketEvent Add(long t, ulong id, Side side, double px, double qty, ulong timelines = Both) =>
        new(timelines | (side == Side.Buy ? EventFlags.Buy : EventFlags.Sell) | EventFlags.AddOrder, t, t + 1_000_000, px, qty, id);
    private static MarketEvent Cancel(long t, ulong id) => new(Both | EventFlags.CancelOrder, t, t + 1_000_000, 0, 0, id);
    private static MarketEvent Modify(long t, ulong id, double px, double qty) => new(Both | EventFlags.ModifyOrder, t, t + 1_000_000, px, qty, id);
    private static MarketEvent FillOf(long t, ulong id, Side side, double px, double qty) =>
        new(Both | (side == Side.Buy ? EventFlags.Buy : EventFlags.Sell) | EventFlags.Fill, t, t + 1_000_000, px, qty, id);

    private static MarketEvent[] CheckAll(MarketByOrderValidator v, params MarketEvent[] rows)
    {
        for (int i = 0; i < rows.Length; i++) v.Check(ref rows[i], "day.npz", i);
        return rows;
    }

    [Test]
    public void A_duplicate_add_stops_with_one_line_naming_file_row_time_and_id()
    {
        var v = new MarketByOrderValidator(DataErrorPolicy.Stop);
        var e = Assert.Throws<MarketByOrderDataException>(() =>
            CheckAll(v, Add(T0, 7, Side.Buy, 100, 1), Add(T0 + 5, 8, Side.Sell, 101, 1), Add(T0 + 123, 7, Side.Buy, 99, 2)))!;
        Assert.That(e.Message, Does.StartWith($"day.npz: row 2: exch_ts {T0 + 123} (2024-08-09T00:00:00.000000123Z): add of order id 7, which is already resting"));
        Assert.That(e.Message, Does.Not.Contain("\n"));
    }

    [TestCase(EventFlags.CancelOrder, "cancel of order id 9, which is not resting")]
    [TestCase(EventFlags.ModifyOrder, "modify of order id 9, which is not resting")]
    [TestCase(EventFlags.Fill, "fill of order id 9, which is not resting")]
    public void Cancel_modify_and_fill_of_an_unknown_id_stop(ulong kind, string expected)
    {
        var v = new MarketByOrderValidator(DataErrorPolicy.Stop);
        var bad = new MarketEvent(Both | EventFlags.Buy | kind, T0 + 2, T0 + 3, 100, 1, 9);
        var e = Assert.Throws<MarketByOrderDataException>(() => CheckAll(v, Add(T0, 7, Side.Buy, 100, 1), bad))!;
        Assert.That(e.Message, Does.StartWith($"day.npz: row 1: exch_ts {T0 + 2} ").And.Contain(expected));
    }

    [Test]
    public void Skip_takes_bad_rows_off_both_timelines_and_counts_them_by_reason()
    {
        var v = new MarketByOrderValidator(DataErrorPolicy.Skip);
        MarketEvent[] input =
        [
            Add(T0, 1, Side.Buy, 100, 1), Add(T0, 1, Side.Sell, 101, 1), Cancel(T0 + 1, 2), Modify(T0 + 2, 3, 100, 1),
            FillOf(T0 + 3, 4, Side.Buy, 100, 1), FillOf(T0 + 4, 1, Side.Buy, 100, 1), Cancel(T0 + 5, 1), Cancel(T0 + 6, 1),
        ];
        var rows = CheckAll(v, (MarketEvent[])input.Clone());
        Assert.That(rows.Select(r => r.Flags & Both), Is.EqualTo(new[] { Both, 0UL, 0UL, 0UL, 0UL, Both, Both, 0UL }));
        Assert.That(rows.Select(r => r.Flags & ~Both), Is.EqualTo(input.Select(r => r.Flags & ~Both)), "kind and side stay");
        Assert.That(v.SkippedRows, Is.EqualTo(5));
        Assert.That((v.Skipped(MarketByOrderProblem.DuplicateAdd), v.Skipped(MarketByOrderProblem.UnknownCancel),
            v.Skipped(MarketByOrderProblem.UnknownModify), v.Skipped(MarketByOrderProblem.UnknownFill)), Is.EqualTo((1L, 2L, 1L, 1L)));
        Assert.That(v.Summary(), Is.EqualTo("1 add(s) of a resting id, 2 cancel(s) of an unknown id, 1 modify(s) of an unknown id, 1 fill(s) of an unknown id"));
        Assert.That(v.Examples, Has.Count.EqualTo(MarketByOrderValidator.ExampleLimit));
        Assert.That(v.Examples[0], Does.StartWith("day.npz: row 1: "));
    }

    [Test]
    public void Each_timeline_keeps_its_own_resting_ids_and_a_clear_empties_one_side()
    {
        var v = new MarketByOrderValidator(DataErrorPolicy.Skip);
        // The exchange sees the add first; the local side sees it later (rows split by the event-order correction).
        var rows = CheckAll(v,
            Add(T0, 5, Side.Buy, 100, 1, EventFlags.Exchange),
            Cancel(T0 + 1, 5).WithFlags(EventFlags.Exchange | EventFlags.CancelOrder),
            Add(T0, 5, Side.Buy, 100, 1, EventFlags.Local),
            Add(T0 + 2, 6, Side.Sell, 101, 1),
            new MarketEvent(Both | EventFlags.Sell | EventFlags.DepthClear, T0 + 3, T0 + 4, 0, 0),
            Cancel(T0 + 5, 6),
            Cancel(T0 + 6, 5));
        Assert.That(v.SkippedRows, Is.EqualTo(2), "the cancel of 6 after its side was cleared, and of 5 on the exchange side");
        Assert.That(rows[5].Flags & Both, Is.Zero);
        Assert.That(rows[6].Flags & Both, Is.EqualTo(EventFlags.Local), "5 still rests on the local book only");
    }

    [Test]
    public void L2_rows_pass_untouched_and_an_initial_snapshot_seeds_the_resting_ids()
    {
        var v = new MarketByOrderValidator(DataErrorPolicy.Stop);
        var depth = new MarketEvent(Both | EventFlags.Buy | EventFlags.Depth, T0, T0 + 1, 100, 1, 7);
        var trade = new MarketEvent(Both | EventFlags.Sell | EventFlags.Trade, T0, T0 + 1, 100, 1, 7);
        var rows = CheckAll(v, depth, trade, depth);
        Assert.That(rows, Is.EqualTo(new[] { depth, trade, depth }));
        v.Seed([Add(0, 7, Side.Buy, 100, 1)]);
        Assert.That(() => CheckAll(v, Cancel(T0, 7)), Throws.Nothing);
        Assert.That(() => CheckAll(v, Cancel(T0, 7)), Throws.TypeOf<MarketByOrderDataException>());
    }

    [Test]
    public void The_book_refuses_a_duplicate_add_and_stays_as_it_was()
    {
        var d = new MarketDepth(0.1, 1);
        Assert.That(d.AddOrder(1, Side.Buy, 100.0, 5), Is.True);
        Assert.That(d.AddOrder(1, Side.Buy, 100.1, 3), Is.False);
        Assert.That((d.BestBidTick, d.BidQuantityAt(1000), d.BidQuantityAt(1001), d.Orders[1].Quantity), Is.EqualTo((1000L, 5.0, 0.0, 5.0)));
        Assert.That(d.DeleteOrder(2), Is.False);
        Assert.That(d.ModifyOrder(2, 100.0, 1), Is.False);
        Assert.That(d.BidQuantityAt(1000), Is.EqualTo(5));
    }

    [Test]
    public void A_clear_of_market_by_order_data_removes_the_sides_orders_from_the_book()
    {
        var d = new MarketDepth(0.1, 1);
        d.ApplyOrderEvent(Add(1, 1, Side.Buy, 100.0, 5));
        d.ApplyOrderEvent(Add(1, 2, Side.Sell, 100.2, 5));
        d.Apply(new MarketEvent(Both | EventFlags.Buy | EventFlags.DepthClear, 2, 3, 100.0, 0));
        Assert.That(d.Orders.Keys, Is.EqualTo(new ulong[] { 2 }));
        Assert.That((d.BestBidTick, d.BestAskTick), Is.EqualTo((MarketDepth.InvalidMin, 1002L)));
    }

    [Test]
    public void The_l3_exchange_keeps_its_queues_on_a_duplicate_add_and_an_unknown_fill()
    {
        var inst = new Instrument("T", "sim", 0.1, 1.0);
        var ex = new L3Exchange(0, inst, new TradingValueFeeModel(0, 0));
        var reports = new List<OrderReport>();
        ex.OnMarketEvent(Add(1, 101, Side.Buy, 100.0, 5), reports);
        ex.OnRequest(new VenueCommand(VenueCommandKind.New, 0, 1, Side.Buy, 1000, 1, TimeInForce.Gtc, OrderType.Limit, 5), 10, reports);
        reports.Clear();
        // Had the duplicate replaced 101, 101 would now be behind us and its fill would fill us.
        ex.OnMarketEvent(Add(20, 101, Side.Buy, 100.0, 5), reports);
        Assert.That(ex.Depth.BidQuantityAt(1000), Is.EqualTo(5));
        ex.OnMarketEvent(FillOf(21, 999, Side.Buy, 100.0, 5), reports);
        Assert.That(reports, Is.Empty, "an unknown id executes nothing");
        ex.OnMarketEvent(FillOf(22, 101, Side.Buy, 100.0, 5), reports);
        Assert.That(reports, Is.Empty, "101 is still ahead of us");
        ex.OnMarketEvent(Add(23, 102, Side.Buy, 100.0, 1), reports);
        ex.OnMarketEvent(FillOf(24, 102, Side.Buy, 100.0, 1), reports);
        Assert.That(reports.Single().OrderId, Is.EqualTo(1));
    }

    [Test]
    public void A_skipping_run_leaves_the_bad_row_out_of_both_books()
    {
        const long ms = 1_000_000;
        var log = new List<string>();
        double localQty = -1;
        var s = new ScriptedStrategy(log, (T0 + 50 * ms, c => localQty = c.Depth(0).BidQuantityAt(1000)));
        var rows = new[]
        {
            Add(T0, 101, Side.Buy, 100.0, 5), Add(T0, 201, Side.Sell, 100.2, 4),
            Add(T0 + 10 * ms, 101, Side.Buy, 100.0, 7),   // duplicate: the book keeps 5
            Cancel(T0 + 20 * ms, 301),                     // unknown
        };
        var validator = new MarketByOrderValidator(DataErrorPolicy.Skip);
        using var run = new BacktestRun(new BacktestSetup
        {
            Instruments = [new InstrumentSetup(new Instrument("T", "sim", 0.1, 1.0), () => new ValidatedBlockSource(new MemoryBlockSource(rows), validator))],
            Strategies = [new StrategySetup("s", () => s)],
            Exchange = ExchangeModel.L3,
            System = TestActorSystems.Shared,
        });
        run.Execute();
        Assert.That(localQty, Is.EqualTo(5), "local book");
        Assert.That(run.Books[0].BidQuantityAt(1000), Is.EqualTo(5));
        Assert.That(validator.SkippedRows, Is.EqualTo(2));
    }
}
