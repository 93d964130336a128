using System.Text;
using Hft.Engine.Tests.Conversion;
using Hft.Exchanges.Emulators.Common;

namespace Hft.Engine.Tests.Emulators;

/// <summary>Signed requests: the published signing vectors are accepted, tampered ones get -1022, stale ones -1021.</summary>
[TestFixture]
public sealed class BinanceFuturesSignatureTests
{
    private const long VectorTimestamp = 1591702613943;

    private static Dictionary<string, string> Vectors()
    {
        // Lines "name = value"; later vectors reuse the names, so keep each vector's payload and signature in order.
        string text = ExchangeFixtures.Require("binance-futures/signature-vector.txt");
        var values = new Dictionary<string, string>();
        int vector = 0;
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.Trim();
            if (line.StartsWith("## Vector ", StringComparison.Ordinal)) vector = line[10] - '0';
            int eq = line.IndexOf(" = ", StringComparison.Ordinal);
            if (eq < 0 || line.StartsWith('#')) continue;
            string key = line[..eq].Trim();
            string value = line[(eq + 3)..].Trim();
            int space = value.IndexOf(' ');
            if (space > 0) value = value[..space];
            values[vector == 0 ? key : $"{vector}.{key}"] = value;
        }
        return values;
    }

    private static Task<EmulatorSession> StartWithVectorKeys(Dictionary<string, string> v, long clockMs) =>
        EmulatorSession.StartAsync(o => o with
        {
            ApiKey = v["apiKey"], ApiSecret = v["secretKey"], Symbol = "BTCUSDT", Clock = new PinnedClock(clockMs),
        });

    private static HttpRequestMessage Request(HttpMethod method, string apiKey, string? query, string? body)
    {
        var request = new HttpRequestMessage(method, "/fapi/v1/order" + (query is null ? "" : "?" + query));
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded");
        request.Headers.Add("X-MBX-APIKEY", apiKey);
        return request;
    }

    [Test]
    public async Task Published_vectors_are_accepted_in_query_body_and_mixed_form()
    {
        var v = Vectors();
        await using var s = await StartWithVectorKeys(v, VectorTimestamp + 100);
        s.Http.DefaultRequestHeaders.Remove("X-MBX-APIKEY");
        string key = v["apiKey"];

        var (status1, body1, _) = await s.SendAsync(Request(HttpMethod.Post, key, v["1.payload"] + "&signature=" + v["1.signature"], null));
        Assert.That(status1, Is.EqualTo(200), body1.ToString());
        Assert.That(body1.GetProperty("symbol").GetString(), Is.EqualTo("BTCUSDT"));

        var (status2, body2, _) = await s.SendAsync(Request(HttpMethod.Post, key, null, v["2.payload"] + "&signature=" + v["2.signature"]));
        Assert.That(status2, Is.EqualTo(200), body2.ToString());

        var (status3, body3, _) = await s.SendAsync(Request(HttpMethod.Post, key, v["3.query"], v["3.body"] + "&signature=" + v["3.signature"]));
        Assert.That(status3, Is.EqualTo(200), body3.ToString());

        var (status4, body4, _) = await s.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/fapi/v1/openOrders?" + v["4.payload"] + "&signature=" + v["4.signature"])
        {
            Headers = { { "X-MBX-APIKEY", key } },
        });
        Assert.That(status4, Is.EqualTo(200), body4.ToString());

        // Vector 5 signs a cancel of an order that does not exist: the signature passes, the order does not.
        var (status5, body5, _) = await s.SendAsync(Request(HttpMethod.Delete, key, null, v["5.payload"] + "&signature=" + v["5.signature"]));
        Assert.That(body5.GetProperty("code").GetInt32(), Is.EqualTo(-2011), body5.ToString());
        Assert.That(body5.GetProperty("msg").GetString(), Is.EqualTo("Unknown order sent."));
        Assert.That(status5, Is.EqualTo(400));
    }

    [Test]
    public async Task Tampered_requests_get_minus_1022_and_stale_ones_minus_1021()
    {
        var v = Vectors();
        string key = v["apiKey"];
        await using (var s = await StartWithVectorKeys(v, VectorTimestamp + 100))
        {
            s.Http.DefaultRequestHeaders.Remove("X-MBX-APIKEY");
            string tampered = v["1.payload"].Replace("quantity=1", "quantity=2", StringComparison.Ordinal);
            var (status, body, _) = await s.SendAsync(Request(HttpMethod.Post, key, tampered + "&signature=" + v["1.signature"], null));
            Assert.That((status, body.GetProperty("code").GetInt32()), Is.EqualTo((400, -1022)), body.ToString());

            // The mixed form signed as if an '&' joined query and body is wrong (the page's typo).
            string wrong = new Hft.Exchanges.Common.HmacSigner(v["secretKey"]).Sign(v["3.query"] + "&" + v["3.body"]);
            (status, body, _) = await s.SendAsync(Request(HttpMethod.Post, key, v["3.query"], v["3.body"] + "&signature=" + wrong));
            Assert.That(body.GetProperty("code").GetInt32(), Is.EqualTo(-1022));

            (status, body, _) = await s.SendAsync(Request(HttpMethod.Post, "not-the-key", v["1.payload"] + "&signature=" + v["1.signature"], null));
            Assert.That((status, body.GetProperty("code").GetInt32()), Is.EqualTo((401, -2015)));
            (status, body, _) = await s.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/fapi/v1/order?" + v["1.payload"] + "&signature=" + v["1.signature"]));
            Assert.That(body.GetProperty("code").GetInt32(), Is.EqualTo(-2014));
        }
        // The same valid request 6 s later is outside its 5000 ms recvWindow; 2 s early is too far ahead.
        foreach (long clock in new[] { VectorTimestamp + 6000, VectorTimestamp - 2000 })
        {
            await using var s = await StartWithVectorKeys(v, clock);
            var (status, body, _) = await s.SendAsync(Request(HttpMethod.Post, key, v["1.payload"] + "&signature=" + v["1.signature"], null));
            Assert.That((status, body.GetProperty("code").GetInt32()), Is.EqualTo((400, -1021)), body.ToString());
        }
    }

    [Test]
    public async Task A_request_without_signature_or_timestamp_gets_minus_1102()
    {
        await using var s = await EmulatorSession.StartAsync();
        var (_, body, _) = await s.GetAsync("/fapi/v1/openOrders?timestamp=" + s.Now);
        Assert.That(body.GetProperty("code").GetInt32(), Is.EqualTo(-1102));
        (_, body, _) = await s.GetAsync("/fapi/v1/openOrders");
        Assert.That(body.GetProperty("code").GetInt32(), Is.EqualTo(-1102));
    }

    [Test]
    public void Fault_option_syntax_parses_and_refuses_bad_keys()
    {
        var f = FaultSchedule.Parse("gap=0.01,dup=0.005,reorder=0.002,disconnect=0.0001,stale=0.001:250,slow=20,error=0.1:timeout,ratelimit=0.05");
        Assert.That((f.Gap, f.Duplicate, f.Reorder, f.Disconnect, f.Stale, f.StaleMs, f.SlowMs, f.RestError, f.RestErrorKind, f.RateLimit),
            Is.EqualTo((0.01, 0.005, 0.002, 0.0001, 0.001, 250, 20, 0.1, RestFailureKind.Timeout, 0.05)));
        Assert.That(FaultSchedule.Parse(f.ToString()), Is.EqualTo(f));
        Assert.Throws<ArgumentException>(() => FaultSchedule.Parse("gaps=0.1"));
        Assert.Throws<ArgumentException>(() => FaultSchedule.Parse("gap=2"));
        Assert.Throws<ArgumentException>(() => FaultSchedule.Parse("error=0.1:sometimes"));
    }
}
