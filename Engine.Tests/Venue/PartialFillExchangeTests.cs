using Hft.Backtest.Models.Fees;
using Hft.Backtest.Models.Queue;
using Hft.Backtest.Venue;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Venues;
using static Hft.Engine.Tests.Venue.Events;

namespace Hft.Engine.Tests.Venue;

public sealed class PartialFillExchangeTests
{
    private static readonly Instrument Inst = new("T", "sim", 0.1, 1.0);
    private PartialFillExchange _ex = null!;
    private List<OrderReport> _reports = null!;

    [SetUp]
    public void SetUp()
    {
        _ex = new PartialFillExchange(0, Inst, new RiskAverseQueueModel(), new TradingValueFeeModel(0, 0));
        _reports = new List<OrderReport>();
        // Bids 100.0 x5, 99.9 x7; asks 100.1 x4, 100.2 x6, 100.3 x3.
        foreach (var e in new[] { Bid(1, 100.0, 5), Bid(1, 99.9, 7), Ask(1, 100.1, 4), Ask(1, 100.2, 6), Ask(1, 100.3, 3) })
            _ex.OnMarketEvent(e, _reports);
    }

    private List<OrderReport> Submit(ulong id, Side side, double price, double qty, TimeInForce tif = TimeInForce.Gtc, OrderType type = OrderType.Limit)
    {
        _reports.Clear();
        _ex.OnRequest(new VenueCommand(VenueCommandKind.New, 0, id, side, Inst.ToTick(price), qty, tif, type, 5), 10, _reports);
        var r = _reports.ToList();
        _reports.Clear();
        return r;
    }

    private static string Describe(IEnumerable<OrderReport> reports) =>
        string.Join(" | ", reports.Select(r => $"{r.Status} {r.FillQuantity}@{r.FillPriceTick} left {r.LeavesQuantity}"));

    [Test]
    public void A_queue_front_fill_executes_only_the_overshoot_and_the_rest_keeps_resting()
    {
        Submit(1, Side.Buy, 100.0, 3);
        _ex.OnMarketEvent(SellTrade(20, 100.0, 6), _reports);   // 5 ahead of us, the trade overshoots by 1
        Assert.That(Describe(_reports), Is.EqualTo("PartiallyFilled 1@1000 left 2"));
        _reports.Clear();
        _ex.OnMarketEvent(SellTrade(21, 100.0, 2), _reports);
        Assert.That(Describe(_reports), Is.EqualTo("Filled 2@1000 left 0"));
        Assert.That(_ex.RestingCount, Is.Zero, "an order filled exactly is removed (the reference keeps it)");
    }

    [Test]
    public void A_trade_through_the_price_fills_everything_left()
    {
        Submit(1, Side.Buy, 100.0, 3);
        _ex.OnMarketEvent(SellTrade(20, 99.9, 1), _reports);
        Assert.That(Describe(_reports), Is.EqualTo("Filled 3@1000 left 0"));
    }

    [Test]
    public void FOK_fills_level_by_level_only_when_the_levels_hold_all_of_it()
    {
        Assert.That(Describe(Submit(1, Side.Buy, 100.2, 11, TimeInForce.Fok)), Is.EqualTo("Expired 0@0 left 11"), "4 + 6 = 10 < 11");
        Assert.That(Describe(Submit(2, Side.Buy, 100.2, 9, TimeInForce.Fok)),
            Is.EqualTo("PartiallyFilled 4@1001 left 5 | Filled 5@1002 left 0"));
    }

    [Test]
    public void IOC_takes_what_the_levels_hold_and_the_rest_expires()
    {
        Assert.That(Describe(Submit(1, Side.Sell, 99.9, 20, TimeInForce.Ioc)),
            Is.EqualTo("PartiallyFilled 5@1000 left 15 | PartiallyFilled 7@999 left 8 | Expired 0@0 left 8"));
    }

    [Test]
    public void A_crossing_GTC_takes_levels_up_to_its_price_and_fills_the_rest_at_its_price()
    {
        Assert.That(Describe(Submit(1, Side.Buy, 100.2, 15)),
            Is.EqualTo("PartiallyFilled 4@1001 left 11 | PartiallyFilled 6@1002 left 5 | Filled 5@1002 left 0"));
        Assert.That(_ex.RestingCount, Is.Zero);
    }

    [Test]
    public void A_market_order_takes_the_book_and_what_is_left_expires()
    {
        Assert.That(Describe(Submit(1, Side.Buy, double.NaN, 20, type: OrderType.Market)),
            Is.EqualTo("PartiallyFilled 4@1001 left 16 | PartiallyFilled 6@1002 left 10 | PartiallyFilled 3@1003 left 7 | Expired 0@0 left 7"));
    }

    [Test]
    public void Every_execution_is_recorded_in_the_exchange_state()
    {
        Submit(1, Side.Buy, 100.2, 15);
        Assert.That(_ex.State.Position, Is.EqualTo(15));
        Assert.That(_ex.State.NumTrades, Is.EqualTo(3));
        Assert.That(_ex.State.TradingValue, Is.EqualTo(4 * 100.1 + 6 * 100.2 + 5 * 100.2).Within(1e-9));
    }
}
