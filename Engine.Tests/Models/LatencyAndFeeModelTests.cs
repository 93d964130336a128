using Hft.Backtest.Models.Fees;
using Hft.Backtest.Models.Latency;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Venues;

namespace Hft.Engine.Tests.Models;

public sealed class LatencyAndFeeModelTests
{
    private static VenueCommand Command(VenueCommandKind kind) =>
        new(kind, 0, 1, Side.Buy, 1000, 1, TimeInForce.Gtc, OrderType.Limit, 0);

    private static OrderReport Report(VenueCommandKind? answers) =>
        new() { Instrument = 0, OrderId = 1, Side = Side.Buy, Status = OrderStatus.New, Answers = answers };

    [Test]
    public void Per_operation_latency_times_each_leg_separately()
    {
        var m = new PerOperationLatency(1, 2, 3, 10, 20, 30, 40);
        Assert.Multiple(() =>
        {
            Assert.That(m.Entry(0, Command(VenueCommandKind.New)), Is.EqualTo(1));
            Assert.That(m.Entry(0, Command(VenueCommandKind.Modify)), Is.EqualTo(2));
            Assert.That(m.Entry(0, Command(VenueCommandKind.Cancel)), Is.EqualTo(3));
            Assert.That(m.Response(0, Report(VenueCommandKind.New)), Is.EqualTo(10));
            Assert.That(m.Response(0, Report(VenueCommandKind.Modify)), Is.EqualTo(20));
            Assert.That(m.Response(0, Report(VenueCommandKind.Cancel)), Is.EqualTo(30));
            Assert.That(m.Response(0, Report(null)), Is.EqualTo(40), "an execution caused by market data");
        });
    }

    [Test]
    public void Fee_models_charge_by_value_or_per_execution()
    {
        Assert.That(new TradingValueFeeModel(-0.0001, 0.0005).Fee(maker: true, value: 1000, quantity: 10), Is.EqualTo(-0.1).Within(1e-12));
        Assert.That(new TradingValueFeeModel(-0.0001, 0.0005).Fee(maker: false, value: 1000, quantity: 10), Is.EqualTo(0.5).Within(1e-12));
        var flat = new FlatPerTradeFeeModel(0.1, 0.25);
        Assert.That(flat.Fee(maker: true, value: 1, quantity: 1), Is.EqualTo(0.1));
        Assert.That(flat.Fee(maker: false, value: 1e6, quantity: 500), Is.EqualTo(0.25), "independent of size");
    }

    [Test]
    public void Quantity_fees_charge_the_rate_per_unit_of_quantity_whatever_the_value()
    {
        var qty = new TradingQuantityFeeModel(-0.01, 0.02);
        Assert.That(qty.Fee(maker: true, value: 1000, quantity: 10), Is.EqualTo(-0.1).Within(1e-12));
        Assert.That(qty.Fee(maker: false, value: 1000, quantity: 10), Is.EqualTo(0.2).Within(1e-12));
        Assert.That(qty.Fee(maker: false, value: 5, quantity: 10), Is.EqualTo(0.2).Within(1e-12), "the price does not matter");
        Assert.That(FeeModels.Create("trading-qty", 1, 2), Is.EqualTo(new TradingQuantityFeeModel(1, 2)));
        Assert.That(FeeModels.Create("trading-value", 1, 2), Is.EqualTo(new TradingValueFeeModel(1, 2)));
        Assert.That(FeeModels.Create("flat-per-trade", 1, 2), Is.EqualTo(new FlatPerTradeFeeModel(1, 2)));
        Assert.That(FeeModels.Parse(" Trading-Qty "), Is.EqualTo("trading-qty"));
        Assert.That(() => FeeModels.Parse("trading-volume"), Throws.ArgumentException.With.Message.Contains("available: trading-value, trading-qty, flat-per-trade"));
    }

    [Test]
    public void Contract_kinds_value_trades_and_mark_equity()
    {
        var linear = new Instrument("L", "sim", 0.1, 1, ContractKind.Linear, 2);
        var inverse = new Instrument("I", "sim", 0.1, 1, ContractKind.Inverse, 100);
        var spot = new Instrument("S", "sim", 0.1, 1, ContractKind.Spot);
        Assert.That(linear.Value(50, 3), Is.EqualTo(300));
        Assert.That(inverse.Value(50, 3), Is.EqualTo(6));
        Assert.That(spot.Value(50, 3), Is.EqualTo(150));
        var state = new StateValues();
        state.ApplyFill(Side.Buy, 3, inverse.Value(50, 3), 0.01);
        // Inverse: equity = −balance − size·position / price − fee = 6 − 300/60 − 0.01.
        Assert.That(state.Equity(inverse, 60), Is.EqualTo(6 - 5 - 0.01).Within(1e-12));
    }
}
