using System.Net.WebSockets;
using System.Text;

namespace Hft.Engine.Tests.Emulators;

/// <summary>
/// Mutated requests at the futures emulator's handlers (parameters missing, repeated, of the wrong type, huge,
/// negative or not numbers at all; junk and wrongly nested control frames on the streams): every answer is a venue error
/// in JSON, never a server error, and the emulator goes on serving.
/// </summary>
public sealed class EmulatorRequestFuzzTests
{
    private static readonly string[] Values = ["", "x", "-1", "0", "1e400", "99999999999999999999999999", "NaN", "1.2.3", "%00", "０", "BUY", "LIMIT", "GTX", "[]", "{}", "null"];
    private static readonly string[] Names = ["symbol", "side", "type", "timeInForce", "quantity", "price", "newClientOrderId", "origClientOrderId", "orderId", "recvWindow", "reduceOnly"];

    [TestCase(1)]
    [TestCase(2)]
    public async Task Mutated_order_requests_get_venue_errors_not_server_errors(int seed)
    {
        await using var s = await EmulatorSession.StartAsync();
        var random = new Random(seed);
        var methods = new[] { HttpMethod.Post, HttpMethod.Delete, HttpMethod.Put, HttpMethod.Get };
        string[] paths = ["/fapi/v1/order", "/fapi/v1/allOpenOrders", "/fapi/v1/openOrders", "/fapi/v3/positionRisk", "/fapi/v1/depth", "/fapi/v1/listenKey"];
        int refused = 0;
        for (int i = 0; i < 150; i++)
        {
            var parameters = new List<string> { "symbol=SIMUSDT", "side=BUY", "type=LIMIT", "timeInForce=GTC", "quantity=0.01", "price=100.00" };
            int changes = random.Next(1, 4);
            for (int c = 0; c < changes; c++)
            {
                switch (random.Next(3))
                {
                    case 0 when parameters.Count > 0: parameters.RemoveAt(random.Next(parameters.Count)); break;
                    case 1: parameters.Add($"{Names[random.Next(Names.Length)]}={Uri.EscapeDataString(Values[random.Next(Values.Length)])}"); break;
                    default:
                        if (parameters.Count > 0)
                        {
                            int k = random.Next(parameters.Count);
                            parameters[k] = parameters[k][..(parameters[k].IndexOf('=') + 1)] + Uri.EscapeDataString(Values[random.Next(Values.Length)]);
                        }
                        break;
                }
            }
            var method = methods[random.Next(methods.Length)];
            string path = paths[random.Next(paths.Length)];
            var (status, body, _) = await s.SignedAsync(method, path, string.Join('&', parameters));
            Assert.That(status, Is.LessThan(500), $"{method} {path}?{string.Join('&', parameters)}: {body}");
            if (status >= 400)
            {
                refused++;
                Assert.That(body.TryGetProperty("code", out _), Is.True, $"a venue error has a code: {body}");
            }
        }
        Assert.That(refused, Is.GreaterThan(20), "the mutations were refused as the venue refuses them");
        var (alive, _, _) = await s.GetAsync("/fapi/v1/time");
        Assert.That(alive, Is.EqualTo(200));
    }

    [Test]
    public async Task Junk_control_frames_get_error_replies_and_the_socket_stays_usable()
    {
        await using var s = await EmulatorSession.StartAsync(o => o with { MaxIncomingMessagesPerSecond = 0 });
        var ws = await s.ConnectAsync("/public/ws");
        string[] junk = ["{", "[]", "42", "\"SUBSCRIBE\"", """{"method":"SUBSCRIBE"}""", """{"method":"SUBSCRIBE","params":"simusdt@depth","id":1}""",
            """{"method":"SUBSCRIBE","params":[7],"id":{}}""", """{"method":"NOPE","id":2}""", """{"method":"SET_PROPERTY","params":["combined","yes"],"id":3}""",
            """{"method":{"nested":true},"params":[],"id":4}""", new string('x', 10_000)];
        foreach (var frame in junk) await EmulatorSession.SendAsync(ws, frame);
        await EmulatorSession.SendAsync(ws, """{"method":"SUBSCRIBE","params":["simusdt@depth@0ms"],"id":99}""");
        var ack = await EmulatorSession.ReceiveUntilAsync(ws, f => f.TryGetProperty("id", out var id) && id.ValueKind == System.Text.Json.JsonValueKind.Number && id.GetInt32() == 99);
        Assert.That(ack, Is.Not.Null, "after the junk, a good subscription is still answered");
        Assert.That(ws.State, Is.EqualTo(WebSocketState.Open));
    }
}
