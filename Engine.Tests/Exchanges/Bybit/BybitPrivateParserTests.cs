using System.Text;
using System.Text.Json;
using Hft.Core.Orders;
using Hft.Engine.Tests.Conversion;
using Hft.Exchanges.Bybit.Parsing;

namespace Hft.Engine.Tests.Exchanges.Bybit;

/// <summary>The private stream's topics and the REST order lists (exchange-protocols 3.3) on the venue's real payloads.</summary>
public sealed class BybitPrivateParserTests
{
    private static BybitPrivateMessage Parse(string json) => BybitPrivateParser.Parse(Encoding.UTF8.GetBytes(json));

    [Test]
    public void Order_topic_gives_status_cumulative_quantity_average_price_and_cumulative_fee()
    {
        var message = (BybitOrderMessage)Parse(ExchangeFixtures.Require("bybit/order-topic-option-example.json"));
        Assert.That(message.FromExecutions, Is.False);
        var u = message.Updates.Single();
        Assert.That(u.Status, Is.EqualTo(OrderStatus.Filled));
        Assert.That(u.ClientOrderId, Is.EqualTo(""));
        Assert.That(u.Quantity, Is.EqualTo(1m));
        Assert.That(u.CumulativeQuantity, Is.EqualTo(1m));
        Assert.That(u.AveragePrice, Is.EqualTo(75m));
        Assert.That(u.Price, Is.EqualTo(72.5m));
        Assert.That(u.Fee, Is.EqualTo(0.358635m), "cumExecFee, cumulative");
        Assert.That(u.TimeMs, Is.EqualTo(1672364262457), "updatedTime is a string of ms");
        Assert.That(u.Reason, Is.Null, "EC_NoError is no reason");
    }

    [Test]
    public void Execution_topic_gives_one_fill_with_its_fee_maker_flag_and_the_cumulative_quantity_then()
    {
        var message = (BybitOrderMessage)Parse(ExchangeFixtures.Require("bybit/execution.json"));
        Assert.That(message.FromExecutions, Is.True);
        var u = message.Updates.Single();
        Assert.That(u.LastQuantity, Is.EqualTo(0.5m));
        Assert.That(u.LastPrice, Is.EqualTo(95900.1m));
        Assert.That(u.Fee, Is.EqualTo(26.3725275m));
        Assert.That(u.Maker, Is.False);
        Assert.That(u.CumulativeQuantity, Is.EqualTo(0.5m), "orderQty - leavesQty");
        Assert.That(u.Status, Is.EqualTo(OrderStatus.Filled), "nothing left");
        Assert.That(u.TimeMs, Is.EqualTo(1746270400353));
    }

    [Test]
    public void Funding_items_of_the_execution_topic_are_not_fills()
    {
        string json = ExchangeFixtures.Require("bybit/execution.json").Replace("\"execType\": \"Trade\"", "\"execType\": \"Funding\"", StringComparison.Ordinal);
        Assert.That(json, Does.Contain("Funding"), "the fixture's execType was replaced");
        Assert.That(((BybitOrderMessage)Parse(json)).Updates, Is.Empty);
    }

    [Test]
    public void Position_topic_gives_a_signed_size()
    {
        var flat = (BybitPositionMessage)Parse(ExchangeFixtures.Require("bybit/position.json"));
        Assert.That(flat.Positions.Single(), Is.EqualTo(new KeyValuePair<string, decimal>("BTCUSDT", 0m)));
        string shortJson = ExchangeFixtures.Require("bybit/position.json")
            .Replace("\"side\": \"\"", "\"side\": \"Sell\"", StringComparison.Ordinal).Replace("\"size\": \"0\"", "\"size\": \"0.25\"", StringComparison.Ordinal);
        Assert.That(((BybitPositionMessage)Parse(shortJson)).Positions.Single().Value, Is.EqualTo(-0.25m));
    }

