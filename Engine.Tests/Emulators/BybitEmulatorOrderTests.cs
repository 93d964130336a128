using System.Globalization;
using System.Text.Json;
using Hft.Engine.Tests.Conversion;

namespace Hft.Engine.Tests.Emulators;

/// <summary>
/// Order entry on the Bybit emulator (exchange-protocols 3.3, 3.4): acknowledgements, the private <c>order</c>,
/// <c>execution</c> and <c>position</c> topics, open and ended order queries, post-only, duplicate <c>orderLinkId</c>,
/// amend, cancel, cancel-all, the per-endpoint budget with its headers, the admin REST faults and the IP ban, and the
/// private stream's authentication. The replay is paused (<c>pause_ms</c>) where a moving market could change the outcome.
/// </summary>
[TestFixture]
public sealed class BybitEmulatorOrderTests
{
    private static string Px(decimal p) => p.ToString("0.00", CultureInfo.InvariantCulture);

    private static int RetCode(JsonElement body) => body.GetProperty("retCode").GetInt32();

    private static string Str(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    /// <summary>Starts an emulator, waits for a two-sided book and freezes the replay so the book stays where it is.</summary>
    private static async Task<(BybitEmulatorSession Session, decimal Bid, decimal Ask)> FrozenAsync(Func<Hft.Exchanges.Emulators.Bybit.BybitOptions, Hft.Exchanges.Emulators.Bybit.BybitOptions>? configure = null)
    {
        var s = await BybitEmulatorSession.StartAsync(configure);
        await s.TopAsync();
        await s.FaultsAsync("{\"pause_ms\":60000}");
        // The pause takes effect at the replay's next batch: let it settle before reading the top.
        await Task.Delay(100);
        var (bid, ask) = await s.TopAsync();
        return (s, bid, ask);
    }

    /// <summary>Private frames (topic messages only) until one satisfies <paramref name="last"/>.</summary>
    private static async Task<List<JsonElement>> FramesUntil(TestSocket ws, Func<JsonElement, bool> last, int timeoutMs = 10000)
    {
        var frames = new List<JsonElement>();
        var deadline = Environment.TickCount64 + timeoutMs;
        while (Environment.TickCount64 < deadline)
        {
            var f = await ws.ReceiveAsync((int)Math.Max(1, deadline - Environment.TickCount64));
            if (f is not { } frame) break;
            if (!frame.TryGetProperty("topic", out _)) continue;
            frames.Add(frame);
            if (last(frame)) return frames;
        }
        throw new AssertionException("the expected private frame did not arrive; got: " + string.Join(" | ", frames));
    }

    private static bool IsOrder(JsonElement f, string orderId, string status) =>
        f.GetProperty("topic").GetString() == "order"
        && f.GetProperty("data").EnumerateArray().Any(o => Str(o, "orderId") == orderId && Str(o, "orderStatus") == status);

    private static JsonElement OrderItem(JsonElement f, string orderId) =>
        f.GetProperty("data").EnumerateArray().Single(o => Str(o, "orderId") == orderId);

    [Test]
    public async Task A_resting_gtc_limit_is_acknowledged_listed_in_realtime_and_published_on_the_order_topic()
    {
        var (s, bid, _) = await FrozenAsync();
        await using var owner = s;
        var ws = await s.PrivateAsync();
        decimal price = bid - 30m;
        var (status, ack, response) = await s.LimitAsync("Buy", price, "0.10", linkId: "rest-1");
        Assert.That((status, RetCode(ack)), Is.EqualTo((200, 0)), ack.ToString());
        // The acknowledgement is only {orderId, orderLinkId} (rest-create-order-response.json).
        Assert.That(ack.GetProperty("result").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "orderId", "orderLinkId" }));
        string orderId = Str(ack.GetProperty("result"), "orderId");
        Assert.That(Str(ack.GetProperty("result"), "orderLinkId"), Is.EqualTo("rest-1"));
        Assert.That(response.Headers.GetValues("X-Bapi-Limit").Single(), Is.EqualTo("10"));
        Assert.That(response.Headers.GetValues("X-Bapi-Limit-Status").Single(), Is.EqualTo("9"));

