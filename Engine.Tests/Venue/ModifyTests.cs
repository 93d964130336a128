using Hft.Backtest.Models.Fees;
using Hft.Backtest.Models.Queue;
using Hft.Backtest.Venue;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Venues;
using static Hft.Engine.Tests.Venue.Events;

namespace Hft.Engine.Tests.Venue;

/// <summary>The exchange's modify rules (as the reference, with the requeued quantity fixed).</summary>
public sealed class ModifyTests
{
    private static readonly Instrument Inst = new("T", "sim", 0.1, 1.0);
    private NoPartialFillExchange _ex = null!;
    private List<OrderReport> _reports = null!;

    [SetUp]
    public void SetUp()
    {
        _ex = new NoPartialFillExchange(0, Inst, new RiskAverseQueueModel(), new TradingValueFeeModel(0, 0));
        _reports = new List<OrderReport>();
        foreach (var e in new[] { Bid(1, 100.0, 5), Bid(1, 99.9, 7), Ask(1, 100.1, 4) }) _ex.OnMarketEvent(e, _reports);
        Request(VenueCommandKind.New, 1, 100.0, 2);
    }

    private OrderReport Request(VenueCommandKind kind, ulong id, double price, double qty, TimeInForce tif = TimeInForce.Gtc)
    {
        _reports.Clear();
        _ex.OnRequest(new VenueCommand(kind, 0, id, Side.Buy, Inst.ToTick(price), qty, tif, OrderType.Limit, 7), 10, _reports);
        Assert.That(_reports, Has.Count.EqualTo(1));
        var r = _reports[0];
        _reports.Clear();
        return r;
    }

    [Test]
    public void A_smaller_quantity_at_the_same_price_keeps_the_queue_position()
    {
        _ex.OnMarketEvent(SellTrade(20, 100.0, 4), _reports);      // 1 left ahead of us
        var ack = Request(VenueCommandKind.Modify, 1, 100.0, 1);
        Assert.That((ack.Status, ack.LeavesQuantity, ack.Quantity), Is.EqualTo((OrderStatus.New, 1.0, 1.0)));
        _ex.OnMarketEvent(SellTrade(21, 100.0, 2), _reports);
        Assert.That(_reports.Single().FillQuantity, Is.EqualTo(1), "still second in line: a 2-lot trade reaches us");
    }

    [Test]
    public void A_new_price_loses_the_queue_position()
    {
        _ex.OnMarketEvent(SellTrade(20, 100.0, 4), _reports);
        Request(VenueCommandKind.Modify, 1, 99.9, 2);               // behind the 7 at 99.9
        _ex.OnMarketEvent(SellTrade(21, 99.9, 7), _reports);
        Assert.That(_reports, Is.Empty);
        _ex.OnMarketEvent(SellTrade(22, 99.9, 1), _reports);
        Assert.That(_reports.Single().FillQuantity, Is.EqualTo(2), "the requeued order executes its new quantity");
    }

    [Test]
    public void A_larger_quantity_requeues_with_the_new_quantity_as_what_is_open()
    {
        _ex.OnMarketEvent(SellTrade(20, 100.0, 4), _reports);
        var ack = Request(VenueCommandKind.Modify, 1, 100.0, 3);
        Assert.That(ack.LeavesQuantity, Is.EqualTo(3), "the reference would keep the old open quantity (2)");
        _ex.OnMarketEvent(SellTrade(21, 100.0, 2), _reports);
        Assert.That(_reports, Is.Empty, "back of the queue: 5 ahead again (the level's size)");
        _ex.OnMarketEvent(SellTrade(22, 100.0, 4), _reports);
        Assert.That(_reports.Single().FillQuantity, Is.EqualTo(3));
    }

    [Test]
    public void A_requeue_to_a_crossing_price_follows_the_time_in_force()
    {
        var ack = Request(VenueCommandKind.Modify, 1, 100.1, 2);
        Assert.That((ack.Status, ack.FillQuantity, ack.FillPriceTick), Is.EqualTo((OrderStatus.Filled, 2.0, 1001L)));
        Request(VenueCommandKind.New, 2, 99.0, 1, TimeInForce.Gtx);
        var gtx = Request(VenueCommandKind.Modify, 2, 100.5, 1, TimeInForce.Gtx);
        Assert.That(gtx.Status, Is.EqualTo(OrderStatus.Expired), "a post-only modified across the spread expires");
        Assert.That(_ex.RestingCount, Is.Zero);
    }

    [Test]
    public void Modifying_an_order_that_is_gone_is_rejected_without_a_fill()
    {
        var r = Request(VenueCommandKind.Modify, 9, 100.0, 1);
        Assert.That(r.Request, Is.EqualTo(OrderRequest.Rejected));
        Assert.That(r.FillQuantity, Is.Zero);
    }
}