    [Test]
    public void A_post_only_order_the_venue_cancelled_for_taking_liquidity_is_expired_as_in_the_backtest()
    {
        using var doc = JsonDocument.Parse(ExchangeFixtures.Require("bybit/rest-order-history-postonly-cancelled.json"));
        var item = doc.RootElement.GetProperty("result").GetProperty("list")[0];
        var u = BybitPrivateParser.Order(item);
        Assert.That(u.Status, Is.EqualTo(OrderStatus.Expired));
        Assert.That(u.Reason, Is.EqualTo("EC_PostOnlyWillTakeLiquidity"));
        Assert.That(u.ClientOrderId, Is.EqualTo("YLxaWKMiHU"));
        Assert.That(u.CumulativeQuantity, Is.EqualTo(0m));
    }

    [Test]
    public void Open_orders_list_items_read_as_open()
    {
        using var doc = JsonDocument.Parse(ExchangeFixtures.Require("bybit/rest-open-orders-response.json"));
        var u = BybitPrivateParser.Order(doc.RootElement.GetProperty("result").GetProperty("list")[0]);
        Assert.That(u.Status, Is.EqualTo(OrderStatus.New));
        Assert.That(u.ClientOrderId, Is.EqualTo("test-000005"));
        Assert.That(u.Price, Is.EqualTo(1600m));
        Assert.That(u.Quantity, Is.EqualTo(0.1m));
    }

    [TestCase("Cancelled", "EC_NoError", OrderStatus.Canceled)]
    [TestCase("Cancelled", "EC_NoImmediateQtyToFill", OrderStatus.Expired)]
    [TestCase("PartiallyFilledCanceled", "EC_NoError", OrderStatus.Canceled)]
    [TestCase("Rejected", "EC_DuplicatedClOrdID", OrderStatus.Rejected)]
    [TestCase("Untriggered", "EC_NoError", OrderStatus.New)]
    [TestCase("PartiallyFilled", "EC_NoError", OrderStatus.PartiallyFilled)]
    public void Statuses_map_to_the_engines(string status, string reason, OrderStatus expected) =>
        Assert.That(BybitOrderFields.Status(status, reason), Is.EqualTo(expected));

    [Test]
    public void Operation_replies_say_which_operation_and_whether_it_succeeded()
    {
        var ok = (BybitOperationReply)Parse(ExchangeFixtures.Require("bybit/ws-auth-response.json"));
        Assert.That(ok, Is.EqualTo(new BybitOperationReply("auth", true, "")));
        var failed = (BybitOperationReply)Parse("""{"success":false,"ret_msg":"Params Error","op":"auth","conn_id":"x"}""");
        Assert.That(failed.Success, Is.False);
        Assert.That(failed.Message, Is.EqualTo("Params Error"));
        var pong = (BybitOperationReply)Parse(ExchangeFixtures.Require("bybit/ws-pong-private.json"));
        Assert.That(pong.Op, Is.EqualTo("pong"));
        Assert.That(pong.Success, Is.True);
        Assert.That(Parse(ExchangeFixtures.Require("bybit/wallet.json")), Is.EqualTo(new BybitIgnoredMessage("wallet")));
    }

    [TestCase("not json")]
    [TestCase("[1,2]")]
    [TestCase("""{"id":"1"}""")]
    [TestCase("""{"topic":"order","data":[{"orderLinkId":"a"}]}""")]
    [TestCase("""{"topic":"order","data":[{"orderStatus":"Exploded"}]}""")]
    [TestCase("""{"topic":"execution","data":[{"execType":"Trade","orderQty":"1","leavesQty":"0","execQty":"x","execPrice":"1","execTime":"1"}]}""")]
    [TestCase("""{"topic":"position","data":[{"symbol":"A","size":[]}]}""")]
    [TestCase("""{"topic":"order","data":{"orderStatus":"New"}}""")]
    public void Malformed_messages_are_format_errors(string json) =>
        Assert.Throws<FormatException>(() => Parse(json));
}
