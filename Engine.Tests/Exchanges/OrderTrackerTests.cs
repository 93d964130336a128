using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Venues;
using Hft.Exchanges.Common;

namespace Hft.Engine.Tests.Exchanges;

/// <summary>REST answers and stream events merged: the venue's cumulative quantity decides fills; final stays final.</summary>
public sealed class OrderTrackerTests
{
    private static readonly Instrument Sim = new("SIMUSDT", "binance-futures", 0.01, 0.01);

    private static VenueOrderUpdate Update(OrderStatus status, decimal cumulative, decimal last = 0, decimal price = 100m, decimal fee = 0) =>
        new("hft-1", status, 100m, 1m, cumulative, cumulative > 0 ? price : 0, last, price, fee, true, 1);

    private static OrderTracker Tracker()
    {
        var t = new OrderTracker([Sim]);
        t.OnNew(new VenueCommand(VenueCommandKind.New, 0, 1, Side.Buy, 10_000, 1, TimeInForce.Gtx, OrderType.Limit, 42), "hft-1");
        return t;
    }

    [Test]
    public void A_repeated_event_counts_its_fill_once()
    {
        var t = Tracker();
        Assert.That(t.OnUpdate("hft-1", Update(OrderStatus.New, 0))!.Status, Is.EqualTo(OrderStatus.New));
        var fill = t.OnUpdate("hft-1", Update(OrderStatus.PartiallyFilled, 0.4m, 0.4m, fee: 0.01m))!;
        Assert.That(fill.FillQuantity, Is.EqualTo(0.4).Within(1e-12));
        Assert.That(fill.FillPriceTick, Is.EqualTo(10_000));
        Assert.That(fill.LeavesQuantity, Is.EqualTo(0.6).Within(1e-12));
        Assert.That(fill.Fee, Is.EqualTo(0.01).Within(1e-12));
        Assert.That(t.OnUpdate("hft-1", Update(OrderStatus.PartiallyFilled, 0.4m, 0.4m)), Is.Null, "the same event again");
        var rest = t.OnUpdate("hft-1", Update(OrderStatus.New, 0));
        Assert.That(rest, Is.Null, "an older REST answer does not undo the fill");
    }

    [Test]
    public void Missed_events_are_filled_in_from_the_cumulative_quantity_at_the_average_price()
    {
        var t = Tracker();
        t.OnUpdate("hft-1", Update(OrderStatus.PartiallyFilled, 0.2m, 0.2m, price: 100m));
        // The event for 0.3 at 101 was lost; this one brings 0.5 more at 102, cumulative 1.0 at average 101.2.
        var u = new VenueOrderUpdate("hft-1", OrderStatus.Filled, 100m, 1m, 1m, 101.2m, 0.5m, 102m, 0, true, 2);
        var r = t.OnUpdate("hft-1", u)!;
        Assert.That(r.FillQuantity, Is.EqualTo(0.8).Within(1e-12));
        Assert.That(r.FillValue, Is.EqualTo(101.2 - 20).Within(1e-9));
        Assert.That(r.Status, Is.EqualTo(OrderStatus.Filled));
        Assert.That(r.LeavesQuantity, Is.Zero);
    }

    [Test]
    public void A_final_status_stays_final_but_a_late_fill_still_counts()
    {
        var t = Tracker();
        t.OnUpdate("hft-1", Update(OrderStatus.Canceled, 0.3m));
        Assert.That(t.IsOpen(1), Is.False);
        Assert.That(t.OnUpdate("hft-1", Update(OrderStatus.New, 0.3m)), Is.Null);
        var late = t.OnUpdate("hft-1", Update(OrderStatus.PartiallyFilled, 0.5m, 0.2m))!;
        Assert.That(late.Status, Is.EqualTo(OrderStatus.Canceled));
        Assert.That(late.FillQuantity, Is.EqualTo(0.2).Within(1e-12));
    }

    [Test]
    public void A_refused_new_order_is_rejected_for_the_request_it_answers()
    {
        var t = Tracker();
        var command = new VenueCommand(VenueCommandKind.New, 0, 1, Side.Buy, 10_000, 1, TimeInForce.Gtx, OrderType.Limit, 42);
        var r = t.Rejected(command, "HTTP 400, code -5022: post only");
        Assert.That(r.Request, Is.EqualTo(OrderRequest.Rejected));
        Assert.That(r.RequestLocalTime, Is.EqualTo(42));
        Assert.That(r.RejectReason, Does.Contain("-5022"));
        Assert.That(t.IsOpen(1), Is.False);
    }

