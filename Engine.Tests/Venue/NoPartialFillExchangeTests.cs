using Hft.Backtest.Models.Fees;
using Hft.Backtest.Models.Queue;
using Hft.Backtest.Venue;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Venues;
using static Hft.Engine.Tests.Venue.Events;

namespace Hft.Engine.Tests.Venue;

public sealed class NoPartialFillExchangeTests
{
    private static readonly Instrument Inst = new("T", "sim", 0.1, 1.0);
    private NoPartialFillExchange _ex = null!;
    private List<OrderReport> _reports = null!;

    [SetUp]
    public void SetUp()
    {
        _ex = new NoPartialFillExchange(0, Inst, new RiskAverseQueueModel(), new TradingValueFeeModel(-0.0001, 0.001));
        _reports = new List<OrderReport>();
        Feed(Bid(1, 100.0, 5), Bid(1, 99.9, 7), Ask(1, 100.1, 4), Ask(1, 100.2, 6));
    }

    private void Feed(params MarketEvent[] events)
    {
        foreach (var e in events) _ex.OnMarketEvent(e, _reports);
    }

    private OrderReport Submit(ulong id, Side side, double price, double qty, TimeInForce tif = TimeInForce.Gtc, OrderType type = OrderType.Limit, long t = 10)
    {
        _reports.Clear();
        _ex.OnRequest(new VenueCommand(VenueCommandKind.New, 0, id, side, Inst.ToTick(price), qty, tif, type, t - 5), t, _reports);
        Assert.That(_reports, Has.Count.EqualTo(1));
        var r = _reports[0];
        _reports.Clear();
        return r;
    }

    [Test]
    public void A_resting_order_waits_for_the_queue_ahead_and_exact_depletion_does_not_fill()
    {
        var ack = Submit(1, Side.Buy, 100.0, 1);
        Assert.That(ack.Status, Is.EqualTo(OrderStatus.New));
        Feed(SellTrade(20, 100.0, 5));
        Assert.That(_reports, Is.Empty, "the trade consumed exactly the 5 ahead of us: round(0/lot) = 0, no fill");
        Feed(SellTrade(21, 100.0, 1));
        Assert.That(_reports, Has.Count.EqualTo(1));
        var fill = _reports[0];
        Assert.Multiple(() =>
        {
            Assert.That(fill.Status, Is.EqualTo(OrderStatus.Filled));
            Assert.That(fill.Maker, Is.True);
            Assert.That(fill.FillPriceTick, Is.EqualTo(1000));
            Assert.That(fill.FillQuantity, Is.EqualTo(1));
            Assert.That(fill.ExchangeTime, Is.EqualTo(21));
            Assert.That(fill.FillValue, Is.EqualTo(100.0));
            Assert.That(fill.Fee, Is.EqualTo(-0.01).Within(1e-12));
        });
        Assert.That(_ex.RestingCount, Is.Zero);
    }

    [Test]
    public void Overshooting_by_less_than_half_a_lot_does_not_fill()
    {
        Submit(1, Side.Buy, 100.0, 1);
        Feed(SellTrade(20, 100.0, 5.4));
        Assert.That(_reports, Is.Empty);
        Feed(SellTrade(21, 100.0, 0.1));
        Assert.That(_reports, Has.Count.EqualTo(1), "front is now -0.5: round half away from zero gives 1 lot");
    }

