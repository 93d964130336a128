using System.Text.Json;
using System.Text.RegularExpressions;
using Hft.Engine.Tests.Conversion;
using Hft.Exchanges.Emulators.Bybit;

namespace Hft.Engine.Tests.Emulators;

/// <summary>
/// The Bybit emulator's REST authentication (exchange-protocols 3.4.1): the locally computed vectors of
/// <c>bybit/signature-vector.txt</c>, the recv-window rule, key and signature errors with their codes, the public endpoints.
/// </summary>
[TestFixture]
public sealed class BybitEmulatorSigningTests
{
    private const string VectorFile = "bybit/signature-vector.txt";

    private static string Vector(string text, string name)
    {
        int start = text.IndexOf("\n" + name + " ", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"vector {name} not in {VectorFile}");
        var m = Regex.Match(text[start..], @"(?:X-BAPI-SIGN|signature)\s+=\s+([0-9a-f]{64})");
        Assert.That(m.Success, Is.True, $"vector {name} has no signature");
        return m.Groups[1].Value;
    }

    private static Task<BybitEmulatorSession> VectorVenue(long nowMs) => BybitEmulatorSession.StartAsync(o => o with
    {
        ApiKey = "XXXXXXXXXX", ApiSecret = new string('Y', 36), Symbol = "BTCUSDT", TickSize = 0.1, LotSize = 0.001,
        Clock = new PinnedClock(nowMs),
    });

    [Test]
    public async Task The_vectors_B1_B2_B3_are_accepted_and_a_reserialised_body_under_the_old_signature_is_refused()
    {
        string text = ExchangeFixtures.Require(VectorFile);
        await using (var s = await VectorVenue(1672219525810 + 200))
        {
            var (status, body, response) = await s.SignedAsync(HttpMethod.Get, "/v5/order/realtime", "category=linear&symbol=BTCUSDT",
                timestamp: 1672219525810, signature: Vector(text, "B1"));
            Assert.That(status, Is.EqualTo(200));
            Assert.That(body.GetProperty("retCode").GetInt32(), Is.EqualTo(0), body.ToString());
            Assert.That(body.GetProperty("result").GetProperty("list").GetArrayLength(), Is.EqualTo(0));
            // Query endpoints have their own budget of 50 per second.
            Assert.That(response.Headers.GetValues("X-Bapi-Limit").Single(), Is.EqualTo("50"));
            Assert.That(response.Headers.GetValues("X-Bapi-Limit-Status").Single(), Is.EqualTo("49"));
        }
        await using (var s = await VectorVenue(1672211928338 + 200))
        {
            const string body2 = "{\"category\":\"linear\",\"symbol\":\"BTCUSDT\",\"side\":\"Buy\",\"positionIdx\":0,\"orderType\":\"Limit\",\"qty\":\"0.001\",\"price\":\"18900\",\"timeInForce\":\"GTC\"}";
            const string body3 = "{\"category\": \"linear\", \"symbol\": \"BTCUSDT\", \"side\": \"Buy\", \"positionIdx\": 0, \"orderType\": \"Limit\", \"qty\": \"0.001\", \"price\": \"18900\", \"timeInForce\": \"GTC\"}";
            var (_, ok, _) = await s.SignedAsync(HttpMethod.Post, "/v5/order/create", body2, timestamp: 1672211928338, signature: Vector(text, "B2"));
            Assert.That(ok.GetProperty("retCode").GetInt32(), Is.EqualTo(0), ok.ToString());
            Assert.That(ok.GetProperty("result").GetProperty("orderId").GetString(), Is.Not.Empty);
            // B2's signature over B3's bytes: the server verifies the bytes it received.
            var (_, bad, _) = await s.SignedAsync(HttpMethod.Post, "/v5/order/create", body3, timestamp: 1672211928338, signature: Vector(text, "B2"));
            Assert.That(bad.GetProperty("retCode").GetInt32(), Is.EqualTo(10004), bad.ToString());
            Assert.That(bad.GetProperty("retMsg").GetString(), Does.StartWith("error sign!"));
            var (_, good3, _) = await s.SignedAsync(HttpMethod.Post, "/v5/order/create", body3, timestamp: 1672211928338, signature: Vector(text, "B3"));
            Assert.That(good3.GetProperty("retCode").GetInt32(), Is.EqualTo(0), good3.ToString());
            Assert.That(good3.GetProperty("result").GetProperty("orderId").GetString(), Is.Not.EqualTo(ok.GetProperty("result").GetProperty("orderId").GetString()));

            var report = s.Emulator.Report();
            Assert.That(report.OrdersReceived, Is.EqualTo(3));
            Assert.That(report.OrdersRejected, Is.EqualTo(new Dictionary<string, long> { ["10004"] = 1 }));
            lock (s.Emulator.Venue.Gate) Assert.That(s.Emulator.Venue.Orders, Has.Count.EqualTo(2), "the refused request created no order");
        }
    }

    [Test]
    public async Task The_ws_auth_vector_B4_is_accepted_on_the_private_stream()
    {
        string text = ExchangeFixtures.Require(VectorFile);
        await using var s = await VectorVenue(1711010121452 - 1000);
        var ws = await s.ConnectAsync(s.Emulator.PrivateStream);
        // expires as a JSON number, as in the docs and in vector B4's frame.
        await ws.SendAsync($"{{\"op\":\"auth\",\"args\":[\"XXXXXXXXXX\",1711010121452,\"{Vector(text, "B4")}\"]}}");
        var reply = await BybitEmulatorSession.ReplyAsync(ws);
        Assert.That(reply.GetProperty("success").GetBoolean(), Is.True, reply.ToString());
        Assert.That(reply.GetProperty("op").GetString(), Is.EqualTo("auth"));
        // One character off: refused.
        var other = await s.ConnectAsync(s.Emulator.PrivateStream);
        await other.SendAsync($"{{\"op\":\"auth\",\"args\":[\"XXXXXXXXXX\",1711010121453,\"{Vector(text, "B4")}\"]}}");
        var refused = await BybitEmulatorSession.ReplyAsync(other);
        Assert.That(refused.GetProperty("success").GetBoolean(), Is.False, refused.ToString());
    }

