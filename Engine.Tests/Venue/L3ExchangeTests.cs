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

namespace Hft.Engine.Tests.Venue;

public sealed class L3ExchangeTests
{
    private static readonly Instrument Inst = new("T", "sim", 0.1, 1.0);
    private const ulong Both = EventFlags.Both;

    private static MarketEvent Add(long t, ulong id, Side side, double px, double qty) =>
        new(Both | (side == Side.Buy ? EventFlags.Buy : EventFlags.Sell) | EventFlags.AddOrder, t, t + 1_000_000, px, qty, id);
    private static MarketEvent Cancel(long t, ulong id) => new(Both | EventFlags.CancelOrder, t, t + 1_000_000, 0, 0, id);
    private static MarketEvent Modify(long t, ulong id, double px, double qty) => new(Both | EventFlags.ModifyOrder, t, t + 1_000_000, px, qty, id);
    private static MarketEvent FillOf(long t, ulong id, Side side, double px, double qty) =>
        new(Both | (side == Side.Buy ? EventFlags.Buy : EventFlags.Sell) | EventFlags.Fill, t, t + 1_000_000, px, qty, id);

    [Test]
    public void The_book_aggregates_orders_into_levels()
    {
        var d = new MarketDepth(0.1, 1);
        d.ApplyOrderEvent(Add(1, 1, Side.Buy, 100.0, 5));
        d.ApplyOrderEvent(Add(1, 2, Side.Buy, 100.0, 3));
        d.ApplyOrderEvent(Add(1, 3, Side.Buy, 99.9, 2));
        d.ApplyOrderEvent(Add(1, 4, Side.Sell, 100.2, 4));
        Assert.That((d.BestBidTick, d.BidQuantityAt(1000), d.BestAskTick), Is.EqualTo((1000L, 8.0, 1002L)));
        d.ApplyOrderEvent(Modify(2, 1, 100.0, 2));
        Assert.That(d.BidQuantityAt(1000), Is.EqualTo(5));
        d.ApplyOrderEvent(Modify(3, 2, 100.1, 3));
        Assert.That((d.BestBidTick, d.BidQuantityAt(1000), d.BidQuantityAt(1001)), Is.EqualTo((1001L, 2.0, 3.0)));
        d.ApplyOrderEvent(Cancel(4, 2));
        d.ApplyOrderEvent(Cancel(4, 1));
        Assert.That(d.BestBidTick, Is.EqualTo(999), "emptied levels go and the best moves down");
        Assert.That(d.Orders.Keys, Is.EquivalentTo(new ulong[] { 3, 4 }));
        d.ClearOrders(Side.Buy);
        Assert.That((d.BestBidTick, d.Orders.Count), Is.EqualTo((MarketDepth.InvalidMin, 1)));
    }

    private L3Exchange _ex = null!;
    private List<OrderReport> _reports = null!;

    [SetUp]
    public void SetUp()
    {
        _ex = new L3Exchange(0, Inst, new TradingValueFeeModel(0, 0));
        _reports = new List<OrderReport>();
        Feed(Add(1, 101, Side.Buy, 100.0, 5), Add(1, 102, Side.Buy, 100.0, 3), Add(1, 201, Side.Sell, 100.2, 4));
    }

    private void Feed(params MarketEvent[] events)
    {
        foreach (var e in events) _ex.OnMarketEvent(e, _reports);
    }

    private OrderReport Submit(ulong id, Side side, double price, TimeInForce tif = TimeInForce.Gtc)
    {
        _reports.Clear();
        _ex.OnRequest(new VenueCommand(VenueCommandKind.New, 0, id, side, Inst.ToTick(price), 1, tif, OrderType.Limit, 5), 10, _reports);
        var r = _reports.Single();
        _reports.Clear();
        return r;
    }

    [Test]
    public void An_order_fills_only_when_an_order_behind_it_in_the_queue_executes()
    {
        Assert.That(Submit(1, Side.Buy, 100.0).Status, Is.EqualTo(OrderStatus.New));
        Feed(FillOf(20, 101, Side.Buy, 100.0, 5));
        Assert.That(_reports, Is.Empty, "101 was ahead of us");
        Feed(Cancel(21, 101), Add(22, 103, Side.Buy, 100.0, 2));
        Feed(FillOf(23, 102, Side.Buy, 100.0, 3));
        Assert.That(_reports, Is.Empty, "102 is still ahead of us");
        Feed(FillOf(24, 103, Side.Buy, 100.0, 2));
        Assert.That(_reports.Single().Status, Is.EqualTo(OrderStatus.Filled), "103 joined behind us: its execution reaches us first");
        Assert.That((_reports[0].Maker, _reports[0].FillPriceTick), Is.EqualTo((true, 1000L)));
    }

