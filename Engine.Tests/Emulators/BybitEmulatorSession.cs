using System.Globalization;
using System.Text;
using System.Text.Json;
using Hft.Exchanges.Bybit.Http;
using Hft.Exchanges.Common;
using Hft.Exchanges.Emulators.Bybit;
using Hft.Exchanges.Emulators.Common;

namespace Hft.Engine.Tests.Emulators;

/// <summary>
/// A Bybit v5 emulator on a free 127.0.0.1 port with a generated market replayed fast, and the clients a test needs:
/// requests signed by the gateway's own signing rules (<see cref="BybitSignature"/>), the admin endpoints, WebSocket helpers.
/// </summary>
internal sealed class BybitEmulatorSession : IAsyncDisposable
{
    private readonly HmacSigner _signer;
    private readonly List<TestSocket> _sockets = new();
    private static readonly Lazy<MarketTape> Tape = new(() => MarketTape.Generated(200_000, 11));

    private BybitEmulatorSession(BybitEmulator emulator, BybitOptions options)
    {
        Emulator = emulator;
        Options = options;
        _signer = new HmacSigner(options.ApiSecret);
        Http = new HttpClient { BaseAddress = emulator.RestBase, Timeout = TimeSpan.FromSeconds(20) };
    }

    public BybitEmulator Emulator { get; }
    public BybitOptions Options { get; }
    public HttpClient Http { get; }
    public HmacSigner Signer => _signer;
    public string Symbol => Emulator.Venue.Symbol.Name;
    public long Now => Options.Clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Starts an emulator; <paramref name="configure"/> changes the test defaults (speed 50).</summary>
    public static async Task<BybitEmulatorSession> StartAsync(Func<BybitOptions, BybitOptions>? configure = null)
    {
        var options = new BybitOptions
        {
            Market = Tape.Value,
            Speed = 50,
            Host = new HostSettings { Port = 0, PingInterval = TimeSpan.FromSeconds(1), PongTimeout = TimeSpan.FromSeconds(5) },
        };
        if (configure is not null) options = configure(options);
        return new BybitEmulatorSession(await BybitEmulator.StartAsync(options), options);
    }

