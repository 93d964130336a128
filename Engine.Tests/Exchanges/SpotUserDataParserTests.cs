using System.Text;
using System.Text.Json;
using Hft.Core.Orders;
using Hft.Engine.Tests.Conversion;
using Hft.Exchanges.Binance.Common;
using Hft.Exchanges.Binance.Spot;
using Hft.Exchanges.Binance.Spot.Parsing;
using Hft.Exchanges.Common;

namespace Hft.Engine.Tests.Exchanges;

/// <summary>Spot user data as the WebSocket API wraps it, REST order answers, and the signed subscription.</summary>
public sealed class SpotUserDataParserTests
{
    private static BinanceUserEvent Parse(string fixture) =>
        SpotUserDataParser.Parse(Encoding.UTF8.GetBytes(ExchangeFixtures.Require("binance-spot/" + fixture)));

    [Test]
    public void Execution_report_is_read_from_the_wrapped_event()
    {
        var ev = (BinanceOrderEvent)Parse("executionReport.json");
        Assert.That(ev.Symbol, Is.EqualTo("ETHBTC"));
        Assert.That(ev.Update.ClientOrderId, Is.EqualTo("mUvoqJxFIILMdfAW5iGSOW"), "C is empty, so c is the order's id");
        Assert.That(ev.Update.Status, Is.EqualTo(OrderStatus.New));
        Assert.That(ev.Update.Quantity, Is.EqualTo(1m));
        Assert.That(ev.Update.TimeMs, Is.EqualTo(1499405658657));
    }

    [Test]
    public void A_cancel_s_report_names_the_cancelled_order_by_its_original_id()
    {
        const string json = """{"subscriptionId":0,"event":{"e":"executionReport","E":2,"s":"SIMUSDT","c":"cancel-1","S":"BUY","o":"LIMIT","f":"GTC","q":"1.00","p":"100.00","C":"hft-7","x":"CANCELED","X":"CANCELED","r":"NONE","i":4,"l":"0.00","z":"0.00","L":"0.00","n":"0","N":null,"T":5,"t":-1,"m":false,"Z":"0.00"}}""";
        var ev = (BinanceOrderEvent)SpotUserDataParser.Parse(Encoding.UTF8.GetBytes(json));
        Assert.That(ev.Update.ClientOrderId, Is.EqualTo("hft-7"));
        Assert.That(ev.Update.Status, Is.EqualTo(OrderStatus.Canceled));
    }

    [Test]
    public void Account_position_stream_end_and_the_subscription_answer()
    {
        var account = (BinanceAccountEvent)Parse("outboundAccountPosition.json");
        Assert.That(account.Balances, Is.EqualTo(new[] { new KeyValuePair<string, decimal>("ETH", 10000m) }));
        Assert.That(Parse("eventStreamTerminated.json"), Is.TypeOf<BinanceUserStreamEnded>());
        Assert.That(Parse("ws-api-userDataStream-subscribe-response.json"), Is.EqualTo(new BinanceOtherEvent("response")));
        Assert.That(Parse("ws-api-error-response.json"), Is.TypeOf<BinanceUserStreamEnded>(), "a refused subscription ends the user data");
    }

    [TestCase("rest-new-order-response-result.json")]
    [TestCase("rest-new-order-response-full.json")]
    [TestCase("rest-cancel-order-response.json")]
    [TestCase("rest-query-order-response.json")]
    [TestCase("rest-order-amend-keep-priority-response.json")]
    public void Order_answers_read(string fixture)
    {
        using var doc = JsonDocument.Parse(ExchangeFixtures.Require("binance-spot/" + fixture));
        var u = SpotUserDataParser.OrderAnswer(doc.RootElement);
        Assert.That(u.ClientOrderId, Is.Not.Empty);
        Assert.That(u.Quantity, Is.GreaterThan(0));
    }

    [Test]
    public void A_FULL_answer_is_one_update_per_fill_with_its_own_price_and_commission()
    {
        using var doc = JsonDocument.Parse(ExchangeFixtures.Require("binance-spot/rest-new-order-response-full.json"));
        var updates = SpotUserDataParser.OrderAnswerFills(doc.RootElement);
        // The fixture: five fills of 1, 5, 2, 1, 1 at 4000, 3999, 3998, 3997, 3995 for an order of 10, FILLED.
        Assert.Multiple(() =>
        {
            Assert.That(updates.Select(u => u.LastQuantity), Is.EqualTo(new[] { 1m, 5m, 2m, 1m, 1m }));
            Assert.That(updates.Select(u => u.LastPrice), Is.EqualTo(new[] { 4000m, 3999m, 3998m, 3997m, 3995m }));
            Assert.That(updates.Select(u => u.CumulativeQuantity), Is.EqualTo(new[] { 1m, 6m, 8m, 9m, 10m }));
            Assert.That(updates.Select(u => u.Fee), Is.EqualTo(new[] { 4m, 19.995m, 7.996m, 3.997m, 3.995m }));
            Assert.That(updates.Select(u => u.Status), Is.EqualTo(new[]
            {
                Hft.Core.Orders.OrderStatus.PartiallyFilled, Hft.Core.Orders.OrderStatus.PartiallyFilled, Hft.Core.Orders.OrderStatus.PartiallyFilled,
                Hft.Core.Orders.OrderStatus.PartiallyFilled, Hft.Core.Orders.OrderStatus.Filled,
            }));
            Assert.That(updates[1].AveragePrice, Is.EqualTo((4000m + 5 * 3999m) / 6));
        });
    }

    [Test]
    public void An_answer_without_fills_is_one_update()
    {
        using var doc = JsonDocument.Parse(ExchangeFixtures.Require("binance-spot/rest-new-order-response-result.json"));
        Assert.That(SpotUserDataParser.OrderAnswerFills(doc.RootElement), Has.Count.EqualTo(1));
    }

    [Test]
    public void The_cancel_answer_is_about_the_original_order()
    {
        using var doc = JsonDocument.Parse(ExchangeFixtures.Require("binance-spot/rest-cancel-order-response.json"));
        Assert.That(SpotUserDataParser.OrderAnswer(doc.RootElement).ClientOrderId, Is.EqualTo("myOrder1"));
    }

    [Test]
    public void The_subscription_is_signed_over_its_sorted_params()
    {
        const string key = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
        const string secret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
        // Vector 3 of binance-spot/signature-vector.txt.
        Assert.That(new HmacSigner(secret).Sign($"apiKey={key}&timestamp=1747385641636"),
            Is.EqualTo("681110a6057ad58657af22f5640fab9dd17418834cdfccdc81be8b0f7b2cde3e"));
        using var market = new SpotMarket(new BinanceGatewayOptions
        {
            Name = "binance-spot", RestUrl = new Uri("http://127.0.0.1:1"), WsUrl = new Uri("ws://127.0.0.1:1"),
            WsApiUrl = new Uri("ws://127.0.0.1:1/ws-api/v3"), ApiKey = key, ApiSecret = secret, Trading = true,
        });
        using var request = JsonDocument.Parse(market.SubscribeRequest());
        var p = request.RootElement.GetProperty("params");
        Assert.That(request.RootElement.GetProperty("method").GetString(), Is.EqualTo("userDataStream.subscribe.signature"));
        long ts = p.GetProperty("timestamp").GetInt64();
        Assert.That(p.GetProperty("signature").GetString(), Is.EqualTo(new HmacSigner(secret).Sign($"apiKey={key}&timestamp={ts}")));
        Assert.That(request.RootElement.GetRawText(), Does.Not.Contain(secret));
    }
}