    [Test]
    public void A_reused_local_id_is_a_new_venue_order_and_the_old_one_s_late_fill_counts_once()
    {
        var t = Tracker();
        t.OnUpdate("hft-1", Update(OrderStatus.Canceled, 0));
        // The grid places a new order under the same local id (its price tick) once the first has ended.
        t.OnNew(new VenueCommand(VenueCommandKind.New, 0, 1, Side.Buy, 10_000, 1, TimeInForce.Gtx, OrderType.Limit, 50), "hft-1b");
        Assert.That(t.ClientIdOf(1), Is.EqualTo("hft-1b"));
        var ack = t.OnUpdate("hft-1b", Update(OrderStatus.New, 0) with { ClientOrderId = "hft-1b" })!;
        Assert.That(ack.Status, Is.EqualTo(OrderStatus.New), "the new incarnation is not held back by the old one's end");
        var late = t.OnUpdate("hft-1", Update(OrderStatus.Canceled, 0.2m, 0.2m))!;
        Assert.That(late.FillQuantity, Is.EqualTo(0.2).Within(1e-12));
        Assert.That(late.Status, Is.EqualTo(OrderStatus.New), "the report shows the current incarnation");
        Assert.That(t.OnUpdate("hft-1", Update(OrderStatus.Canceled, 0.2m, 0.2m)), Is.Null);
    }

    [Test]
    public void A_client_id_made_from_the_submission_time_can_be_worked_out_again_and_is_never_repeated()
    {
        var ids = new ClientOrderIds("hft-", startMicroseconds: 1_796_000_000_000_000);
        long submitted = 1_796_000_000_123_456_789;
        string id = ids.For(7, submitted);
        Assert.That(id, Is.EqualTo(ids.Of(7, submitted / 1000)), "the journaled submission time gives the id back");
        Assert.That(new ClientOrderIds("hft-").Of(7, submitted / 1000), Is.EqualTo(id), "in another process too");
        string sameMicrosecond = ids.For(8, submitted + 100);
        Assert.That(sameMicrosecond, Is.EqualTo(ids.Of(8, submitted / 1000 + 1)), "a second id in the same µs takes the next serial");
        Assert.That(ids.For(7, submitted - 5_000), Is.Not.EqualTo(id), "a clock that went back never repeats an id");
        Assert.That(ids.TryParse(id, out ulong local) && local == 7, Is.True);
    }

    [Test]
    public void Client_order_ids_are_never_repeated_and_map_back_to_the_local_id()
    {
        var ids = new ClientOrderIds("hft-", startMicroseconds: 1_796_000_000_000_000);
        string first = ids.Next(123), second = ids.Next(123);
        Assert.That(first, Is.Not.EqualTo(second));
        Assert.That(first, Does.StartWith("hft-3f_"));
        Assert.That(ids.TryParse(first, out ulong id) && id == 123, Is.True);
        Assert.That(ids.TryParse("other-3f_1", out _), Is.False);
        Assert.That(ids.TryParse("hft-", out _), Is.False);
        Assert.That(ids.TryParse("hft-3f", out _), Is.False);
        Assert.That(ids.TryParse("hft-3F_1", out _), Is.False);
        var restarted = new ClientOrderIds("hft-");
        Assert.That(restarted.Next(123), Is.Not.EqualTo(first), "a restart starts the serial from the clock");
        string longest = new ClientOrderIds(new string('p', ClientOrderIds.MaxPrefixLength)).Next(ulong.MaxValue);
        Assert.That(longest.Length, Is.LessThanOrEqualTo(ClientOrderIds.MaxLength));
        Assert.That(longest, Does.Match("^[a-zA-Z0-9_-]{1,36}$"), "the character set every venue accepts");
        Assert.Throws<ArgumentException>(() => _ = new ClientOrderIds("bad prefix"));
        Assert.Throws<ArgumentException>(() => _ = new ClientOrderIds(new string('a', ClientOrderIds.MaxPrefixLength + 1)));
    }

    [TestCase(0.01, 10_125L, "101.25")]
    [TestCase(0.1, 1L, "0.1")]
    [TestCase(1.0, 42L, "42")]
    [TestCase(0.001, 3L, "0.003")]
    public void Prices_are_written_with_the_tick_s_decimals(double tick, long steps, string text) =>
        Assert.That(new DecimalText(tick).Steps(steps), Is.EqualTo(text));

    [Test]
    public void Quantities_round_to_the_lot_without_binary_noise() =>
        Assert.That(new DecimalText(0.01).Round(0.1 + 0.2), Is.EqualTo("0.30"));

    [Test]
    public void Symbol_rules_name_what_does_not_match()
    {
        var rules = new SymbolRules("SIMUSDT", 0.01m, 0.01m, 0.01m, 5m, true);
        Assert.That(rules.Check(0.01, 0.01), Is.Empty);
        Assert.That(rules.Check(0.02, 0.05), Is.Empty, "a multiple of the venue's increments is fine");
        var problems = rules.Check(0.005, 0.001);
        Assert.That(problems, Has.Count.EqualTo(2));
        Assert.That(problems[0], Does.Contain("tick_size = 0.005").And.Contain("0.01"));
    }
}