    [Test]
    public async Task Timestamp_outside_recv_window_key_and_signature_errors_have_their_codes()
    {
        await using var s = await BybitEmulatorSession.StartAsync();
        string q = $"category=linear&symbol={s.Symbol}";
        var (_, old, _) = await s.SignedAsync(HttpMethod.Get, "/v5/order/realtime", q, timestamp: s.Now - 6000);
        Assert.That(old.GetProperty("retCode").GetInt32(), Is.EqualTo(10002), old.ToString());
        var (_, future, _) = await s.SignedAsync(HttpMethod.Get, "/v5/order/realtime", q, timestamp: s.Now + 2000);
        Assert.That(future.GetProperty("retCode").GetInt32(), Is.EqualTo(10002), future.ToString());
        var (keyStatus, key, _) = await s.SignedAsync(HttpMethod.Get, "/v5/order/realtime", q, key: "someone-else");
        Assert.That((keyStatus, key.GetProperty("retCode").GetInt32()), Is.EqualTo((200, 10003)), key.ToString());
        var (signStatus, sign, _) = await s.SignedAsync(HttpMethod.Get, "/v5/order/realtime", q, signature: new string('0', 64));
        Assert.That((signStatus, sign.GetProperty("retCode").GetInt32()), Is.EqualTo((200, 10004)), sign.ToString());
        Assert.That(sign.GetProperty("retMsg").GetString(), Does.StartWith("error sign!"));
        Assert.That(sign.GetProperty("result").EnumerateObject().Count(), Is.EqualTo(0), "an error's result is {}");

        // No auth headers at all: HTTP 401.
        var (bare, _, _) = await s.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v5/order/realtime?" + q));
        Assert.That(bare, Is.EqualTo(401));

        // A create with a bad signature is refused and counted under its code; nothing is created.
        var (_, badCreate, _) = await s.SignedAsync(HttpMethod.Post, "/v5/order/create", s.LimitBody("Buy", 100m, "0.10"), signature: new string('a', 64));
        Assert.That(badCreate.GetProperty("retCode").GetInt32(), Is.EqualTo(10004), badCreate.ToString());

        var (_, fine, response) = await s.SignedAsync(HttpMethod.Get, "/v5/order/realtime", q);
        Assert.That(fine.GetProperty("retCode").GetInt32(), Is.EqualTo(0), fine.ToString());
        Assert.That(fine.GetProperty("retMsg").GetString(), Is.EqualTo("OK"));
        Assert.That(fine.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "retCode", "retMsg", "result", "retExtInfo", "time" }));
        Assert.That(fine.GetProperty("retExtInfo").ValueKind, Is.EqualTo(JsonValueKind.Object));
        Assert.That(response.Headers.Contains("X-Bapi-Limit-Reset-Timestamp"), Is.True);

        var summary = (await s.StateAsync()).GetProperty("summary");
        Assert.That(summary.GetProperty("orders_received").GetInt64(), Is.EqualTo(1));
        Assert.That(summary.GetProperty("orders_rejected").GetProperty("10004").GetInt64(), Is.EqualTo(1));
        Assert.That(summary.GetProperty("open_orders").GetInt64(), Is.EqualTo(0));
    }

    [Test]
    public async Task Market_time_and_instruments_are_public_and_in_the_venue_shape()
    {
        await using var s = await BybitEmulatorSession.StartAsync();
        var (status, time, _) = await s.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v5/market/time"));
        Assert.That(status, Is.EqualTo(200));
        var result = time.GetProperty("result");
        Assert.That(long.Parse(result.GetProperty("timeNano").GetString()!) / 1_000_000_000, Is.EqualTo(long.Parse(result.GetProperty("timeSecond").GetString()!)));
        Assert.That(Math.Abs(long.Parse(result.GetProperty("timeSecond").GetString()!) - DateTimeOffset.UtcNow.ToUnixTimeSeconds()), Is.LessThan(60));
        var (_, info, _) = await s.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/v5/market/instruments-info?category=linear&symbol={s.Symbol}"));
        Assert.That(info.GetProperty("retCode").GetInt32(), Is.EqualTo(0), info.ToString());
        var item = info.GetProperty("result").GetProperty("list")[0];
        Assert.That(item.GetProperty("symbol").GetString(), Is.EqualTo("SIMUSDT"));
        Assert.That(item.GetProperty("status").GetString(), Is.EqualTo("Trading"));
        Assert.That(item.GetProperty("priceFilter").GetProperty("tickSize").GetString(), Is.EqualTo("0.01"));
        Assert.That(item.GetProperty("lotSizeFilter").GetProperty("qtyStep").GetString(), Is.EqualTo("0.01"));
        Assert.That(item.GetProperty("lotSizeFilter").GetProperty("minNotionalValue").GetString(), Is.EqualTo("5"));
        var (_, none, _) = await s.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v5/market/instruments-info?category=linear&symbol=NOPEUSDT"));
        Assert.That(none.GetProperty("result").GetProperty("list").GetArrayLength(), Is.EqualTo(0));
        var (notFound, route, _) = await s.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v5/no/such/route"));
        Assert.That((notFound, route.GetProperty("retCode").GetInt32()), Is.EqualTo((404, 10017)));
        Assert.That(BybitOptions.DefaultPort, Is.EqualTo(18093));
    }
}