    [Test]
    public void An_execution_at_a_worse_price_fills_better_priced_orders()
    {
        Submit(1, Side.Buy, 100.1);
        Feed(FillOf(20, 101, Side.Buy, 100.0, 5));
        Assert.That(_reports.Single().OrderId, Is.EqualTo(1));
    }

    [Test]
    public void A_feed_modify_keeps_its_place_only_when_it_shrinks_at_the_same_price()
    {
        Submit(1, Side.Buy, 100.0);
        Feed(Modify(20, 101, 100.0, 4));                  // shrinks: still ahead of us
        Feed(FillOf(21, 101, Side.Buy, 100.0, 4));
        Assert.That(_reports, Is.Empty);
        Feed(Modify(22, 102, 100.0, 6));                  // grows: to the back, behind us
        Feed(FillOf(23, 102, Side.Buy, 100.0, 6));
        Assert.That(_reports.Single().OrderId, Is.EqualTo(1));
    }

    [Test]
    public void A_feed_order_crossing_our_price_fills_us()
    {
        Submit(1, Side.Sell, 100.2);
        Feed(Add(20, 104, Side.Buy, 100.3, 1));
        Assert.That(_reports.Single().OrderId, Is.EqualTo(1));
        Assert.That(_reports[0].FillPriceTick, Is.EqualTo(1002));
    }

    [Test]
    public void New_orders_cross_or_expire_like_the_no_partial_fill_exchange_and_a_clear_expires_ours()
    {
        Assert.That(Submit(1, Side.Buy, 100.2, TimeInForce.Gtx).Status, Is.EqualTo(OrderStatus.Expired));
        var taker = Submit(2, Side.Buy, 100.3);
        Assert.That((taker.Status, taker.FillPriceTick, taker.Maker), Is.EqualTo((OrderStatus.Filled, 1002L, false)));
        Submit(3, Side.Buy, 99.5);
        Feed(new MarketEvent(Both | EventFlags.Buy | EventFlags.DepthClear, 30, 31, 0, 0));
        Assert.That(_reports.Single().Status, Is.EqualTo(OrderStatus.Expired));
        Assert.That(_ex.RestingCount, Is.Zero);
        Assert.That(_ex.Depth.BestBidTick, Is.EqualTo(MarketDepth.InvalidMin));
    }

    [Test]
    public void A_market_by_order_backtest_runs_end_to_end_on_both_books()
    {
        const long ms = 1_000_000, t0 = 1_000 * ms;
        var log = new List<string>();
        double localBidQty = 0;
        int localOrders = 0;
        var s = new ScriptedStrategy(log,
            (t0 + 10 * ms, c => c.SubmitBuy(0, 1, 100.0, 1)),
            (t0 + 40 * ms, c =>
            {
                localBidQty = c.Depth(0).BidQuantityAt(1000);
                localOrders = c.Depth(0).Orders.Count;
            }));
        var rows = new[]
        {
            Add(t0, 101, Side.Buy, 100.0, 5), Add(t0, 201, Side.Sell, 100.2, 4),
            Add(t0 + 20 * ms, 102, Side.Buy, 100.0, 3),     // joins behind our order (which arrived at +11)
            FillOf(t0 + 30 * ms, 102, Side.Buy, 100.0, 3),  // so its execution fills us
            Cancel(t0 + 31 * ms, 102),
        };
        using var run = new BacktestRun(new BacktestSetup
        {
            Instruments = [new InstrumentSetup(Inst, () => new MemoryBlockSource(rows))],
            Strategies = [new StrategySetup("s", () => s)],
            Exchange = ExchangeModel.L3,
            System = TestActorSystems.Shared,
        });
        var result = run.Execute();
        Assert.That(log.Last(), Is.EqualTo($"{t0 + 31 * ms}:#1 Filled req=None fill 1@100"));
        Assert.That(result.Instruments[0].Position, Is.EqualTo(1));
        Assert.That((localBidQty, localOrders), Is.EqualTo((5.0, 2)), "the local book follows the feed's orders");
    }
}
