using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Hft.Engine.Tests.Conversion;

namespace Hft.Engine.Tests.Emulators;

/// <summary>The spot emulator's signed order entry (section 2.5) matched by the backtest's exchange on the replayed market.</summary>
[TestFixture]
[NonParallelizable]
public sealed class SpotEmulatorOrderTests
{
    private static string P(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);

    [Test]
    public async Task GtcOrderRestsThenFillsWithNewTradeAndAccountEvents()
    {
        string fixture = ExchangeFixtures.Require("binance-spot/executionReport.json");
        await using var s = await SpotEmulatorSession.StartAsync();
        var user = await s.UserDataAsync();
        var (bid, _) = await s.TopAsync();
        var (status, body, response) = await s.SignedAsync(HttpMethod.Post, "/api/v3/order",
            $"symbol=SIMUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.10&price={P(bid)}&newClientOrderId=rest-1&newOrderRespType=RESULT");
        Assert.That(status, Is.EqualTo(200), body.ToString());
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("NEW"));
        Assert.That(response.Headers.Contains("X-MBX-ORDER-COUNT-10S") && response.Headers.Contains("X-MBX-USED-WEIGHT-1M"), Is.True);
        var created = await SpotEmulatorSession.ReceiveUntilAsync(user, f => f.GetProperty("event").GetProperty("e").GetString() == "executionReport");
        // Same fields in the same order as the venue's example, less v (self-trade prevention only).
        var expected = JsonDocument.Parse(fixture).RootElement.GetProperty("event").EnumerateObject().Select(p => p.Name).Where(n => n != "v");
        Assert.That(created.GetProperty("event").EnumerateObject().Select(p => p.Name), Is.EqualTo(expected));
        Assert.That(created.GetProperty("event").GetProperty("x").GetString(), Is.EqualTo("NEW"));
        var trade = await SpotEmulatorSession.ReceiveUntilAsync(user, f => f.GetProperty("event").TryGetProperty("x", out var x) && x.GetString() == "TRADE", 60);
        Assert.That(trade.GetProperty("event").GetProperty("X").GetString(), Is.EqualTo("FILLED"));
        Assert.That(trade.GetProperty("event").GetProperty("c").GetString(), Is.EqualTo("rest-1"));
        Assert.That(trade.GetProperty("event").GetProperty("N").GetString(), Is.EqualTo("SIM"));
        var position = await SpotEmulatorSession.ReceiveUntilAsync(user, f => f.GetProperty("event").GetProperty("e").GetString() == "outboundAccountPosition");
        Assert.That(position.GetProperty("event").GetProperty("B").GetArrayLength(), Is.EqualTo(2));
        var report = s.Emulator.Report();
        Assert.That((report.Fills, report.Positions["SIMUSDT"]), Is.EqualTo((1L, 0.10m)));
    }

    [Test]
    public async Task CrossingLimitMakerIsRefusedSynchronously()
    {
        await using var s = await SpotEmulatorSession.StartAsync();
        var (_, ask) = await s.TopAsync();
        var (status, body, _) = await s.SignedAsync(HttpMethod.Post, "/api/v3/order",
            $"symbol=SIMUSDT&side=BUY&type=LIMIT_MAKER&quantity=0.10&price={P(ask + 1m)}");
        Assert.That((status, body.GetProperty("code").GetInt32(), body.GetProperty("msg").GetString()),
            Is.EqualTo((400, -2010, "Order would immediately match and take.")));
        Assert.That(s.Emulator.Report().OrdersRejected["WOULD_MATCH_IMMEDIATELY"], Is.EqualTo(1));
    }

    [Test]
    public async Task FiltersBalanceAndDuplicatesAreRefused()
    {
        await using var s = await SpotEmulatorSession.StartAsync();
        var (bid, _) = await s.TopAsync();
        async Task<string> Msg(string q) => (await s.SignedAsync(HttpMethod.Post, "/api/v3/order", q)).Body.GetProperty("msg").GetString()!;
        Assert.That(await Msg($"symbol=SIMUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.10&price={bid}5"), Is.EqualTo("Filter failure: PRICE_FILTER"));
        Assert.That(await Msg($"symbol=SIMUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.105&price={P(bid)}"), Is.EqualTo("Filter failure: LOT_SIZE"));
        Assert.That(await Msg($"symbol=SIMUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price={P(bid)}"), Is.EqualTo("Filter failure: NOTIONAL"));
        Assert.That(await Msg($"symbol=SIMUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=20000&price={P(bid + 50m)}"), Is.EqualTo("Account has insufficient balance for requested action."));
        string far = $"symbol=SIMUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.10&price={P(bid - 50m)}&newClientOrderId=dup-1";
        Assert.That((await s.SignedAsync(HttpMethod.Post, "/api/v3/order", far)).Status, Is.EqualTo(200));
        Assert.That(await Msg(far), Is.EqualTo("Duplicate order sent."));
        Assert.That(s.Emulator.Report().DuplicateClientOrderIds, Is.EqualTo(1));
    }

    [Test]
    public async Task CancelOfAnUnknownOrderIs2011AndQueryIs2013()
    {
        await using var s = await SpotEmulatorSession.StartAsync();
        var (_, cancel, _) = await s.SignedAsync(HttpMethod.Delete, "/api/v3/order", "symbol=SIMUSDT&orderId=42");
        Assert.That((cancel.GetProperty("code").GetInt32(), cancel.GetProperty("msg").GetString()), Is.EqualTo((-2011, "Unknown order sent.")));
        var (_, query, _) = await s.SignedAsync(HttpMethod.Get, "/api/v3/order", "symbol=SIMUSDT&origClientOrderId=nobody");
        Assert.That((query.GetProperty("code").GetInt32(), query.GetProperty("msg").GetString()), Is.EqualTo((-2013, "Order does not exist.")));
    }

    [Test]
    public async Task CancelFreesTheBalanceAndReportsBothClientIds()
    {
        await using var s = await SpotEmulatorSession.StartAsync();
        var user = await s.UserDataAsync();
        var (bid, _) = await s.TopAsync();
        await s.SignedAsync(HttpMethod.Post, "/api/v3/order", $"symbol=SIMUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1.00&price={P(bid - 50m)}&newClientOrderId=keep-1");
        var (status, body, _) = await s.SignedAsync(HttpMethod.Delete, "/api/v3/order", "symbol=SIMUSDT&origClientOrderId=keep-1&newClientOrderId=stop-1");
        Assert.That((status, body.GetProperty("status").GetString(), body.GetProperty("clientOrderId").GetString()), Is.EqualTo((200, "CANCELED", "stop-1")));
        var cancelled = await SpotEmulatorSession.ReceiveUntilAsync(user, f => f.GetProperty("event").TryGetProperty("x", out var x) && x.GetString() == "CANCELED");
        Assert.That((cancelled.GetProperty("event").GetProperty("c").GetString(), cancelled.GetProperty("event").GetProperty("C").GetString()), Is.EqualTo(("stop-1", "keep-1")));
        var (_, account, _) = await s.SignedAsync(HttpMethod.Get, "/api/v3/account", "");
        var usdt = account.GetProperty("balances").EnumerateArray().Single(b => b.GetProperty("asset").GetString() == "USDT");
        Assert.That((usdt.GetProperty("free").GetString(), usdt.GetProperty("locked").GetString()), Is.EqualTo(("1000000.00000000", "0.00000000")));
    }

    [Test]
    public async Task CancelReplaceSucceedsStopsOnFailureAndPartiallyFails()
    {
        await using var s = await SpotEmulatorSession.StartAsync();
        var (bid, _) = await s.TopAsync();
        string order = $"symbol=SIMUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.10&price={P(bid - 50m)}";
        var (_, placed, _) = await s.SignedAsync(HttpMethod.Post, "/api/v3/order", order);
        long id = placed.GetProperty("orderId").GetInt64();
        var (ok, replaced, _) = await s.SignedAsync(HttpMethod.Post, "/api/v3/order/cancelReplace",
            $"symbol=SIMUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.10&price={P(bid - 40m)}&cancelReplaceMode=STOP_ON_FAILURE&cancelOrderId={id}");
        Assert.That((ok, replaced.GetProperty("cancelResult").GetString(), replaced.GetProperty("newOrderResult").GetString()), Is.EqualTo((200, "SUCCESS", "SUCCESS")));
        var (stopped, failed, _) = await s.SignedAsync(HttpMethod.Post, "/api/v3/order/cancelReplace",
            $"symbol=SIMUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.10&price={P(bid - 40m)}&cancelReplaceMode=STOP_ON_FAILURE&cancelOrderId={id}");
        Assert.That((stopped, failed.GetProperty("code").GetInt32(), failed.GetProperty("data").GetProperty("newOrderResult").GetString()), Is.EqualTo((400, -2022, "NOT_ATTEMPTED")));
        var (partial, half, _) = await s.SignedAsync(HttpMethod.Post, "/api/v3/order/cancelReplace",
            $"symbol=SIMUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.10&price={P(bid - 40m)}&cancelReplaceMode=ALLOW_FAILURE&cancelOrderId={id}");
        Assert.That((partial, half.GetProperty("code").GetInt32(), half.GetProperty("data").GetProperty("newOrderResult").GetString()), Is.EqualTo((409, -2021, "SUCCESS")));
    }

    [Test]
    public async Task KeepPriorityAmendLowersTheQuantityOnly()
    {
        await using var s = await SpotEmulatorSession.StartAsync();
        var (bid, _) = await s.TopAsync();
        var (_, placed, _) = await s.SignedAsync(HttpMethod.Post, "/api/v3/order", $"symbol=SIMUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.50&price={P(bid - 50m)}");
        long id = placed.GetProperty("orderId").GetInt64();
        var (ok, amended, _) = await s.SignedAsync(HttpMethod.Put, "/api/v3/order/amend/keepPriority", $"symbol=SIMUSDT&orderId={id}&newQty=0.20");
        Assert.That((ok, amended.GetProperty("amendedOrder").GetProperty("qty").GetString()), Is.EqualTo((200, "0.20000000")));
        var (_, up, _) = await s.SignedAsync(HttpMethod.Put, "/api/v3/order/amend/keepPriority", $"symbol=SIMUSDT&orderId={id}&newQty=0.30");
        Assert.That(up.GetProperty("code").GetInt32(), Is.EqualTo(-2038));
    }

    [Test]
    public async Task MarketOrderFillsAtOnceWithAFullResponse()
    {
        await using var s = await SpotEmulatorSession.StartAsync();
        var (status, body, _) = await s.SignedAsync(HttpMethod.Post, "/api/v3/order", "symbol=SIMUSDT&side=SELL&type=MARKET&quantity=0.10");
        Assert.That((status, body.GetProperty("status").GetString(), body.GetProperty("fills").GetArrayLength()), Is.EqualTo((200, "FILLED", 1)), body.ToString());
        Assert.That(body.GetProperty("fills")[0].GetProperty("commissionAsset").GetString(), Is.EqualTo("USDT"));
        Assert.That(s.Emulator.Report().Positions["SIMUSDT"], Is.EqualTo(-0.10m));
    }

    [Test]
    public async Task TooManyRequestsThen418WhenRetryAfterIsIgnored()
    {
        await using var s = await SpotEmulatorSession.StartAsync();
        await s.Http.PostAsync("/admin/faults", new StringContent("""{"too_many_requests":1}"""));
        var first = await s.Http.GetAsync("/api/v3/time");
        Assert.That((int)first.StatusCode, Is.EqualTo(429));
        Assert.That(first.Headers.RetryAfter, Is.Not.Null);
        var second = await s.Http.GetAsync("/api/v3/time");
        Assert.That((int)second.StatusCode, Is.EqualTo(418));
        Assert.That(second.Headers.RetryAfter, Is.Not.Null);
    }

    [Test]
    public async Task WeightLimitGives429()
    {
        await using var s = await SpotEmulatorSession.StartAsync(o => o with { Limits = o.Limits with { WeightPerMinute = 30 } });
        var statuses = new List<int>();
        for (int i = 0; i < 3; i++) statuses.Add((int)(await s.Http.GetAsync("/api/v3/exchangeInfo")).StatusCode);
        Assert.That(statuses, Is.EqualTo(new[] { 200, 429, 418 }));
    }

    [Test]
    public async Task SummaryJsonHasTheAgreedFields()
    {
        await using var s = await SpotEmulatorSession.StartAsync();
        await s.SignedAsync(HttpMethod.Delete, "/api/v3/order", "symbol=SIMUSDT&orderId=1");
        using var json = JsonDocument.Parse(s.Emulator.Report().ToJson());
        foreach (string key in new[] { "orders_received", "orders_rejected", "fills", "open_orders", "duplicate_client_order_ids", "positions" })
            Assert.That(json.RootElement.TryGetProperty(key, out _), Is.True, key);
        Assert.That(json.RootElement.GetProperty("orders_rejected").GetProperty("UNKNOWN_ORDER").GetInt32(), Is.EqualTo(1));
        var state = await s.Http.GetFromJsonAsync<JsonElement>("/admin/state");
        Assert.That(state.GetProperty("summary").GetProperty("venue").GetString(), Is.EqualTo("binance-spot"));
    }
}
