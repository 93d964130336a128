using Hft.Backtest.Models.Fees;
using Hft.Backtest.Models.Latency;
using Hft.Backtest.Models.Queue;
using Hft.Backtest.Venue;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Venues;
using Hft.Engine.Live;
using Hft.Engine.Shadow;
using static Hft.Engine.Tests.Venue.Events;

namespace Hft.Engine.Tests.Shadow;

/// <summary>
/// The shadow venue on hand-made rows and venue reports: the model places each order at the venue's own time for it
/// (rows held while the answer is on its way), and each order's two outcomes are compared once both sides are done.
/// </summary>
public sealed class ShadowVenueTests
{
    private const long Ms = 1_000_000;
    private static readonly Instrument Inst = new("T", "sim", 0.1, 1.0);
    private ShadowVenue _shadow = null!;
    private readonly List<double> _told = new();

    [SetUp]
    public void SetUp()
    {
        _told.Clear();
        _shadow = Shadow(minCompared: 1);
        // Our bid at 100.0 will have 5 ahead of it.
        Rows(Bid(1, 100.0, 5), Bid(1, 99.9, 7), Ask(1, 100.1, 4), Ask(1, 100.2, 6));
    }

    private ShadowVenue Shadow(int minCompared, int window = 4)
    {
        var models = new VenueModels(ExchangeModel.NoPartialFill, () => new RiskAverseQueueModel(), new ConstantLatency(2 * Ms, 3 * Ms), new TradingValueFeeModel(0, 0));
        var shadow = new ShadowVenue([Inst], new ShadowOptions(models, window, FillTimeToleranceNs: 50 * Ms, AnswerTimeoutNs: 1000 * Ms, ReorderNs: 0, minCompared));
        shadow.DivergenceChanged = _told.Add;
        return shadow;
    }

    private void Rows(params MarketEvent[] rows)
    {
        foreach (var r in rows) _shadow.OnRow(0, in r);
    }

    private static VenueCommand Buy(ulong id, double price, long sentAt) =>
        new(VenueCommandKind.New, 0, id, Side.Buy, Inst.ToTick(price), 1, TimeInForce.Gtc, OrderType.Limit, sentAt);

    private static OrderReport Venue(VenueCommand c, OrderStatus status, long exchangeTime, double fill = 0, double? fillPrice = null,
        VenueCommandKind? answers = null) => new()
    {
        Instrument = 0, OrderId = c.OrderId, Side = c.Side, Status = status, PriceTick = c.PriceTick, Quantity = c.Quantity,
        LeavesQuantity = status == OrderStatus.New ? c.Quantity : 0, FillQuantity = fill,
        FillPriceTick = fill > 0 ? Inst.ToTick(fillPrice ?? c.PriceTick * Inst.TickSize) : 0, ExchangeTime = exchangeTime,
        RequestLocalTime = c.LocalTime, Answers = answers ?? c.Kind,
    };

    [Test]
    public void An_order_filled_alike_by_the_venue_and_the_model_does_not_diverge()
    {
        var buy = Buy(1, 100.0, 10 * Ms);
        _shadow.OnSent(buy, 10 * Ms);
        _shadow.OnVenueReport(Venue(buy, OrderStatus.New, 12 * Ms), 13 * Ms);
        Rows(SellTrade(20 * Ms, 100.0, 5)); // takes exactly the 5 ahead: no fill
        Assert.That(_shadow.Exchanges[0].Resting, Is.EqualTo(1), "the model holds the order, unfilled");
        Rows(SellTrade(21 * Ms, 100.0, 1));
        Assert.That(_shadow.Exchanges[0].Resting, Is.Zero, "the model filled it");
        _shadow.OnVenueReport(Venue(buy, OrderStatus.Filled, 21 * Ms, fill: 1), 22 * Ms);
        var s = _shadow.Statistics;
        Assert.Multiple(() =>
        {
            Assert.That(s.Orders, Is.EqualTo(1));
            Assert.That(s.Compared, Is.EqualTo(1));
            Assert.That(s.Diverged, Is.Zero);
            Assert.That(s.VenueFilled, Is.EqualTo(1));
            Assert.That(s.ModelFilled, Is.EqualTo(1));
            Assert.That(s.MeanFillTimeDifference, Is.Zero);
            Assert.That(s.MeanVenueQueueTime, Is.EqualTo(9 * Ms), "12 ms answered, 21 ms filled");
            Assert.That(s.MeanModelQueueTime, Is.EqualTo(9 * Ms), "placed at the venue's 12 ms");
            // The venue answered 3 ms after the send; the model predicts entry 2 + response 3 ms.
            Assert.That(s.MeanLatencyDifference, Is.EqualTo(-2 * Ms));
            Assert.That(_shadow.OpenOrders, Is.Zero);
            Assert.That(_told, Is.EqualTo(new[] { 0.0 }));
        });
    }