    [Test]
    public void A_shrinking_level_moves_the_risk_averse_queue_only_to_the_new_size()
    {
        Submit(1, Side.Buy, 100.0, 1);
        Feed(Bid(20, 100.0, 2));          // front = min(5, 2) = 2
        Feed(Bid(21, 100.0, 9));          // growth joins behind us: front stays 2
        Feed(SellTrade(22, 100.0, 2));
        Assert.That(_reports, Is.Empty);
        Feed(SellTrade(23, 100.0, 1));
        Assert.That(_reports, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_trade_through_the_price_fills_at_the_order_price()
    {
        Submit(1, Side.Buy, 100.0, 2);
        Feed(SellTrade(20, 99.9, 1));
        Assert.That(_reports, Has.Count.EqualTo(1));
        Assert.That(_reports[0].FillPriceTick, Is.EqualTo(1000));
        Assert.That(_reports[0].FillQuantity, Is.EqualTo(2), "no partial fills: the whole order fills");
    }

    [Test]
    public void The_opposite_best_crossing_the_price_fills_as_maker()
    {
        Submit(1, Side.Sell, 100.2, 1);
        Feed(Bid(20, 100.2, 3));
        Assert.That(_reports, Has.Count.EqualTo(1));
        Assert.That(_reports[0].Maker, Is.True);
        Assert.That(_reports[0].FillPriceTick, Is.EqualTo(1002));
    }

    [Test]
    public void A_buy_trade_at_a_sell_price_advances_that_queue_only()
    {
        Submit(1, Side.Sell, 100.1, 1);
        Feed(BuyTrade(20, 100.1, 4));
        Assert.That(_reports, Is.Empty);
        Feed(SellTrade(21, 100.1, 100));
        Assert.That(_reports, Is.Empty, "a sell-initiated trade does not touch sell orders");
        Feed(BuyTrade(22, 100.1, 1));
        Assert.That(_reports, Has.Count.EqualTo(1));
    }

    [Test]
    public void Crossing_orders_take_liquidity_at_the_opposite_best_whatever_its_size()
    {
        var gtc = Submit(1, Side.Buy, 100.5, 10);
        Assert.Multiple(() =>
        {
            Assert.That(gtc.Status, Is.EqualTo(OrderStatus.Filled));
            Assert.That(gtc.Maker, Is.False);
            Assert.That(gtc.FillPriceTick, Is.EqualTo(1001));
            Assert.That(gtc.FillQuantity, Is.EqualTo(10));
            Assert.That(gtc.Fee, Is.EqualTo(0.001 * 100.1 * 10).Within(1e-9));
        });
        var ioc = Submit(2, Side.Sell, 99.0, 1, TimeInForce.Ioc);
        Assert.That(ioc.Status, Is.EqualTo(OrderStatus.Filled));
        Assert.That(ioc.FillPriceTick, Is.EqualTo(1000));
        var fok = Submit(3, Side.Sell, 100.0, 1, TimeInForce.Fok);
        Assert.That(fok.Status, Is.EqualTo(OrderStatus.Filled));
    }

    [Test]
    public void Post_only_that_would_cross_expires_and_IOC_FOK_that_do_not_cross_expire()
    {
        Assert.That(Submit(1, Side.Buy, 100.1, 1, TimeInForce.Gtx).Status, Is.EqualTo(OrderStatus.Expired));
        Assert.That(Submit(2, Side.Sell, 100.0, 1, TimeInForce.Gtx).Status, Is.EqualTo(OrderStatus.Expired));
        Assert.That(Submit(3, Side.Buy, 100.0, 1, TimeInForce.Gtx).Status, Is.EqualTo(OrderStatus.New));
        Assert.That(Submit(4, Side.Buy, 99.5, 1, TimeInForce.Ioc).Status, Is.EqualTo(OrderStatus.Expired));
        Assert.That(Submit(5, Side.Sell, 101, 1, TimeInForce.Fok).Status, Is.EqualTo(OrderStatus.Expired));
        Assert.That(_ex.RestingCount, Is.EqualTo(1));
    }

    [Test]
    public void Market_orders_take_the_best_price_and_expire_into_an_empty_side()
    {
        var buy = Submit(1, Side.Buy, double.NaN, 3, type: OrderType.Market);
        Assert.That(buy.Status, Is.EqualTo(OrderStatus.Filled));
        Assert.That(buy.FillPriceTick, Is.EqualTo(1001));
        Feed(Ask(20, 100.1, 0), Ask(20, 100.2, 0));
        var empty = Submit(2, Side.Buy, double.NaN, 3, type: OrderType.Market);
        Assert.That(empty.Status, Is.EqualTo(OrderStatus.Expired));
        Assert.That(empty.FillQuantity, Is.Zero);
    }

    [Test]
    public void Cancel_removes_a_resting_order_and_is_rejected_when_it_is_gone()
    {
        Submit(1, Side.Buy, 99.0, 1);
        _ex.OnRequest(new VenueCommand(VenueCommandKind.Cancel, 0, 1, Side.Buy, 990, 1, TimeInForce.Gtc, OrderType.Limit, 30), 31, _reports);
        Assert.That(_reports[0].Status, Is.EqualTo(OrderStatus.Canceled));
        Assert.That(_reports[0].RequestLocalTime, Is.EqualTo(30));
        _reports.Clear();
        _ex.OnRequest(new VenueCommand(VenueCommandKind.Cancel, 0, 1, Side.Buy, 990, 1, TimeInForce.Gtc, OrderType.Limit, 40), 41, _reports);
        Assert.That(_reports[0].Request, Is.EqualTo(OrderRequest.Rejected));
        Assert.That(_reports[0].FillQuantity, Is.Zero, "an echoed rejection never carries a fill");
        Assert.That(_ex.RestingCount, Is.Zero);
    }

    [Test]
    public void Several_fills_on_one_event_come_out_in_price_then_arrival_order()
    {
        Submit(3, Side.Sell, 100.3, 1);
        Submit(1, Side.Sell, 100.2, 1);
        Submit(2, Side.Sell, 100.2, 1);
        Submit(4, Side.Sell, 100.5, 1);
        Feed(Bid(50, 100.4, 1));
        Assert.That(_reports.Select(r => r.OrderId), Is.EqualTo(new ulong[] { 1, 2, 3 }));
        Assert.That(_ex.RestingCount, Is.EqualTo(1));
    }

    [Test]
    public void A_duplicate_id_on_the_exchange_is_rejected_not_fatal()
    {
        Submit(7, Side.Buy, 99.0, 1);
        var dup = Submit(7, Side.Buy, 98.0, 1);
        Assert.That(dup.Request, Is.EqualTo(OrderRequest.Rejected));
        Assert.That(dup.RejectReason, Does.Contain("already resting"));
    }
}
