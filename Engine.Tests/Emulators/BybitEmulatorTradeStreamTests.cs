using System.Globalization;
using System.Text.Json;
using Hft.Engine.Tests.Conversion;

namespace Hft.Engine.Tests.Emulators;

/// <summary>
/// The Bybit emulator's WebSocket order entry <c>/v5/trade</c> (exchange-protocols 3.5): auth in the trade format, the
/// documented request and response shapes (against the fixtures), <c>reqId</c> echo and <c>20006</c>, the header's
/// <c>X-Bapi-Limit*</c> fields, refusal before auth, and that its orders are the REST order entry's (private topics, REST
/// queries, one shared rate budget).
/// </summary>
[TestFixture]
public sealed class BybitEmulatorTradeStreamTests
{
    private static string Str(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    private static int RetCode(JsonElement e) => e.GetProperty("retCode").GetInt32();

    private static string[] Keys(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToArray();

    private static JsonElement Fixture(string name)
    {
        using var doc = JsonDocument.Parse(ExchangeFixtures.Require("bybit/" + name));
        return doc.RootElement.Clone();
    }

    private static async Task<(BybitEmulatorSession Session, decimal Bid, decimal Ask)> FrozenAsync(
        Func<Hft.Exchanges.Emulators.Bybit.BybitOptions, Hft.Exchanges.Emulators.Bybit.BybitOptions>? configure = null)
    {
        var s = await BybitEmulatorSession.StartAsync(configure);
        await s.TopAsync();
        await s.FaultsAsync("{\"pause_ms\":60000}");
        await Task.Delay(100);
        var (bid, ask) = await s.TopAsync();
        return (s, bid, ask);
    }

    private static async Task<JsonElement> Ask(TestSocket ws, string request)
    {
        await ws.SendAsync(request);
        return await ws.ReceiveAsync(5000) ?? throw new AssertionException("no answer to " + request);
    }

    private static async Task<JsonElement> OrderFrame(TestSocket ws, string orderId, string status)
    {
        var deadline = Environment.TickCount64 + 10000;
        while (Environment.TickCount64 < deadline)
        {
            var f = await ws.ReceiveAsync((int)Math.Max(1, deadline - Environment.TickCount64));
            if (f is not { } frame) break;
            if (frame.TryGetProperty("topic", out var t) && t.GetString() == "order")
                foreach (var o in frame.GetProperty("data").EnumerateArray())
                    if (Str(o, "orderId") == orderId && Str(o, "orderStatus") == status) return o;
        }
        throw new AssertionException($"no order frame {orderId} {status}");
    }

    [Test]
    public async Task Auth_create_amend_and_cancel_answer_in_the_fixture_shapes_and_the_orders_are_the_rest_order_entrys()
    {
        var (s, bid, _) = await FrozenAsync();
        await using var owner = s;
        var priv = await s.PrivateAsync();
        var ws = await s.ConnectAsync(s.Emulator.TradeStream);

        var auth = await Ask(ws, s.AuthFrame());
        Assert.That(Keys(auth), Is.EqualTo(Keys(Fixture("ws-trade-auth-response.json"))), auth.ToString());
        Assert.That((RetCode(auth), Str(auth, "retMsg"), Str(auth, "op")), Is.EqualTo((0, "OK", "auth")));
        Assert.That(Str(auth, "connId"), Is.Not.Empty);

        decimal price = bid - 30m;
        string create = s.TradeRequest("order.create", s.LimitBody("Buy", price, "0.20", "PostOnly", linkId: "ws-1"), reqId: "test-005");
        var answer = await Ask(ws, create);
        var fixture = Fixture("ws-trade-order-create-response.json");
        Assert.That(Keys(answer), Is.EqualTo(Keys(fixture)), answer.ToString());
        Assert.That(Keys(answer.GetProperty("data")), Is.EqualTo(Keys(fixture.GetProperty("data"))));
        Assert.That(Keys(answer.GetProperty("header")), Is.EqualTo(Keys(fixture.GetProperty("header"))));
        Assert.That(answer.GetProperty("header").EnumerateObject().All(p => p.Value.ValueKind == JsonValueKind.String), Is.True, "header values are strings");
        Assert.That((Str(answer, "reqId"), RetCode(answer), Str(answer, "retMsg"), Str(answer, "op")), Is.EqualTo(("test-005", 0, "OK", "order.create")));
        Assert.That(Str(answer, "connId"), Is.EqualTo(Str(auth, "connId")));
        Assert.That(Keys(answer.GetProperty("retExtInfo")), Is.Empty);
        var header = answer.GetProperty("header");
        Assert.That((Str(header, "X-Bapi-Limit"), Str(header, "X-Bapi-Limit-Status")), Is.EqualTo(("10", "9")));
        Assert.That(Str(header, "Traceid"), Does.Match("^[0-9a-f]{32}$"));
        Assert.That(Math.Abs(long.Parse(Str(header, "Timenow"), CultureInfo.InvariantCulture) - s.Now), Is.LessThan(5000));
        string orderId = Str(answer.GetProperty("data"), "orderId");
        Assert.That(Str(answer.GetProperty("data"), "orderLinkId"), Is.EqualTo("ws-1"));

        // Placed on the venue like a REST order: the private stream and the REST queries see it.
        var placed = await OrderFrame(priv, orderId, "New");
        Assert.That((Str(placed, "orderLinkId"), Str(placed, "price"), Str(placed, "qty"), Str(placed, "timeInForce")),
            Is.EqualTo(("ws-1", price.ToString("0.00", CultureInfo.InvariantCulture), "0.20", "PostOnly")));
        var open = await s.OpenOrdersAsync();
        Assert.That(open.GetArrayLength(), Is.EqualTo(1));
        Assert.That(Str(open[0], "orderId"), Is.EqualTo(orderId));

        decimal moved = price - 1m;
        string amendBody = $"{{\"category\":\"linear\",\"symbol\":\"{s.Symbol}\",\"orderId\":\"{orderId}\",\"price\":\"{BybitEmulatorSession.Price(moved)}\"}}";
        var amended = await Ask(ws, s.TradeRequest("order.amend", amendBody, reqId: "amend-1"));
        Assert.That((RetCode(amended), Str(amended, "op"), Str(amended.GetProperty("data"), "orderId")), Is.EqualTo((0, "order.amend", orderId)), amended.ToString());
        Assert.That(Str((await s.OpenOrdersAsync())[0], "price"), Is.EqualTo(moved.ToString("0.00", CultureInfo.InvariantCulture)));

        // A second create without reqId: no reqId in the answer (echoed only if sent).
        var second = await Ask(ws, s.TradeRequest("order.create", s.LimitBody("Buy", price, "0.10")));
        Assert.That(RetCode(second), Is.EqualTo(0), second.ToString());
        Assert.That(second.TryGetProperty("reqId", out _), Is.False, second.ToString());

        string cancelBody = $"{{\"category\":\"linear\",\"symbol\":\"{s.Symbol}\",\"orderLinkId\":\"ws-1\"}}";
        var cancelled = await Ask(ws, s.TradeRequest("order.cancel", cancelBody, reqId: "cancel-1"));
        Assert.That((RetCode(cancelled), Str(cancelled, "op"), Str(cancelled.GetProperty("data"), "orderId")), Is.EqualTo((0, "order.cancel", orderId)), cancelled.ToString());
        await OrderFrame(priv, orderId, "Cancelled");
        Assert.That((await s.OpenOrdersAsync()).EnumerateArray().Select(o => Str(o, "orderId")), Does.Not.Contain(orderId));
        var history = (await s.GetAsync("/v5/order/history", $"category=linear&symbol={s.Symbol}")).GetProperty("result").GetProperty("list");
        Assert.That((Str(history[0], "orderId"), Str(history[0], "orderStatus")), Is.EqualTo((orderId, "Cancelled")));

        // A second cancel is refused as REST refuses it, in the trade shape with data {}.
        var again = await Ask(ws, s.TradeRequest("order.cancel", cancelBody, reqId: "cancel-2"));
        Assert.That((RetCode(again), Str(again, "reqId")), Is.EqualTo((110001, "cancel-2")), again.ToString());
        Assert.That(Keys(again.GetProperty("data")), Is.Empty);
        Assert.That(s.Emulator.Report().OrdersReceived, Is.EqualTo(2));
    }

    [Test]
    public async Task A_repeated_or_too_long_reqId_is_refused_and_ping_answers_the_trade_pong()
    {
        var (s, bid, _) = await FrozenAsync();
        await using var owner = s;
        var ws = await s.TradeAsync();
        var first = await Ask(ws, s.TradeRequest("order.create", s.LimitBody("Buy", bid - 30m, "0.10"), reqId: "same"));
        Assert.That(RetCode(first), Is.EqualTo(0), first.ToString());
        var dup = await Ask(ws, s.TradeRequest("order.create", s.LimitBody("Buy", bid - 31m, "0.10"), reqId: "same"));
        Assert.That((RetCode(dup), Str(dup, "reqId"), Str(dup, "op")), Is.EqualTo((20006, "same", "order.create")), dup.ToString());
        Assert.That((await s.OpenOrdersAsync()).GetArrayLength(), Is.EqualTo(1), "the duplicate placed nothing");

        string long37 = new('r', 37);
        var tooLong = await Ask(ws, s.TradeRequest("order.create", s.LimitBody("Buy", bid - 32m, "0.10"), reqId: long37));
        Assert.That(RetCode(tooLong), Is.EqualTo(10001), tooLong.ToString());
        var at36 = await Ask(ws, s.TradeRequest("order.create", s.LimitBody("Buy", bid - 33m, "0.10"), reqId: new string('r', 36)));
        Assert.That(RetCode(at36), Is.EqualTo(0), at36.ToString());
        Assert.That((await s.OpenOrdersAsync()).GetArrayLength(), Is.EqualTo(2));

        var pong = await Ask(ws, "{\"op\":\"ping\"}");
        Assert.That(Keys(pong), Is.EqualTo(Keys(Fixture("ws-trade-pong.json"))), pong.ToString());
        Assert.That((RetCode(pong), Str(pong, "retMsg"), Str(pong, "op")), Is.EqualTo((0, "OK", "pong")));
        Assert.That(Math.Abs(long.Parse(pong.GetProperty("data")[0].GetString()!, CultureInfo.InvariantCulture) - s.Now), Is.LessThan(5000));

        var unknown = await Ask(ws, s.TradeRequest("order.dance", "{\"category\":\"linear\"}", reqId: "u1"));
        Assert.That((RetCode(unknown), Str(unknown, "reqId")), Is.EqualTo((10404, "u1")));
        var spot = await Ask(ws, s.TradeRequest("order.create", $"{{\"category\":\"spot\",\"symbol\":\"{s.Symbol}\",\"side\":\"Buy\",\"orderType\":\"Market\",\"qty\":\"1\"}}"));
        Assert.That(RetCode(spot), Is.EqualTo(10404), spot.ToString());
        var stale = await Ask(ws, s.TradeRequest("order.create", s.LimitBody("Buy", bid - 34m, "0.10"), timestamp: s.Now - 60_000));
        Assert.That(RetCode(stale), Is.EqualTo(10002), stale.ToString());
        var noHeader = await Ask(ws, $"{{\"op\":\"order.create\",\"args\":[{s.LimitBody("Buy", bid - 35m, "0.10")}]}}");
        Assert.That(RetCode(noHeader), Is.EqualTo(10001), noHeader.ToString());
        Assert.That((await s.OpenOrdersAsync()).GetArrayLength(), Is.EqualTo(2), "no refused request placed an order");
    }

    [Test]
    public async Task Requests_before_auth_are_refused_a_bad_signature_fails_auth_and_a_second_auth_gets_20001()
    {
        var (s, bid, _) = await FrozenAsync();
        await using var owner = s;
        var ws = await s.TradeAsync(authenticate: false);
        var refused = await Ask(ws, s.TradeRequest("order.create", s.LimitBody("Buy", bid - 30m, "0.10"), reqId: "early"));
        Assert.That(RetCode(refused), Is.Not.EqualTo(0), refused.ToString());
        Assert.That((RetCode(refused), Str(refused, "reqId"), Str(refused, "op")), Is.EqualTo((10005, "early", "order.create")));
        Assert.That((await s.OpenOrdersAsync()).GetArrayLength(), Is.EqualTo(0));

        string badSign = $"{{\"op\":\"auth\",\"args\":[\"{s.Options.ApiKey}\",{s.Now + 5000},\"{new string('0', 64)}\"]}}";
        var bad = await Ask(ws, badSign);
        Assert.That((RetCode(bad), Str(bad, "op")), Is.EqualTo((10004, "auth")), bad.ToString());
        var still = await Ask(ws, s.TradeRequest("order.create", s.LimitBody("Buy", bid - 30m, "0.10")));
        Assert.That(RetCode(still), Is.EqualTo(10005), "a failed auth leaves the socket unauthenticated");

        // The expiry as a string (as hftbacktest sends it) is accepted too.
        long expires = s.Now + 5000;
        string sign = s.Signer.Sign("GET/realtime" + expires.ToString(CultureInfo.InvariantCulture));
        var ok = await Ask(ws, $"{{\"op\":\"auth\",\"args\":[\"{s.Options.ApiKey}\",\"{expires}\",\"{sign}\"]}}");
        Assert.That(RetCode(ok), Is.EqualTo(0), ok.ToString());
        var repeat = await Ask(ws, s.AuthFrame());
        Assert.That((RetCode(repeat), Str(repeat, "op")), Is.EqualTo((20001, "auth")), repeat.ToString());
        var placed = await Ask(ws, s.TradeRequest("order.create", s.LimitBody("Buy", bid - 30m, "0.10")));
        Assert.That(RetCode(placed), Is.EqualTo(0), placed.ToString());
        Assert.That((await s.OpenOrdersAsync()).GetArrayLength(), Is.EqualTo(1));
        Assert.That((await s.StateAsync()).GetProperty("trade_connections").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public async Task The_create_budget_is_shared_between_rest_and_the_trade_stream()
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var (s, bid, _) = await FrozenAsync(o => o with { Clock = new PinnedClock(now), OrdersPerSecond = 4 });
        await using var owner = s;
        var ws = await s.TradeAsync();
        for (int i = 0; i < 2; i++)
        {
            var (_, ok, r) = await s.LimitAsync("Buy", bid - 30m - i, "0.10");
            Assert.That(RetCode(ok), Is.EqualTo(0), ok.ToString());
            Assert.That(r.Headers.GetValues("X-Bapi-Limit-Status").Single(), Is.EqualTo((3 - i).ToString(CultureInfo.InvariantCulture)));
        }
        var third = await Ask(ws, s.TradeRequest("order.create", s.LimitBody("Buy", bid - 40m, "0.10")));
        Assert.That(RetCode(third), Is.EqualTo(0), third.ToString());
        Assert.That((Str(third.GetProperty("header"), "X-Bapi-Limit"), Str(third.GetProperty("header"), "X-Bapi-Limit-Status")), Is.EqualTo(("4", "1")));
        Assert.That(Str(third.GetProperty("header"), "X-Bapi-Limit-Reset-Timestamp"), Is.EqualTo(now.ToString(CultureInfo.InvariantCulture)));
        var fourth = await Ask(ws, s.TradeRequest("order.create", s.LimitBody("Buy", bid - 41m, "0.10")));
        Assert.That(Str(fourth.GetProperty("header"), "X-Bapi-Limit-Status"), Is.EqualTo("0"));
        var over = await Ask(ws, s.TradeRequest("order.create", s.LimitBody("Buy", bid - 42m, "0.10"), reqId: "over"));
        Assert.That((RetCode(over), Str(over, "retMsg")), Is.EqualTo((10006, "Too many visits!")), over.ToString());
        Assert.That(Str(over.GetProperty("header"), "X-Bapi-Limit-Status"), Is.EqualTo("0"));
        Assert.That(long.Parse(Str(over.GetProperty("header"), "X-Bapi-Limit-Reset-Timestamp"), CultureInfo.InvariantCulture), Is.EqualTo(now + 1000));
        var (_, restOver, _) = await s.LimitAsync("Buy", bid - 43m, "0.10");
        Assert.That(RetCode(restOver), Is.EqualTo(10006), "REST sees the budget the socket spent");
        Assert.That((await s.OpenOrdersAsync()).GetArrayLength(), Is.EqualTo(4));
        // Cancel has its own budget on both.
        var cancel = await Ask(ws, s.TradeRequest("order.cancel", $"{{\"category\":\"linear\",\"symbol\":\"{s.Symbol}\",\"orderId\":\"{Str(third.GetProperty("data"), "orderId")}\"}}"));
        Assert.That((RetCode(cancel), Str(cancel.GetProperty("header"), "X-Bapi-Limit-Status")), Is.EqualTo((0, "3")), cancel.ToString());
        var report = s.Emulator.Report();
        Assert.That((report.OrdersReceived, report.OrdersRejected["10006"]), Is.EqualTo((6L, 2L)));
    }
}