        var frame = (await FramesUntil(ws, f => IsOrder(f, orderId, "New")))[^1];
        Assert.That(frame.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "id", "topic", "creationTime", "data" }));
        var o = OrderItem(frame, orderId);
        Assert.That((Str(o, "category"), Str(o, "symbol"), Str(o, "side"), Str(o, "orderType"), Str(o, "timeInForce")),
            Is.EqualTo(("linear", s.Symbol, "Buy", "Limit", "GTC")));
        Assert.That((Str(o, "price"), Str(o, "qty"), Str(o, "leavesQty"), Str(o, "cumExecQty"), Str(o, "orderLinkId")),
            Is.EqualTo((Px(price), "0.10", "0.10", "0.00", "rest-1")));
        Assert.That((Str(o, "rejectReason"), Str(o, "cancelType"), Str(o, "avgPrice")), Is.EqualTo(("EC_NoError", "UNKNOWN", "")));
        Assert.That(o.GetProperty("createdTime").ValueKind, Is.EqualTo(JsonValueKind.String), "private times are strings");
        Assert.That(o.GetProperty("positionIdx").GetInt32(), Is.EqualTo(0));

        var open = await s.OpenOrdersAsync();
        Assert.That(open.GetArrayLength(), Is.EqualTo(1), open.ToString());
        Assert.That((Str(open[0], "orderId"), Str(open[0], "orderStatus"), Str(open[0], "price")), Is.EqualTo((orderId, "New", Px(price))));
        var byLink = await s.OpenOrdersAsync("&orderLinkId=rest-1");
        Assert.That(byLink.GetArrayLength(), Is.EqualTo(1));
        Assert.That((await s.OpenOrdersAsync("&orderLinkId=someone-else")).GetArrayLength(), Is.EqualTo(0));
        var history = await s.GetAsync("/v5/order/history", $"category=linear&symbol={s.Symbol}");
        Assert.That(history.GetProperty("result").GetProperty("list").GetArrayLength(), Is.EqualTo(0), "nothing has ended");
        Assert.That(s.Emulator.Report().OpenOrders, Is.EqualTo(1));
    }

    [Test]
    public async Task A_crossing_limit_fills_as_taker_with_the_execution_before_the_filled_order_then_the_position()
    {
        var (s, _, ask) = await FrozenAsync();
        await using var owner = s;
        var ws = await s.PrivateAsync();
        decimal limit = ask + 1m;
        var ack = await s.PostAsync("/v5/order/create", s.LimitBody("Buy", limit, "0.10", linkId: "cross-1"));
        Assert.That(RetCode(ack), Is.EqualTo(0), ack.ToString());
        string orderId = Str(ack.GetProperty("result"), "orderId");

        var frames = await FramesUntil(ws, f => Str(f, "topic") == "position");
        int execution = frames.FindIndex(f => Str(f, "topic") == "execution");
        int filled = frames.FindIndex(f => IsOrder(f, orderId, "Filled"));
        Assert.That(execution, Is.GreaterThanOrEqualTo(0), "no execution frame: " + string.Join(" | ", frames));
        Assert.That(filled, Is.GreaterThan(execution), "the execution comes before the order's Filled state");
        Assert.That(frames.FindIndex(f => Str(f, "topic") == "position"), Is.GreaterThan(filled));

        var e = frames[execution].GetProperty("data")[0];
        Assert.That((Str(e, "orderId"), Str(e, "orderLinkId"), Str(e, "execType"), Str(e, "execQty"), Str(e, "side")),
            Is.EqualTo((orderId, "cross-1", "Trade", "0.10", "Buy")));
        Assert.That(e.GetProperty("isMaker").GetBoolean(), Is.False, "it took liquidity");
        Assert.That(Str(e, "feeRate"), Is.EqualTo("0.00055"));
        Assert.That(decimal.Parse(Str(e, "execPrice"), CultureInfo.InvariantCulture), Is.LessThanOrEqualTo(limit));
        Assert.That(e.GetProperty("execTime").ValueKind, Is.EqualTo(JsonValueKind.String));
        var o = OrderItem(frames[filled], orderId);
        Assert.That((Str(o, "cumExecQty"), Str(o, "leavesQty")), Is.EqualTo(("0.10", "0.00")));
        Assert.That(Str(o, "avgPrice"), Is.EqualTo(Str(e, "execPrice")));
        var p = frames[^1].GetProperty("data")[0];
        Assert.That((Str(p, "symbol"), Str(p, "side"), Str(p, "size")), Is.EqualTo((s.Symbol, "Buy", "0.10")));

        Assert.That((await s.OpenOrdersAsync()).GetArrayLength(), Is.EqualTo(0));
        var history = (await s.GetAsync("/v5/order/history", $"category=linear&symbol={s.Symbol}")).GetProperty("result").GetProperty("list");
        Assert.That((Str(history[0], "orderId"), Str(history[0], "orderStatus")), Is.EqualTo((orderId, "Filled")));
        var positions = (await s.GetAsync("/v5/position/list", $"category=linear&symbol={s.Symbol}")).GetProperty("result").GetProperty("list");
        Assert.That((Str(positions[0], "side"), Str(positions[0], "size")), Is.EqualTo(("Buy", "0.10")));
        var report = s.Emulator.Report();
        Assert.That((report.Fills, report.Positions[s.Symbol]), Is.EqualTo((1L, 0.10m)));
    }

    [Test]
    public async Task A_post_only_that_would_cross_ends_cancelled_with_EC_PostOnlyWillTakeLiquidity_and_one_that_does_not_rests()
    {
        var (s, bid, ask) = await FrozenAsync();
        await using var owner = s;
        var ws = await s.PrivateAsync();
        // Post-only rejection is asynchronous: the create is accepted (retCode 0).
        var ack = await s.PostAsync("/v5/order/create", s.LimitBody("Buy", ask + 1m, "0.10", "PostOnly", "po-cross"));
        Assert.That(RetCode(ack), Is.EqualTo(0), ack.ToString());
        string orderId = Str(ack.GetProperty("result"), "orderId");
        var frames = await FramesUntil(ws, f => IsOrder(f, orderId, "Cancelled"));
        Assert.That(frames.Any(f => Str(f, "topic") == "execution"), Is.False, "a post-only never takes");
        var o = OrderItem(frames[^1], orderId);
        // As the venue's own example (rest-order-history-postonly-cancelled.json): cancelType UNKNOWN, the reason in rejectReason.
        var fixture = JsonDocument.Parse(ExchangeFixtures.Require("bybit/rest-order-history-postonly-cancelled.json")).RootElement
            .GetProperty("result").GetProperty("list")[0];
        Assert.That((Str(o, "orderStatus"), Str(o, "rejectReason"), Str(o, "cancelType"), Str(o, "timeInForce")),
            Is.EqualTo((Str(fixture, "orderStatus"), Str(fixture, "rejectReason"), Str(fixture, "cancelType"), Str(fixture, "timeInForce"))));
        Assert.That((Str(o, "cumExecQty"), Str(o, "leavesQty")), Is.EqualTo(("0.00", "0.00")));
        var history = (await s.GetAsync("/v5/order/history", $"category=linear&symbol={s.Symbol}")).GetProperty("result").GetProperty("list");
        Assert.That((Str(history[0], "orderId"), Str(history[0], "orderStatus"), Str(history[0], "rejectReason")),
            Is.EqualTo((orderId, "Cancelled", "EC_PostOnlyWillTakeLiquidity")));

        var resting = await s.PostAsync("/v5/order/create", s.LimitBody("Buy", bid - 1m, "0.10", "PostOnly", "po-rest"));
        Assert.That(RetCode(resting), Is.EqualTo(0), resting.ToString());
        var open = await s.OpenOrdersAsync();
        Assert.That(open.GetArrayLength(), Is.EqualTo(1));
        Assert.That((Str(open[0], "orderLinkId"), Str(open[0], "orderStatus"), Str(open[0], "timeInForce")), Is.EqualTo(("po-rest", "New", "PostOnly")));
        Assert.That(s.Emulator.Report().Fills, Is.EqualTo(0));
    }

    [Test]
    public async Task A_duplicate_orderLinkId_is_refused_with_110072_and_counted_in_the_admin_summary()
    {
        var (s, bid, _) = await FrozenAsync();
        await using var owner = s;
        var first = await s.PostAsync("/v5/order/create", s.LimitBody("Buy", bid - 30m, "0.10", linkId: "dup-1"));
        Assert.That(RetCode(first), Is.EqualTo(0), first.ToString());
        var (status, again, _) = await s.LimitAsync("Buy", bid - 31m, "0.20", linkId: "dup-1");
        Assert.That((status, RetCode(again)), Is.EqualTo((200, 110072)), again.ToString());
        Assert.That(Str(again, "retMsg"), Does.Contain("duplicate").IgnoreCase);
        var open = await s.OpenOrdersAsync();
        Assert.That(open.GetArrayLength(), Is.EqualTo(1));
        Assert.That(Str(open[0], "qty"), Is.EqualTo("0.10"), "the first order is untouched");
        // Malformed ids: 10001 (at most 36 of letters, digits, - and _), not counted as duplicates.
        var tooLong = await s.PostAsync("/v5/order/create", s.LimitBody("Buy", bid - 30m, "0.10", linkId: new string('a', 37)));
        Assert.That(RetCode(tooLong), Is.EqualTo(10001), tooLong.ToString());
        var ok36 = await s.PostAsync("/v5/order/create", s.LimitBody("Buy", bid - 30m, "0.10", linkId: new string('a', 36)));
        Assert.That(RetCode(ok36), Is.EqualTo(0), ok36.ToString());

        var summary = (await s.StateAsync()).GetProperty("summary");
        Assert.That(summary.GetProperty("duplicate_client_order_ids").GetInt64(), Is.EqualTo(1));
        Assert.That(summary.GetProperty("orders_rejected").GetProperty("110072").GetInt64(), Is.EqualTo(1));
        Assert.That(summary.GetProperty("orders_received").GetInt64(), Is.EqualTo(4));
        Assert.That(summary.GetProperty("open_orders").GetInt64(), Is.EqualTo(2));
    }

    [Test]
    public async Task Amend_changes_price_and_qty_then_cancel_ends_the_order_and_a_second_cancel_gets_110001()
    {
        var (s, bid, _) = await FrozenAsync();
        await using var owner = s;
        var ws = await s.PrivateAsync();
        var ack = await s.PostAsync("/v5/order/create", s.LimitBody("Buy", bid - 30m, "0.10", linkId: "amend-1"));
        Assert.That(RetCode(ack), Is.EqualTo(0), ack.ToString());
        string orderId = Str(ack.GetProperty("result"), "orderId");
        await FramesUntil(ws, f => IsOrder(f, orderId, "New"));

        decimal moved = bid - 20m;
        var amended = await s.PostAsync("/v5/order/amend",
            $"{{\"category\":\"linear\",\"symbol\":\"{s.Symbol}\",\"orderId\":\"{orderId}\",\"qty\":\"0.30\",\"price\":\"{Px(moved)}\"}}");
        Assert.That(RetCode(amended), Is.EqualTo(0), amended.ToString());
        Assert.That((Str(amended.GetProperty("result"), "orderId"), Str(amended.GetProperty("result"), "orderLinkId")), Is.EqualTo((orderId, "amend-1")));
        var frame = (await FramesUntil(ws, f => f.GetProperty("topic").GetString() == "order"
            && OrderItem(f, orderId) is var o && Str(o, "price") == Px(moved)))[^1];
        var item = OrderItem(frame, orderId);
        Assert.That((Str(item, "orderStatus"), Str(item, "qty"), Str(item, "leavesQty")), Is.EqualTo(("New", "0.30", "0.30")));
        var open = await s.OpenOrdersAsync();
        Assert.That((Str(open[0], "price"), Str(open[0], "qty")), Is.EqualTo((Px(moved), "0.30")));

        var nothing = await s.PostAsync("/v5/order/amend", $"{{\"category\":\"linear\",\"symbol\":\"{s.Symbol}\",\"orderId\":\"{orderId}\"}}");
        Assert.That(RetCode(nothing), Is.EqualTo(10001), "an amend with nothing to change");

        // Cancel by orderLinkId.
        var cancelled = await s.PostAsync("/v5/order/cancel", $"{{\"category\":\"linear\",\"symbol\":\"{s.Symbol}\",\"orderLinkId\":\"amend-1\"}}");
        Assert.That(RetCode(cancelled), Is.EqualTo(0), cancelled.ToString());
        Assert.That(Str(cancelled.GetProperty("result"), "orderId"), Is.EqualTo(orderId));
        var end = OrderItem((await FramesUntil(ws, f => IsOrder(f, orderId, "Cancelled")))[^1], orderId);
        Assert.That((Str(end, "cancelType"), Str(end, "leavesQty")), Is.EqualTo(("CancelByUser", "0.00")));
        Assert.That((await s.OpenOrdersAsync()).GetArrayLength(), Is.EqualTo(0));
        var history = (await s.GetAsync("/v5/order/history", $"category=linear&symbol={s.Symbol}")).GetProperty("result").GetProperty("list");
        Assert.That((Str(history[0], "orderId"), Str(history[0], "orderStatus")), Is.EqualTo((orderId, "Cancelled")));

        var twice = await s.PostAsync("/v5/order/cancel", $"{{\"category\":\"linear\",\"symbol\":\"{s.Symbol}\",\"orderId\":\"{orderId}\"}}");
        Assert.That(RetCode(twice), Is.EqualTo(110001), twice.ToString());
        var lateAmend = await s.PostAsync("/v5/order/amend", $"{{\"category\":\"linear\",\"symbol\":\"{s.Symbol}\",\"orderId\":\"{orderId}\",\"qty\":\"0.20\"}}");
        Assert.That(RetCode(lateAmend), Is.EqualTo(110001), lateAmend.ToString());
        var unknown = await s.PostAsync("/v5/order/cancel", $"{{\"category\":\"linear\",\"symbol\":\"{s.Symbol}\",\"orderLinkId\":\"never-sent\"}}");
        Assert.That(RetCode(unknown), Is.EqualTo(110001), unknown.ToString());

        var report = s.Emulator.Report();
        Assert.That((report.Amendments, report.Cancels, report.OpenOrders), Is.EqualTo((1L, 1L, 0)));
    }

    [Test]
    public async Task Create_amend_and_cancel_each_give_a_position_message_even_when_the_position_did_not_change()
    {
        var (s, bid, _) = await FrozenAsync();
        await using var owner = s;
        var ws = await s.PrivateAsync();
        var ack = await s.PostAsync("/v5/order/create", s.LimitBody("Buy", bid - 30m, "0.10", linkId: "pos-1"));
        Assert.That(RetCode(ack), Is.EqualTo(0), ack.ToString());
        string orderId = Str(ack.GetProperty("result"), "orderId");
        string body = $"{{\"category\":\"linear\",\"symbol\":\"{s.Symbol}\",\"orderId\":\"{orderId}\"";
        Assert.That(RetCode(await s.PostAsync("/v5/order/amend", body + ",\"qty\":\"0.20\"}")), Is.EqualTo(0));
        Assert.That(RetCode(await s.PostAsync("/v5/order/cancel", body + "}")), Is.EqualTo(0));
        var frames = await FramesUntil(ws, f => IsOrder(f, orderId, "Cancelled"));
        frames.Add(await BybitEmulatorSession.WaitTopicAsync(ws, "position"));
        var topics = frames.Select(f => Str(f, "topic")).ToList();
        // order, position after each of the three requests (exchange-protocols 3.3.5).
        Assert.That(topics, Is.EqualTo(new[] { "order", "position", "order", "position", "order", "position" }), string.Join(" | ", frames));
        foreach (var p in frames.Where(f => Str(f, "topic") == "position").Select(f => f.GetProperty("data")[0]))
            Assert.That((Str(p, "symbol"), Str(p, "side"), Str(p, "size")), Is.EqualTo((s.Symbol, "", "0.00")), "flat");
    }

    [Test]
    public async Task Cancel_all_cancels_every_open_order_and_lists_them()
    {
        var (s, bid, _) = await FrozenAsync();
        await using var owner = s;
        var ws = await s.PrivateAsync();
        var ids = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            var ack = await s.PostAsync("/v5/order/create", s.LimitBody("Buy", bid - 30m - i, "0.10", linkId: $"all-{i}"));
            Assert.That(RetCode(ack), Is.EqualTo(0), ack.ToString());
            ids.Add(Str(ack.GetProperty("result"), "orderId"));
        }
        Assert.That((await s.OpenOrdersAsync()).GetArrayLength(), Is.EqualTo(3));
        var all = await s.PostAsync("/v5/order/cancel-all", $"{{\"category\":\"linear\",\"symbol\":\"{s.Symbol}\"}}");
        Assert.That(RetCode(all), Is.EqualTo(0), all.ToString());
        var result = all.GetProperty("result");
        Assert.That(Str(result, "success"), Is.EqualTo("1"));
        Assert.That(result.GetProperty("list").EnumerateArray().Select(o => Str(o, "orderId")), Is.EquivalentTo(ids));
        Assert.That(result.GetProperty("list").EnumerateArray().Select(o => Str(o, "orderLinkId")), Is.EquivalentTo(new[] { "all-0", "all-1", "all-2" }));
        var seen = new HashSet<string>();
        await FramesUntil(ws, f =>
        {
            foreach (var id in ids) if (IsOrder(f, id, "Cancelled")) seen.Add(id);
            return seen.Count == ids.Count;
        });
        Assert.That((await s.OpenOrdersAsync()).GetArrayLength(), Is.EqualTo(0));
        var again = await s.PostAsync("/v5/order/cancel-all", $"{{\"category\":\"linear\",\"symbol\":\"{s.Symbol}\"}}");
        Assert.That(again.GetProperty("result").GetProperty("list").GetArrayLength(), Is.EqualTo(0));
        var summary = (await s.StateAsync()).GetProperty("summary");
        Assert.That((summary.GetProperty("cancels").GetInt64(), summary.GetProperty("open_orders").GetInt64()), Is.EqualTo((3L, 0L)));
    }

    [Test]
    public async Task More_creates_than_OrdersPerSecond_in_one_second_get_10006_with_the_X_Bapi_Limit_headers()
    {
        // A pinned clock: every request falls in the same second, whatever the machine's speed.
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var (s, bid, _) = await FrozenAsync(o => o with { Clock = new PinnedClock(now), OrdersPerSecond = 10 });
        await using var owner = s;
        for (int i = 0; i < 10; i++)
        {
            var (_, ok, r) = await s.LimitAsync("Buy", bid - 30m, "0.10", linkId: $"rate-{i}");
            Assert.That(RetCode(ok), Is.EqualTo(0), $"create {i}: {ok}");
            Assert.That(r.Headers.GetValues("X-Bapi-Limit").Single(), Is.EqualTo("10"));
            Assert.That(r.Headers.GetValues("X-Bapi-Limit-Status").Single(), Is.EqualTo((9 - i).ToString(CultureInfo.InvariantCulture)));
            // Not exceeded: the reset timestamp is the current time.
            Assert.That(r.Headers.GetValues("X-Bapi-Limit-Reset-Timestamp").Single(), Is.EqualTo(now.ToString(CultureInfo.InvariantCulture)));
        }
        var (status, over, response) = await s.LimitAsync("Buy", bid - 30m, "0.10", linkId: "rate-10");
        Assert.That((status, RetCode(over), Str(over, "retMsg")), Is.EqualTo((200, 10006, "Too many visits!")));
        Assert.That(response.Headers.GetValues("X-Bapi-Limit").Single(), Is.EqualTo("10"));
        Assert.That(response.Headers.GetValues("X-Bapi-Limit-Status").Single(), Is.EqualTo("0"));
        long reset = long.Parse(response.Headers.GetValues("X-Bapi-Limit-Reset-Timestamp").Single(), CultureInfo.InvariantCulture);
        Assert.That(reset, Is.GreaterThan(now).And.LessThanOrEqualTo(now + 1000), "when the window frees a slot");

        var open = await s.OpenOrdersAsync("&limit=50");
        Assert.That(open.GetArrayLength(), Is.EqualTo(10), "the refused create placed nothing");
        // Each endpoint has its own budget: cancel still works.
        var cancel = await s.PostAsync("/v5/order/cancel", $"{{\"category\":\"linear\",\"symbol\":\"{s.Symbol}\",\"orderLinkId\":\"rate-0\"}}");
        Assert.That(RetCode(cancel), Is.EqualTo(0), cancel.ToString());
        var report = s.Emulator.Report();
        Assert.That(report.OrdersRejected["10006"], Is.EqualTo(1));
        Assert.That(report.OrdersReceived, Is.EqualTo(11));
    }

    [Test]
    public async Task Admin_rest_errors_answer_as_each_kind_says_and_carry_the_order_out_only_when_it_executes()
    {
        var (s, bid, _) = await FrozenAsync();
        await using var owner = s;
        var cases = new (string Kind, int Status, int? RetCode, bool Executed)[]
        {
            ("unknown", 200, 10016, true),
            ("unknown-not-executed", 200, 10016, false),
            ("unavailable", 503, null, false),
            ("timeout", 504, null, true),
        };
        foreach (var (kind, expectedStatus, expectedCode, executed) in cases)
        {
            await s.FaultsAsync($"{{\"rest_errors\":1,\"rest_error_kind\":\"{kind}\"}}");
            string link = "fault-" + kind;
            var (status, body, _) = await s.LimitAsync("Buy", bid - 30m, "0.10", linkId: link);
            Assert.That(status, Is.EqualTo(expectedStatus), $"{kind}: {body}");
            if (expectedCode is { } code) Assert.That(RetCode(body), Is.EqualTo(code), $"{kind}: {body}");
            else Assert.That(body.ValueKind, Is.EqualTo(JsonValueKind.Undefined), $"{kind}: a gateway's HTML page, not an envelope");
            Assert.That((await s.OpenOrdersAsync($"&orderLinkId={link}")).GetArrayLength(), Is.EqualTo(executed ? 1 : 0), $"{kind}: executed?");
            // One-shot: the next order request is served normally.
            var next = await s.PostAsync("/v5/order/create", s.LimitBody("Buy", bid - 30m, "0.10", linkId: link + "-after"));
            Assert.That(RetCode(next), Is.EqualTo(0), $"{kind}: {next}");
        }
        var (bad, _, _) = await s.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/admin/faults")
        {
            Content = new StringContent("{\"rest_errors\":1,\"rest_error_kind\":\"nonsense\"}", System.Text.Encoding.UTF8, "application/json"),
        });
        Assert.That(bad, Is.EqualTo(400));
        var summary = (await s.StateAsync()).GetProperty("summary");
        Assert.That(summary.GetProperty("faults_injected").GetProperty("rest_error").GetInt64(), Is.EqualTo(4));
        Assert.That(summary.GetProperty("open_orders").GetInt64(), Is.EqualTo(6));
    }

    [Test]
    public async Task Admin_ban_ms_answers_403_access_too_frequent_until_cleared()
    {
        var (s, bid, _) = await FrozenAsync();
        await using var owner = s;
        await s.FaultsAsync("{\"ban_ms\":60000}");
        var (status, body, response) = await s.LimitAsync("Buy", bid - 30m, "0.10", linkId: "banned");
        Assert.That(status, Is.EqualTo(403));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("access too frequent"));
        Assert.That(body.ValueKind, Is.EqualTo(JsonValueKind.Undefined), "the IP limit is a plain 403, no envelope");
        var (publicStatus, _, _) = await s.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v5/market/time"));
        Assert.That(publicStatus, Is.EqualTo(403), "the IP ban covers public endpoints too");
        var state = await s.StateAsync();
        Assert.That(state.GetProperty("summary").GetProperty("faults_injected").GetProperty("ban").GetInt64(), Is.EqualTo(1));
        Assert.That(state.GetProperty("summary").GetProperty("orders_rejected").GetProperty("IP_BANNED").GetInt64(), Is.EqualTo(1));

        await s.FaultsAsync("{\"clear\":true}");
        var (after, _, _) = await s.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v5/market/time"));
        Assert.That(after, Is.EqualTo(200));
        var open = await s.OpenOrdersAsync();
        Assert.That(open.GetArrayLength(), Is.EqualTo(0), "the banned create placed nothing");
    }

    [Test]
    public async Task Private_auth_succeeds_in_the_venue_shape_and_then_subscribe_ping_and_order_frames_work()
    {
        var (s, bid, _) = await FrozenAsync();
        await using var owner = s;
        var ws = await s.ConnectAsync(s.Emulator.PrivateStream);
        await ws.SendAsync(s.AuthFrame());
        var auth = await BybitEmulatorSession.ReplyAsync(ws);
        var fixture = JsonDocument.Parse(ExchangeFixtures.Require("bybit/ws-auth-response.json")).RootElement;
        Assert.That(auth.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(fixture.EnumerateObject().Select(p => p.Name)), auth.ToString());
        Assert.That((auth.GetProperty("success").GetBoolean(), Str(auth, "ret_msg"), Str(auth, "op")), Is.EqualTo((true, "", "auth")));

        await ws.SendAsync("{\"op\":\"subscribe\",\"args\":[\"order\",\"execution\",\"position\",\"wallet\"]}");
        var sub = await BybitEmulatorSession.ReplyAsync(ws);
        var subFixture = JsonDocument.Parse(ExchangeFixtures.Require("bybit/ws-subscribe-response-private.json")).RootElement;
        Assert.That(sub.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(subFixture.EnumerateObject().Select(p => p.Name)), sub.ToString());
        Assert.That((sub.GetProperty("success").GetBoolean(), Str(sub, "op")), Is.EqualTo((true, "subscribe")));

        await ws.SendAsync("{\"req_id\":\"hb\",\"op\":\"ping\"}");
        var pong = await BybitEmulatorSession.ReplyAsync(ws);
        Assert.That((Str(pong, "op"), Str(pong, "req_id")), Is.EqualTo(("pong", "hb")), pong.ToString());
        Assert.That(long.Parse(pong.GetProperty("args")[0].GetString()!, CultureInfo.InvariantCulture), Is.EqualTo(s.Now).Within(60_000));

        await ws.SendAsync("{\"op\":\"subscribe\",\"args\":[\"orderbook.50.SIMUSDT\"]}");
        var wrongTopic = await BybitEmulatorSession.ReplyAsync(ws);
        Assert.That(wrongTopic.GetProperty("success").GetBoolean(), Is.False, "a public topic on the private stream");

        var ack = await s.PostAsync("/v5/order/create", s.LimitBody("Sell", bid + 30m, "0.10"));
        string orderId = Str(ack.GetProperty("result"), "orderId");
        await FramesUntil(ws, f => IsOrder(f, orderId, "New"));

        // expires sent as a string (as hftbacktest does) is accepted too.
        var other = await s.ConnectAsync(s.Emulator.PrivateStream);
        long expires = s.Now + 5000;
        string sign = s.Signer.Sign("GET/realtime" + expires.ToString(CultureInfo.InvariantCulture));
        await other.SendAsync($"{{\"req_id\":\"a\",\"op\":\"auth\",\"args\":[\"{s.Options.ApiKey}\",\"{expires}\",\"{sign}\"]}}");
        Assert.That((await BybitEmulatorSession.ReplyAsync(other)).GetProperty("success").GetBoolean(), Is.True);
        Assert.That((await s.StateAsync()).GetProperty("user_connections").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public async Task Private_auth_with_a_bad_signature_key_or_past_expiry_is_refused_and_subscribe_before_auth_is_refused()
    {
        var (s, bid, _) = await FrozenAsync();
        await using var owner = s;
        long expires = s.Now + 5000;
        string good = s.Signer.Sign("GET/realtime" + expires.ToString(CultureInfo.InvariantCulture));

        var badSign = await s.ConnectAsync(s.Emulator.PrivateStream);
        await badSign.SendAsync($"{{\"op\":\"auth\",\"args\":[\"{s.Options.ApiKey}\",{expires},\"{new string('0', 64)}\"]}}");
        var refused = await BybitEmulatorSession.ReplyAsync(badSign);
        Assert.That((refused.GetProperty("success").GetBoolean(), Str(refused, "op")), Is.EqualTo((false, "auth")), refused.ToString());
        Assert.That(Str(refused, "ret_msg"), Is.Not.Empty, "the reason is in ret_msg");
        // Still not authenticated: subscribing is refused.
        await badSign.SendAsync("{\"op\":\"subscribe\",\"args\":[\"order\"]}");
        var notAuthorised = await BybitEmulatorSession.ReplyAsync(badSign);
        Assert.That(notAuthorised.GetProperty("success").GetBoolean(), Is.False, notAuthorised.ToString());

        var badKey = await s.ConnectAsync(s.Emulator.PrivateStream);
        await badKey.SendAsync($"{{\"op\":\"auth\",\"args\":[\"someone-else\",{expires},\"{good}\"]}}");
        Assert.That((await BybitEmulatorSession.ReplyAsync(badKey)).GetProperty("success").GetBoolean(), Is.False);

        var past = await s.ConnectAsync(s.Emulator.PrivateStream);
        long gone = s.Now - 1000;
        await past.SendAsync($"{{\"op\":\"auth\",\"args\":[\"{s.Options.ApiKey}\",{gone},\"{s.Signer.Sign("GET/realtime" + gone.ToString(CultureInfo.InvariantCulture))}\"]}}");
        Assert.That((await BybitEmulatorSession.ReplyAsync(past)).GetProperty("success").GetBoolean(), Is.False, "expires must be in the future");

        // Subscribe before auth: refused, and no order frames reach the socket.
        var early = await s.ConnectAsync(s.Emulator.PrivateStream);
        await early.SendAsync("{\"op\":\"subscribe\",\"args\":[\"order\"]}");
        var before = await BybitEmulatorSession.ReplyAsync(early);
        Assert.That((before.GetProperty("success").GetBoolean(), Str(before, "op")), Is.EqualTo((false, "subscribe")), before.ToString());
        var ack = await s.PostAsync("/v5/order/create", s.LimitBody("Buy", bid - 30m, "0.10", linkId: "unseen"));
        Assert.That(RetCode(ack), Is.EqualTo(0), ack.ToString());
        Assert.That(await early.ReceiveAsync(1000), Is.Null, "an unauthenticated socket gets no account data");
        Assert.That(await badSign.ReceiveAsync(200), Is.Null);

        // The same socket can then authenticate and subscribe.
        await early.SendAsync($"{{\"op\":\"auth\",\"args\":[\"{s.Options.ApiKey}\",{expires},\"{good}\"]}}");
        Assert.That((await BybitEmulatorSession.ReplyAsync(early)).GetProperty("success").GetBoolean(), Is.True);
        await early.SendAsync("{\"op\":\"subscribe\",\"args\":[\"order\"]}");
        Assert.That((await BybitEmulatorSession.ReplyAsync(early)).GetProperty("success").GetBoolean(), Is.True);
        var second = await s.PostAsync("/v5/order/create", s.LimitBody("Buy", bid - 31m, "0.10", linkId: "seen"));
        string orderId = Str(second.GetProperty("result"), "orderId");
        var frames = await FramesUntil(early, f => IsOrder(f, orderId, "New"));
        Assert.That(frames.All(f => Str(f, "topic") == "order"), Is.True, "only the subscribed topic");
    }
}