    [Test]
    public void Rows_after_the_send_wait_for_the_answer_and_only_those_before_its_time_go_first()
    {
        var buy = Buy(1, 100.0, 10 * Ms);
        _shadow.OnSent(buy, 10 * Ms);
        // On their way while the order is: the level shrinks before the venue took it (14 ms), a trade hits it after (16 ms).
        Rows(Bid(14 * Ms, 100.0, 1), SellTrade(16 * Ms, 100.0, 2));
        Assert.That(_shadow.Exchanges[0].Held, Is.EqualTo(2), "held until the venue says when it took the order");
        _shadow.OnVenueReport(Venue(buy, OrderStatus.New, 15 * Ms), 17 * Ms);
        // At 15 ms one lot is ahead; the 16 ms trade of 2 takes it and fills ours. Applied as they arrived (all before
        // the order) the trade would have come too early to fill it.
        Assert.Multiple(() =>
        {
            Assert.That(_shadow.Exchanges[0].Held, Is.Zero);
            Assert.That(_shadow.Exchanges[0].Resting, Is.Zero, "filled by the 16 ms trade");
        });
        _shadow.OnVenueReport(Venue(buy, OrderStatus.Filled, 16 * Ms, fill: 1), 18 * Ms);
        Assert.That(_shadow.Statistics.Diverged, Is.Zero);
        Assert.That(_shadow.Statistics.Compared, Is.EqualTo(1));
    }

    [Test]
    public void A_venue_fill_the_model_does_not_predict_is_a_quantity_divergence_once_the_tolerance_passed()
    {
        var buy = Buy(1, 100.0, 10 * Ms);
        _shadow.OnSent(buy, 10 * Ms);
        _shadow.OnVenueReport(Venue(buy, OrderStatus.New, 12 * Ms), 13 * Ms);
        Rows(SellTrade(20 * Ms, 100.0, 2)); // 3 still ahead in the model
        _shadow.OnVenueReport(Venue(buy, OrderStatus.Filled, 20 * Ms, fill: 1), 21 * Ms);
        _shadow.Check(60 * Ms);
        Assert.That(_shadow.Statistics.Compared, Is.Zero, "within the fill-time tolerance the model may still fill it");
        _shadow.Check(80 * Ms);
        var s = _shadow.Statistics;
        Assert.Multiple(() =>
        {
            Assert.That(s.Compared, Is.EqualTo(1));
            Assert.That(s.QuantityDiverged, Is.EqualTo(1));
            Assert.That(s.Divergence, Is.EqualTo(1.0));
            Assert.That(_shadow.Exchanges[0].Resting, Is.Zero, "the model's order was withdrawn: it must not fill later");
            Assert.That(_told, Is.EqualTo(new[] { 1.0 }));
        });
    }

    [Test]
    public void Fills_at_another_price_or_too_far_apart_in_time_diverge_by_price_and_by_time()
    {
        var first = Buy(1, 100.0, 10 * Ms);
        _shadow.OnSent(first, 10 * Ms);
        _shadow.OnVenueReport(Venue(first, OrderStatus.New, 12 * Ms), 13 * Ms);
        Rows(SellTrade(20 * Ms, 100.0, 6));
        _shadow.OnVenueReport(Venue(first, OrderStatus.Filled, 20 * Ms, fill: 1, fillPrice: 99.9), 21 * Ms);
        var second = Buy(2, 99.9, 30 * Ms);
        _shadow.OnSent(second, 30 * Ms);
        _shadow.OnVenueReport(Venue(second, OrderStatus.New, 31 * Ms), 32 * Ms);
        Rows(SellTrade(40 * Ms, 99.9, 8));
        _shadow.OnVenueReport(Venue(second, OrderStatus.Filled, 200 * Ms, fill: 1), 201 * Ms);
        var s = _shadow.Statistics;
        Assert.Multiple(() =>
        {
            Assert.That(s.Compared, Is.EqualTo(2));
            Assert.That(s.PriceDiverged, Is.EqualTo(1));
            Assert.That(s.TimeDiverged, Is.EqualTo(1), "160 ms apart, 50 ms tolerated");
            Assert.That(s.Divergence, Is.EqualTo(1.0));
        });
    }

