using System.Net;
using System.Text;
using System.Text.Json;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Venues;
using Hft.Exchanges.Bybit.Http;
using Hft.Exchanges.Common;

namespace Hft.Engine.Tests.Exchanges.Bybit;

/// <summary>
/// What the REST client puts on the wire (exchange-protocols 3.4): paths, JSON bodies with numbers as strings, the
/// signature over exactly the bytes sent, the budget headers read back. The venue side is an in-process handler that
/// records each request; the same calls run over sockets against the emulator in the live tests.
/// </summary>
public sealed class BybitRestClientTests
{
    private const string Key = "test-key";
    private const string Secret = "test-secret";

    private sealed class Venue : HttpMessageHandler
    {
        public readonly List<(HttpMethod Method, string PathAndQuery, string Body, Dictionary<string, string> Headers)> Requests = new();
        public Func<string, (int Status, string Body)> Answer = _ => (200, """{"retCode":0,"retMsg":"OK","result":{},"retExtInfo":{},"time":1}""");
        public int Calls;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            string body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
            Requests.Add((request.Method, request.RequestUri!.PathAndQuery, body, headers));
            var (status, text) = Answer(request.RequestUri.AbsolutePath);
            var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
            response.Headers.TryAddWithoutValidation("X-Bapi-Limit", "10");
            response.Headers.TryAddWithoutValidation("X-Bapi-Limit-Status", "9");
            response.Headers.TryAddWithoutValidation("X-Bapi-Limit-Reset-Timestamp", "1672738134824");
            return response;
        }
    }

    private static BybitRestClient Client(Venue venue) =>
        new(new BybitRestTransport(new Uri("http://127.0.0.1:1"), Key, Secret, new BybitRateLimits(), 5000, handler: venue));

    private static VenueCommand New(TimeInForce tif, OrderType type = OrderType.Limit) =>
        new(VenueCommandKind.New, 0, 7, Side.Sell, 10125, 0.0015, tif, type, 0);

    private static void AssertSigned((HttpMethod Method, string PathAndQuery, string Body, Dictionary<string, string> Headers) r)
    {
        string payload = r.Method == HttpMethod.Get ? (r.PathAndQuery.Split('?', 2) is [_, var q] ? q : "") : r.Body;
        Assert.That(r.Headers["X-BAPI-API-KEY"], Is.EqualTo(Key));
        Assert.That(r.Headers["X-BAPI-RECV-WINDOW"], Is.EqualTo("5000"));
        Assert.That(r.Headers["X-BAPI-SIGN-TYPE"], Is.EqualTo("2"));
        long ts = long.Parse(r.Headers["X-BAPI-TIMESTAMP"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(ts, Is.EqualTo(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()).Within(60_000));
        Assert.That(new HmacSigner(Secret).Verify(BybitSignature.RestStringToSign(ts, Key, 5000, payload), r.Headers["X-BAPI-SIGN"]), Is.True,
            "the signature covers exactly the bytes sent");
    }

    [Test]
    public async Task A_post_only_limit_order_is_one_signed_json_body_with_numbers_as_strings()
    {
        var venue = new Venue();
        using var client = Client(venue);
        var r = await client.NewOrder("SIMUSDT", "hft-7_1", New(TimeInForce.Gtx), new DecimalText(0.01), new DecimalText(0.001));
        Assert.That(r.IsOk, Is.True);
        var sent = venue.Requests.Single();
        Assert.That(sent.Method, Is.EqualTo(HttpMethod.Post));
        Assert.That(sent.PathAndQuery, Is.EqualTo("/v5/order/create"));
        Assert.That(sent.Body, Is.EqualTo(
            """{"category":"linear","symbol":"SIMUSDT","side":"Sell","orderType":"Limit","qty":"0.002","price":"101.25","timeInForce":"PostOnly","orderLinkId":"hft-7_1","positionIdx":0}"""));
        AssertSigned(sent);
        Assert.That(client.Transport.Limits.Budget("/v5/order/create"), Is.EqualTo((10, 9)));
    }

    [Test]
    public async Task A_market_order_has_no_price_and_no_time_in_force()
    {
        var venue = new Venue();
        using var client = Client(venue);
        await client.NewOrder("SIMUSDT", "hft-7_2", New(TimeInForce.Ioc, OrderType.Market), new DecimalText(0.01), new DecimalText(0.001));
        using var body = JsonDocument.Parse(venue.Requests.Single().Body);
        Assert.That(body.RootElement.GetProperty("orderType").GetString(), Is.EqualTo("Market"));
        Assert.That(body.RootElement.TryGetProperty("price", out _), Is.False);
        Assert.That(body.RootElement.TryGetProperty("timeInForce", out _), Is.False);
    }

    [Test]
    public async Task An_order_whose_outcome_is_unknown_is_never_sent_twice_but_a_cancel_is_retried()
    {
        var venue = new Venue { Answer = _ => (502, "bad gateway") };
        using var client = Client(venue);
        var r = await client.NewOrder("SIMUSDT", "hft-7_3", New(TimeInForce.Gtc), new DecimalText(0.01), new DecimalText(0.001));
        Assert.That(r.Outcome, Is.EqualTo(RestOutcome.Unknown));
        Assert.That(venue.Calls, Is.EqualTo(1));
        int attempts = 0;
        venue.Answer = _ => ++attempts < 3 ? (503, "") : (200, """{"retCode":0,"retMsg":"OK","result":{"orderId":"1","orderLinkId":"hft-7_3"},"retExtInfo":{},"time":1}""");
        var cancel = await client.CancelOrder("SIMUSDT", "hft-7_3");
        Assert.That(cancel.IsOk, Is.True);
        Assert.That(attempts, Is.EqualTo(3), "a cancel is safe to repeat");
        Assert.That(venue.Requests.Last().Body, Is.EqualTo("""{"category":"linear","symbol":"SIMUSDT","orderLinkId":"hft-7_3"}"""));
    }

    [Test]
    public async Task An_amend_sends_only_what_changes()
    {
        var venue = new Venue();
        using var client = Client(venue);
        var modify = new VenueCommand(VenueCommandKind.Modify, 0, 7, Side.Buy, 10130, 0.002, TimeInForce.Gtc, OrderType.Limit, 0);
        await client.AmendOrder("SIMUSDT", "hft-7_4", modify, restingTick: 10125, restingQuantity: 0.002, new DecimalText(0.01), new DecimalText(0.001));
        Assert.That(venue.Requests.Single().Body, Is.EqualTo("""{"category":"linear","symbol":"SIMUSDT","orderLinkId":"hft-7_4","price":"101.30"}"""));
        await client.AmendOrder("SIMUSDT", "hft-7_4", modify, restingTick: 10130, restingQuantity: 0.001, new DecimalText(0.01), new DecimalText(0.001));
        Assert.That(venue.Requests.Last().Body, Is.EqualTo("""{"category":"linear","symbol":"SIMUSDT","orderLinkId":"hft-7_4","qty":"0.002"}"""));
        AssertSigned(venue.Requests.Last());
    }

    [Test]
    public async Task A_query_looks_in_the_open_orders_then_the_history_and_says_when_neither_has_it()
    {
        var venue = new Venue
        {
            Answer = path => path == "/v5/order/history"
                ? (200, """{"retCode":0,"retMsg":"OK","result":{"list":[{"orderLinkId":"hft-7_5","orderStatus":"Filled","price":"1","qty":"2","cumExecQty":"2","avgPrice":"1","cumExecFee":"0.01","updatedTime":"5","rejectReason":"EC_NoError"}],"nextPageCursor":""},"retExtInfo":{},"time":1}""")
                : (200, """{"retCode":0,"retMsg":"OK","result":{"list":[],"nextPageCursor":""},"retExtInfo":{},"time":1}"""),
        };
        using var client = Client(venue);
        var (r, update) = await client.QueryOrder("SIMUSDT", "hft-7_5");
        Assert.That(r.IsOk, Is.True);
        Assert.That(update!.Status, Is.EqualTo(OrderStatus.Filled));
        Assert.That(venue.Requests.Select(q => q.PathAndQuery), Is.EqualTo(new[]
        {
            "/v5/order/realtime?category=linear&symbol=SIMUSDT&orderLinkId=hft-7_5",
            "/v5/order/history?category=linear&symbol=SIMUSDT&orderLinkId=hft-7_5",
        }));
        AssertSigned(venue.Requests[0]);
        var (_, missing) = await client.QueryOrder("SIMUSDT", "hft-7_6");
        Assert.That(missing, Is.Null);
    }

    [Test]
    public async Task Instrument_rules_come_from_price_and_lot_filters()
    {
        string body = File.Exists(FixturePath()) ? File.ReadAllText(FixturePath()) : Conversion.ExchangeFixtures.Require("bybit/rest-instruments-info-linear.json");
        var venue = new Venue { Answer = _ => (200, body) };
        using var client = Client(venue);
        var (r, rules) = await client.SymbolRules("BTCUSDT");
        Assert.That(r.IsOk, Is.True);
        Assert.That(rules, Is.EqualTo(new SymbolRules("BTCUSDT", 0.10m, 0.001m, 0.001m, 5m, true)));
        Assert.That(venue.Requests.Single().Headers.ContainsKey("X-BAPI-SIGN"), Is.False, "market data is not signed");
        var (_, none) = await client.SymbolRules("ETHUSDT");
        Assert.That(none, Is.Null);
    }

    private static string FixturePath() => Conversion.ExchangeFixtures.Directory is { } d ? Path.Combine(d, "bybit", "rest-instruments-info-linear.json") : "";

    [Test]
    public async Task A_403_bans_every_later_request()
    {
        var venue = new Venue { Answer = _ => (403, "access too frequent") };
        using var client = Client(venue);
        var first = await client.CancelAll("SIMUSDT");
        Assert.That(first.Outcome, Is.EqualTo(RestOutcome.Banned));
        int calls = venue.Calls;
        var next = await client.NewOrder("SIMUSDT", "hft-7_7", New(TimeInForce.Gtc), new DecimalText(0.01), new DecimalText(0.001));
        Assert.That(next.Outcome, Is.EqualTo(RestOutcome.Banned));
        Assert.That(venue.Calls, Is.EqualTo(calls), "nothing more is sent");
    }
}
