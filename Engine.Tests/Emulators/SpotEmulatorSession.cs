using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Hft.Exchanges.Common;
using Hft.Exchanges.Emulators;
using Hft.Exchanges.Emulators.BinanceSpot;
using Hft.Exchanges.Emulators.Common;

namespace Hft.Engine.Tests.Emulators;

/// <summary>
/// A Binance spot emulator on 127.0.0.1 (port 0) replaying a generated market, with a signing HTTP client and
/// WebSocket helpers for the tests.
/// </summary>
internal sealed class SpotEmulatorSession : IAsyncDisposable
{
    private static readonly Lazy<MarketTape> Tape = new(() => MarketTape.Generated(40_000, 7, meanGapNanos: 10_000_000, moveTicks: 4));
    private readonly List<ClientWebSocket> _sockets = new();

    private SpotEmulatorSession(BinanceSpotEmulator emulator, string apiKey, string apiSecret)
    {
        Emulator = emulator;
        ApiKey = apiKey;
        Signer = new HmacSigner(apiSecret);
        Http = new HttpClient { BaseAddress = emulator.RestBase, Timeout = TimeSpan.FromSeconds(20) };
    }

    public BinanceSpotEmulator Emulator { get; }
    public HttpClient Http { get; }
    public string ApiKey { get; }
    public HmacSigner Signer { get; }

    /// <summary>Starts an emulator; <paramref name="configure"/> changes the test defaults.</summary>
    public static async Task<SpotEmulatorSession> StartAsync(Func<BinanceSpotOptions, BinanceSpotOptions>? configure = null)
    {
        var options = new BinanceSpotOptions
        {
            Host = new HostSettings { Port = 0, PingInterval = TimeSpan.FromSeconds(20), PongTimeout = TimeSpan.FromMinutes(1) },
            Market = Tape.Value,
            MaxIncomingMessagesPerSecond = 0,
        };
        if (configure is not null) options = configure(options);
        var emulator = await BinanceSpotEmulator.StartAsync(options);
        return new SpotEmulatorSession(emulator, options.ApiKey, options.ApiSecret);
    }

    public static long NowMs => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>Sends a SIGNED request: <paramref name="query"/> plus timestamp, signed, in the query string.</summary>
    public async Task<(int Status, JsonElement Body, HttpResponseMessage Response)> SignedAsync(HttpMethod method, string path, string query, long? timestamp = null)
    {
        string total = (query.Length > 0 ? query + "&" : "") + "timestamp=" + (timestamp ?? NowMs).ToString(CultureInfo.InvariantCulture);
        return await SendAsync(method, $"{path}?{total}&signature={Signer.Sign(total)}");
    }

    /// <summary>Sends a request as given, with the API key header.</summary>
    public async Task<(int Status, JsonElement Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string pathAndQuery)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        request.Headers.Add("X-MBX-APIKEY", ApiKey);
        var response = await Http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(text);
        return ((int)response.StatusCode, doc.RootElement.Clone(), response);
    }

    /// <summary>The best bid and ask ticks of the REST snapshot (prices ×100).</summary>
    /// <remarks>Waits until the replay has put both sides in the book (right after the start a side may still be empty).</remarks>
    public async Task<(decimal Bid, decimal Ask)> TopAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var (_, body, _) = await SendAsync(HttpMethod.Get, "/api/v3/depth?symbol=SIMUSDT&limit=5");
            var bids = body.GetProperty("bids");
            var asks = body.GetProperty("asks");
            if (bids.GetArrayLength() > 0 && asks.GetArrayLength() > 0)
                return (decimal.Parse(bids[0][0].GetString()!, CultureInfo.InvariantCulture), decimal.Parse(asks[0][0].GetString()!, CultureInfo.InvariantCulture));
            if (DateTime.UtcNow > deadline) Assert.Fail($"the spot emulator's book still has an empty side after 10 s: {body}");
            await Task.Delay(50);
        }
    }

    /// <summary>A connected WebSocket on <paramref name="path"/>.</summary>
    public async Task<ClientWebSocket> ConnectAsync(string path)
    {
        var ws = new ClientWebSocket();
        await ws.ConnectAsync(new Uri(Emulator.StreamBase, path), CancellationToken.None);
        _sockets.Add(ws);
        return ws;
    }

    /// <summary>Opens the WebSocket API and subscribes to user data with the session's key.</summary>
    public async Task<ClientWebSocket> UserDataAsync()
    {
        var ws = await ConnectAsync("/ws-api/v3");
        long ts = NowMs;
        string payload = $"apiKey={ApiKey}&timestamp={ts}";
        await SendTextAsync(ws, $$$"""{"id":"sub1","method":"userDataStream.subscribe.signature","params":{"apiKey":"{{{ApiKey}}}","timestamp":{{{ts}}},"signature":"{{{Signer.Sign(payload)}}}"}}""");
        var answer = await ReceiveAsync(ws);
        Assert.That(answer.GetProperty("status").GetInt32(), Is.EqualTo(200), answer.ToString());
        return ws;
    }

    public static Task SendTextAsync(ClientWebSocket ws, string text) =>
        ws.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next text frame as JSON; fails after <paramref name="seconds"/>.</summary>
    public static async Task<JsonElement> ReceiveAsync(ClientWebSocket ws, double seconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await ws.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close) Assert.Fail("the emulator closed the socket");
            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage) continue;
            using var doc = JsonDocument.Parse(message.ToArray());
            return doc.RootElement.Clone();
        }
    }

    /// <summary>Frames until one matches <paramref name="match"/>; fails after <paramref name="seconds"/>.</summary>
    public static async Task<JsonElement> ReceiveUntilAsync(ClientWebSocket ws, Func<JsonElement, bool> match, double seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            double left = (deadline - DateTime.UtcNow).TotalSeconds;
            if (left <= 0) Assert.Fail("expected frame did not arrive");
            var frame = await ReceiveAsync(ws, left);
            if (match(frame)) return frame;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var ws in _sockets) ws.Abort();
        foreach (var ws in _sockets) ws.Dispose();
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}