    [Test]
    public void A_cancel_is_placed_at_the_venue_time_and_an_order_cancelled_on_both_sides_does_not_diverge()
    {
        var buy = Buy(1, 100.0, 10 * Ms);
        _shadow.OnSent(buy, 10 * Ms);
        _shadow.OnVenueReport(Venue(buy, OrderStatus.New, 12 * Ms), 13 * Ms);
        var cancel = buy with { Kind = VenueCommandKind.Cancel, LocalTime = 30 * Ms };
        _shadow.OnSent(cancel, 30 * Ms);
        // After the venue took the cancel: this trade would have filled the order, but it is gone by then.
        Rows(SellTrade(33 * Ms, 100.0, 9));
        _shadow.OnVenueReport(Venue(cancel, OrderStatus.Canceled, 32 * Ms), 34 * Ms);
        var s = _shadow.Statistics;
        Assert.Multiple(() =>
        {
            Assert.That(s.Compared, Is.EqualTo(1));
            Assert.That(s.Diverged, Is.Zero);
            Assert.That(s.ModelFilled, Is.Zero);
            Assert.That(_shadow.Exchanges[0].Resting, Is.Zero);
        });
    }

    [Test]
    public void A_refused_order_is_not_modelled_nor_compared()
    {
        var buy = Buy(1, 100.0, 10 * Ms);
        _shadow.OnSent(buy, 10 * Ms);
        Rows(Bid(11 * Ms, 100.0, 4));
        _shadow.OnVenueReport(Venue(buy, OrderStatus.None, 0) with { Request = OrderRequest.Rejected, RejectReason = "-2019 margin" }, 12 * Ms);
        Assert.Multiple(() =>
        {
            Assert.That(_shadow.Statistics.Refused, Is.EqualTo(1));
            Assert.That(_shadow.Statistics.Compared, Is.Zero);
            Assert.That(_shadow.OpenOrders, Is.Zero);
            Assert.That(_shadow.Exchanges[0].Resting, Is.Zero);
            Assert.That(_shadow.Exchanges[0].Held, Is.Zero, "the rows went on once nothing waited");
        });
    }

    [Test]
    public void A_request_left_unanswered_past_the_timeout_is_placed_and_the_rows_go_on()
    {
        var buy = Buy(1, 100.0, 10 * Ms);
        _shadow.OnSent(buy, 10 * Ms);
        Rows(Bid(11 * Ms, 100.0, 4));
        _shadow.Check(500 * Ms);
        Assert.That(_shadow.Exchanges[0].Pending, Is.EqualTo(1));
        _shadow.Check(1011 * Ms);
        Assert.Multiple(() =>
        {
            Assert.That(_shadow.Statistics.Unanswered, Is.EqualTo(1));
            Assert.That(_shadow.Exchanges[0].Pending, Is.Zero);
            Assert.That(_shadow.Exchanges[0].Held, Is.Zero);
            Assert.That(_shadow.Exchanges[0].Resting, Is.EqualTo(1));
        });
    }

    [Test]
    public void The_breaker_is_told_only_after_the_minimum_and_the_divergence_is_the_share_of_the_latest_window()
    {
        _shadow = Shadow(minCompared: 3, window: 2);
        Rows(Bid(1, 100.0, 5), Ask(1, 100.1, 4));
        for (ulong id = 1; id <= 4; id++)
        {
            long t = (long)id * 100 * Ms;
            var buy = Buy(id, 100.0, t);
            _shadow.OnSent(buy, t);
            _shadow.OnVenueReport(Venue(buy, OrderStatus.New, t + Ms), t + 2 * Ms);
            var cancel = buy with { Kind = VenueCommandKind.Cancel, LocalTime = t + 10 * Ms };
            _shadow.OnSent(cancel, t + 10 * Ms);
            // Orders 1 and 2: the venue says filled (the model did not); 3 and 4 cancelled on both sides.
            var end = id <= 2
                ? Venue(buy, OrderStatus.Filled, t + 11 * Ms, fill: 1, answers: VenueCommandKind.Cancel)
                : Venue(cancel, OrderStatus.Canceled, t + 11 * Ms);
            _shadow.OnVenueReport(end, t + 12 * Ms);
            _shadow.Check(t + 90 * Ms);
        }
        Assert.Multiple(() =>
        {
            Assert.That(_shadow.Statistics.Compared, Is.EqualTo(4));
            Assert.That(_shadow.Statistics.Diverged, Is.EqualTo(2));
            Assert.That(_told, Is.EqualTo(new[] { 0.5, 0.0 }), "told from the third order on: window [2,3] then [3,4]");
            Assert.That(_shadow.Statistics.MaxDivergence, Is.EqualTo(1.0));
        });
    }
}
