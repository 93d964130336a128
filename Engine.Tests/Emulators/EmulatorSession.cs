using System.Globalization;
using System.Text;
using System.Text.Json;
using Hft.Exchanges.Common;
using Hft.Exchanges.Emulators;
using Hft.Exchanges.Emulators.BinanceFutures;
using Hft.Exchanges.Emulators.Common;

namespace Hft.Engine.Tests.Emulators;

/// <summary>
/// A Binance futures emulator on a free 127.0.0.1 port with a generated market replayed fast, and the clients a
/// test needs: an <see cref="HttpClient"/>, signed requests with the emulator's key pair, WebSocket helpers.
/// </summary>
internal sealed class EmulatorSession : IAsyncDisposable
{
    private readonly HmacSigner _signer;
    private readonly List<TestSocket> _sockets = new();

    private EmulatorSession(BinanceFuturesEmulator emulator, BinanceFuturesOptions options)
    {
        Emulator = emulator;
        Options = options;
        _signer = new HmacSigner(options.ApiSecret);
        Http = new HttpClient { BaseAddress = emulator.RestBase, Timeout = TimeSpan.FromSeconds(20) };
        Http.DefaultRequestHeaders.Add("X-MBX-APIKEY", options.ApiKey);
    }

    private static readonly Lazy<MarketTape> Tape = new(() => MarketTape.Generated(200_000, 7));

    public BinanceFuturesEmulator Emulator { get; }
    public BinanceFuturesOptions Options { get; }
    public HttpClient Http { get; }

    /// <summary>Starts an emulator; <paramref name="configure"/> changes the test defaults (speed 50, short intervals).</summary>
    public static async Task<EmulatorSession> StartAsync(Func<BinanceFuturesOptions, BinanceFuturesOptions>? configure = null)
    {
        var options = new BinanceFuturesOptions
        {
            Market = Tape.Value,
            Speed = 50,
            Host = new HostSettings { Port = 0, PingInterval = TimeSpan.FromSeconds(1), PongTimeout = TimeSpan.FromSeconds(5) },
            MaxIncomingMessagesPerSecond = 50,
        };
        if (configure is not null) options = configure(options);
        var emulator = await BinanceFuturesEmulator.StartAsync(options);
        return new EmulatorSession(emulator, options);
    }

    public long Now => Options.Clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Sends a signed request with the parameters in the query string (timestamp and signature added).</summary>
    public async Task<(int Status, JsonElement Body, HttpResponseMessage Response)> SignedAsync(HttpMethod method, string path, string parameters)
    {
        string query = (parameters.Length > 0 ? parameters + "&" : "") + "timestamp=" + Now.ToString(CultureInfo.InvariantCulture);
        query += "&signature=" + _signer.Sign(query);
        return await SendAsync(new HttpRequestMessage(method, path + "?" + query));
    }

    public async Task<(int Status, JsonElement Body, HttpResponseMessage Response)> SendAsync(HttpRequestMessage request)
    {
        var response = await Http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return ((int)response.StatusCode, body, response);
    }

    public Task<(int Status, JsonElement Body, HttpResponseMessage Response)> GetAsync(string pathAndQuery) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, pathAndQuery));

    /// <summary>Places a limit order; returns the answer.</summary>
    public Task<(int Status, JsonElement Body, HttpResponseMessage Response)> LimitAsync(string side, string price, string quantity, string tif = "GTC", string? clientId = null) =>
        SignedAsync(HttpMethod.Post, "/fapi/v1/order",
            $"symbol=SIMUSDT&side={side}&type=LIMIT&timeInForce={tif}&quantity={quantity}&price={price}" + (clientId is null ? "" : $"&newClientOrderId={clientId}"));

    /// <summary>The emulator's published book top (from <c>/admin/state</c>).</summary>
    public async Task<JsonElement> StateAsync(int levels = 20) => (await GetAsync($"/admin/state?levels={levels}")).Body;

    public async Task<JsonElement> FaultsAsync(string json)
    {
        var (status, body, _) = await SendAsync(new HttpRequestMessage(HttpMethod.Post, "/admin/faults") { Content = new StringContent(json, Encoding.UTF8, "application/json") });
        Assert.That(status, Is.EqualTo(200), body.ToString());
        return body;
    }

    public async Task<string> ListenKeyAsync()
    {
        var (status, body, _) = await SendAsync(new HttpRequestMessage(HttpMethod.Post, "/fapi/v1/listenKey"));
        Assert.That(status, Is.EqualTo(200), body.ToString());
        return body.GetProperty("listenKey").GetString()!;
    }

    public async Task<TestSocket> ConnectAsync(string pathAndQuery)
    {
        var ws = await TestSocket.ConnectAsync(new Uri(Emulator.StreamBase, pathAndQuery));
        _sockets.Add(ws);
        return ws;
    }

    public static Task SendAsync(TestSocket ws, string json) => ws.SendAsync(json);

    /// <summary>The next frame as JSON, or null if none arrives within <paramref name="timeoutMs"/> (or the socket ended).</summary>
    public static Task<JsonElement?> ReceiveAsync(TestSocket ws, int timeoutMs = 5000) => ws.ReceiveAsync(timeoutMs);

    /// <summary>Frames until one satisfies <paramref name="match"/> (skipping others), or null on time-out.</summary>
    public static async Task<JsonElement?> ReceiveUntilAsync(TestSocket ws, Func<JsonElement, bool> match, int timeoutMs = 10000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (Environment.TickCount64 < deadline)
        {
            var frame = await ws.ReceiveAsync((int)Math.Max(1, deadline - Environment.TickCount64));
            if (frame is null) return null;
            if (match(frame.Value)) return frame;
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var ws in _sockets) ws.Abort();
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}

/// <summary>A clock pinned at one instant (signature vectors carry 2020 timestamps).</summary>
internal sealed class PinnedClock(long unixMs) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
}
