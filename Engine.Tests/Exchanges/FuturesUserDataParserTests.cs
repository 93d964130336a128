using System.Text;
using Hft.Core.Orders;
using Hft.Engine.Tests.Conversion;
using Hft.Exchanges.Binance.Common;
using Hft.Exchanges.Binance.Futures.Parsing;

namespace Hft.Engine.Tests.Exchanges;

/// <summary>The futures user-data events of the fixtures read as the protocol says (nested o, case-sensitive keys, string E).</summary>
public sealed class FuturesUserDataParserTests
{
    private static BinanceUserEvent Parse(string fixture) =>
        FuturesUserDataParser.Parse(Encoding.UTF8.GetBytes(ExchangeFixtures.Require("binance-futures/" + fixture)));

    [Test]
    public void Order_trade_update_reads_the_inner_order()
    {
        var ev = (BinanceOrderEvent)Parse("ORDER_TRADE_UPDATE.json");
        Assert.That(ev.Symbol, Is.EqualTo("BTCUSDT"));
        var u = ev.Update;
        Assert.That(u.ClientOrderId, Is.EqualTo("TEST"));
        Assert.That(u.Status, Is.EqualTo(OrderStatus.New));
        Assert.That(u.Quantity, Is.EqualTo(0.001m));
        Assert.That(u.CumulativeQuantity, Is.EqualTo(0m));
        Assert.That(u.TimeMs, Is.EqualTo(1568879465650));
    }

    [Test]
    public void Account_update_keeps_the_one_way_position()
    {
        var ev = (BinanceAccountEvent)Parse("ACCOUNT_UPDATE.json");
        Assert.That(ev.Positions, Is.EqualTo(new[] { new KeyValuePair<string, decimal>("BTCUSDT", 0m) }), "LONG and SHORT legs are hedge mode");
        Assert.That(ev.Balances.Select(b => b.Key), Is.EqualTo(new[] { "USDT", "BUSD" }));
    }

    [Test]
    public void Listen_key_expiry_has_its_time_as_a_string()
    {
        var ev = (BinanceUserStreamEnded)Parse("listenKeyExpired.json");
        Assert.That(ev.TimeMs, Is.EqualTo(1736996475556));
    }

    [Test]
    public void A_fill_event_carries_cumulative_and_last_quantities_and_the_fee_as_a_cost()
    {
        const string json = """{"e":"ORDER_TRADE_UPDATE","E":2,"T":1,"o":{"s":"SIMUSDT","c":"hft-7","S":"BUY","o":"LIMIT","f":"GTX","q":"0.05","p":"100.00","ap":"100.00","x":"TRADE","X":"PARTIALLY_FILLED","i":5,"l":"0.02","z":"0.03","L":"100.00","n":"-0.0004","T":9,"t":3,"m":true}}""";
        var u = ((BinanceOrderEvent)FuturesUserDataParser.Parse(Encoding.UTF8.GetBytes(json))).Update;
        Assert.That(u.Status, Is.EqualTo(OrderStatus.PartiallyFilled));
        Assert.That(u.CumulativeQuantity, Is.EqualTo(0.03m));
        Assert.That(u.LastQuantity, Is.EqualTo(0.02m));
        Assert.That(u.Fee, Is.EqualTo(0.0004m));
        Assert.That(u.Maker, Is.True);
        Assert.That(u.TimeMs, Is.EqualTo(1), "the event's transaction time, not the inner trade time");
    }

    [TestCase("{")]
    [TestCase("[]")]
    [TestCase("""{"e":"ORDER_TRADE_UPDATE","T":1}""")]
    [TestCase("""{"e":"ORDER_TRADE_UPDATE","T":1,"o":{"s":"X","c":"a","X":"NOPE","p":"1","q":"1","z":"0","l":"0"}}""")]
    [TestCase("""{"e":"ORDER_TRADE_UPDATE","T":"x","o":{"s":"X","c":"a","X":"NEW","p":"1","q":"1","z":"0","l":"0"}}""")]
    [TestCase("""{"e":7}""")]
    public void Bad_events_fail_as_format_errors(string json) =>
        Assert.Throws<FormatException>(() => FuturesUserDataParser.Parse(Encoding.UTF8.GetBytes(json)));

    [Test]
    public void Unknown_event_types_are_ignored() =>
        Assert.That(FuturesUserDataParser.Parse("""{"e":"TRADE_LITE","E":1}"""u8), Is.EqualTo(new BinanceOtherEvent("TRADE_LITE")));
}