    /// <summary>Sends a request signed as the gateway's transport signs it; <paramref name="timestamp"/> overrides now.</summary>
    public async Task<(int Status, JsonElement Body, HttpResponseMessage Response)> SignedAsync(HttpMethod method, string path, string payload,
        long? timestamp = null, string? key = null, string? signature = null)
    {
        long ts = timestamp ?? Now;
        string apiKey = key ?? Options.ApiKey;
        var request = method == HttpMethod.Get
            ? new HttpRequestMessage(method, path + (payload.Length > 0 ? "?" + payload : ""))
            : new HttpRequestMessage(method, path) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-BAPI-API-KEY", apiKey);
        request.Headers.Add("X-BAPI-TIMESTAMP", ts.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-BAPI-RECV-WINDOW", "5000");
        request.Headers.Add("X-BAPI-SIGN-TYPE", "2");
        request.Headers.Add("X-BAPI-SIGN", signature ?? _signer.Sign(BybitSignature.RestStringToSign(ts, apiKey, 5000, payload)));
        return await SendAsync(request);
    }

    /// <summary>Sends <paramref name="request"/>; the body is parsed when it is a JSON object (a 403 or 503 is plain text or HTML).</summary>
    public async Task<(int Status, JsonElement Body, HttpResponseMessage Response)> SendAsync(HttpRequestMessage request)
    {
        var response = await Http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        var body = text.Length > 0 && text[0] == '{' ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return ((int)response.StatusCode, body, response);
    }

    /// <summary>POSTs a JSON body to a signed endpoint and returns the envelope.</summary>
    public async Task<JsonElement> PostAsync(string path, string json) => (await SignedAsync(HttpMethod.Post, path, json)).Body;

    /// <summary>GETs a signed endpoint and returns the envelope.</summary>
    public async Task<JsonElement> GetAsync(string path, string query) => (await SignedAsync(HttpMethod.Get, path, query)).Body;

    /// <summary>The body of a linear limit order.</summary>
    public string LimitBody(string side, decimal price, string qty, string tif = "GTC", string? linkId = null) =>
        $"{{\"category\":\"linear\",\"symbol\":\"{Symbol}\",\"side\":\"{side}\",\"orderType\":\"Limit\",\"qty\":\"{qty}\",\"price\":\"{Price(price)}\",\"timeInForce\":\"{tif}\""
        + (linkId is null ? "" : $",\"orderLinkId\":\"{linkId}\"") + "}";

    /// <summary>Places a limit order; returns status, envelope and response.</summary>
    public Task<(int Status, JsonElement Body, HttpResponseMessage Response)> LimitAsync(string side, decimal price, string qty, string tif = "GTC", string? linkId = null) =>
        SignedAsync(HttpMethod.Post, "/v5/order/create", LimitBody(side, price, qty, tif, linkId));

    /// <summary>The open orders (<c>/v5/order/realtime</c>) list.</summary>
    public async Task<JsonElement> OpenOrdersAsync(string extra = "")
    {
        var body = await GetAsync("/v5/order/realtime", $"category=linear&symbol={Symbol}{extra}");
        Assert.That(body.GetProperty("retCode").GetInt32(), Is.EqualTo(0), body.ToString());
        return body.GetProperty("result").GetProperty("list");
    }

    /// <summary><c>GET /admin/state</c>.</summary>
    public async Task<JsonElement> StateAsync(int levels = 20)
    {
        using var doc = JsonDocument.Parse(await Http.GetStringAsync($"/admin/state?levels={levels}"));
        return doc.RootElement.Clone();
    }

    /// <summary><c>POST /admin/faults</c>; asserts it was accepted.</summary>
    public async Task<JsonElement> FaultsAsync(string json)
    {
        var (status, body, _) = await SendAsync(new HttpRequestMessage(HttpMethod.Post, "/admin/faults") { Content = new StringContent(json, Encoding.UTF8, "application/json") });
        Assert.That(status, Is.EqualTo(200), body.ToString());
        Assert.That(body.GetProperty("ok").GetBoolean(), Is.True, body.ToString());
        return body;
    }

    public async Task<TestSocket> ConnectAsync(Uri uri)
    {
        var socket = await TestSocket.ConnectAsync(uri);
        _sockets.Add(socket);
        return socket;
    }

    public Task<TestSocket> PublicAsync() => ConnectAsync(Emulator.PublicStream);

    /// <summary>The auth frame for the private stream, expiring <paramref name="expiresInMs"/> from now.</summary>
    public string AuthFrame(long expiresInMs = 5000) => BybitSignature.AuthFrame(Options.ApiKey, _signer, Now + expiresInMs);

    /// <summary>An authenticated private socket subscribed to the four account topics.</summary>
    public async Task<TestSocket> PrivateAsync()
    {
        var socket = await ConnectAsync(Emulator.PrivateStream);
        await socket.SendAsync(AuthFrame());
        var auth = await socket.ReceiveAsync(5000) ?? throw new AssertionException("no auth reply");
        Assert.That(auth.GetProperty("success").GetBoolean(), Is.True, auth.ToString());
        await socket.SendAsync("{\"req_id\":\"s1\",\"op\":\"subscribe\",\"args\":[\"order\",\"execution\",\"position\",\"wallet\"]}");
        var sub = await socket.ReceiveAsync(5000) ?? throw new AssertionException("no subscribe reply");
        Assert.That(sub.GetProperty("success").GetBoolean(), Is.True, sub.ToString());
        return socket;
    }

    /// <summary>A socket on <c>/v5/trade</c>, authenticated with <see cref="AuthFrame"/> unless <paramref name="authenticate"/> is false.</summary>
    public async Task<TestSocket> TradeAsync(bool authenticate = true)
    {
        var socket = await ConnectAsync(Emulator.TradeStream);
        if (!authenticate) return socket;
        await socket.SendAsync(AuthFrame());
        var auth = await socket.ReceiveAsync(5000) ?? throw new AssertionException("no auth reply");
        Assert.That(auth.GetProperty("retCode").GetInt32(), Is.EqualTo(0), auth.ToString());
        return socket;
    }

    /// <summary>A <c>/v5/trade</c> request: <c>{"reqId"?,"header":{timestamp, recv window},"op","args":[<paramref name="item"/>]}</c>.</summary>
    public string TradeRequest(string op, string item, string? reqId = null, long? timestamp = null) =>
        "{" + (reqId is null ? "" : $"\"reqId\":\"{reqId}\",")
        + $"\"header\":{{\"X-BAPI-TIMESTAMP\":\"{(timestamp ?? Now).ToString(CultureInfo.InvariantCulture)}\",\"X-BAPI-RECV-WINDOW\":\"8000\"}},"
        + $"\"op\":\"{op}\",\"args\":[{item}]}}";

    /// <summary>Best bid and ask prices now (waits until the replay has both sides).</summary>
    public async Task<(decimal Bid, decimal Ask)> TopAsync()
    {
        for (int i = 0; i < 500; i++)
        {
            var v = Emulator.Venue;
            lock (v.Gate)
            {
                if (v.Book.BestBid is { } b && v.Book.BestAsk is { } a) return (v.Symbol.PriceOf(b.Tick), v.Symbol.PriceOf(a.Tick));
            }
            await Task.Delay(20);
        }
        throw new AssertionException("the book never had both sides");
    }

    /// <summary>Waits for a frame of <paramref name="topic"/> matching <paramref name="match"/>, skipping others.</summary>
    public static async Task<JsonElement> WaitTopicAsync(TestSocket socket, string topic, Func<JsonElement, bool>? match = null, int timeoutMs = 10000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (Environment.TickCount64 < deadline)
        {
            var f = await socket.ReceiveAsync((int)Math.Max(1, deadline - Environment.TickCount64));
            if (f is not { } frame) break;
            if (frame.TryGetProperty("topic", out var t) && t.GetString() == topic && (match is null || match(frame))) return frame;
        }
        throw new AssertionException($"no {topic} frame within {timeoutMs} ms");
    }

    /// <summary>The next frame that is not a topic message (a control reply), skipping topic messages.</summary>
    public static async Task<JsonElement> ReplyAsync(TestSocket socket, int timeoutMs = 5000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (Environment.TickCount64 < deadline)
        {
            var f = await socket.ReceiveAsync((int)Math.Max(1, deadline - Environment.TickCount64));
            if (f is not { } frame) break;
            if (!frame.TryGetProperty("topic", out _)) return frame;
        }
        throw new AssertionException($"no control reply within {timeoutMs} ms");
    }

    public static string Price(decimal p) => p.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        foreach (var s in _sockets) s.Abort();
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}
