using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hft.Engine.Tests.Emulators;

/// <summary>
/// Mutated requests at the Bybit emulator's handlers (JSON fields missing, of the wrong type, huge, negative, not numbers,
/// wrongly nested; bodies that are not JSON; junk control frames on both streams): every answer is a Bybit envelope with
/// a retCode, never a server error, and the emulator goes on serving.
/// </summary>
public sealed class BybitEmulatorRequestFuzzTests
{
    private static readonly JsonNode?[] Values =
        ["", "x", "-1", "0", "1e400", "99999999999999999999999999", "NaN", "1.2.3", "Buy", "Limit", "PostOnly", 7, -3.5, true, null,
            new JsonArray(), new JsonObject { ["nested"] = 1 }];
    private static readonly string[] Names = ["category", "symbol", "side", "orderType", "qty", "price", "timeInForce", "orderLinkId", "orderId", "reduceOnly", "positionIdx"];

    [TestCase(1)]
    [TestCase(2)]
    public async Task Mutated_order_requests_get_venue_errors_not_server_errors(int seed)
    {
        await using var s = await BybitEmulatorSession.StartAsync();
        var random = new Random(seed);
        string[] posts = ["/v5/order/create", "/v5/order/amend", "/v5/order/cancel", "/v5/order/cancel-all"];
        string[] gets = ["/v5/order/realtime", "/v5/order/history", "/v5/position/list", "/v5/account/wallet-balance", "/v5/market/instruments-info"];
        int refused = 0;
        for (int i = 0; i < 150; i++)
        {
            var body = new JsonObject
            {
                ["category"] = "linear", ["symbol"] = "SIMUSDT", ["side"] = "Buy", ["orderType"] = "Limit", ["qty"] = "0.01", ["price"] = "100.00",
                ["timeInForce"] = "GTC", ["orderLinkId"] = $"fuzz-{seed}-{i}",
            };
            for (int c = random.Next(1, 4); c > 0; c--)
            {
                string name = Names[random.Next(Names.Length)];
                if (random.Next(3) == 0) body.Remove(name);
                else body[name] = Values[random.Next(Values.Length)]?.DeepClone();
            }
            bool get = random.Next(3) == 0;
            string payload = get
                ? string.Join('&', body.Where(kv => kv.Value is JsonValue).Select(kv => kv.Key + "=" + Uri.EscapeDataString(kv.Value!.ToJsonString().Trim('"'))))
                : random.Next(10) == 0 ? body.ToJsonString()[..^1] : body.ToJsonString();
            string path = get ? gets[random.Next(gets.Length)] : posts[random.Next(posts.Length)];
            var (status, answer, _) = await s.SignedAsync(get ? HttpMethod.Get : HttpMethod.Post, path, payload);
            string what = $"{(get ? "GET" : "POST")} {path} {payload}: {status} {answer}";
            Assert.That(status, Is.LessThan(500), what);
            Assert.That(answer.ValueKind, Is.EqualTo(JsonValueKind.Object), what);
            Assert.That(answer.TryGetProperty("retCode", out var code), Is.True, what);
            if (code.GetInt32() != 0) refused++;
        }
        Assert.That(refused, Is.GreaterThan(20), "the mutations were refused as the venue refuses them");
        var (alive, time, _) = await s.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v5/market/time"));
        Assert.That(alive, Is.EqualTo(200), time.ToString());
    }

    [Test]
    public async Task Junk_control_frames_get_error_replies_and_both_sockets_stay_usable()
    {
        await using var s = await BybitEmulatorSession.StartAsync();
        string[] junk = ["{", "[]", "42", "\"subscribe\"", """{"op":"subscribe"}""", """{"op":"subscribe","args":"orderbook.50.SIMUSDT"}""",
            """{"op":"subscribe","args":[7,{}]}""", """{"op":"nope","req_id":"2"}""", """{"op":{"nested":true},"args":[]}""",
            """{"op":"auth","args":["k",1]}""", new string('x', 10_000)];
        var market = await s.PublicAsync();
        foreach (var frame in junk) await market.SendAsync(frame);
        await market.SendAsync($$"""{"req_id":"ok","op":"subscribe","args":["orderbook.50.{{s.Symbol}}"]}""");
        var frameOk = await BybitEmulatorSession.WaitTopicAsync(market, $"orderbook.50.{s.Symbol}");
        Assert.That(frameOk.GetProperty("type").GetString(), Is.EqualTo("snapshot"), "after the junk, a good subscription is still served");
        Assert.That(market.State, Is.EqualTo(WebSocketState.Open));

        var account = await s.ConnectAsync(s.Emulator.PrivateStream);
        foreach (var frame in junk) await account.SendAsync(frame);
        await account.SendAsync(s.AuthFrame());
        JsonElement? auth = null;
        for (int i = 0; i < junk.Length + 5 && auth is null; i++)
        {
            var reply = await BybitEmulatorSession.ReplyAsync(account);
            if (reply.TryGetProperty("op", out var op) && op.ValueKind == JsonValueKind.String && op.GetString() == "auth" && reply.GetProperty("success").GetBoolean()) auth = reply;
        }
        Assert.That(auth, Is.Not.Null, "after the junk, a good auth is still answered");
        Assert.That(account.State, Is.EqualTo(WebSocketState.Open));
    }
}
