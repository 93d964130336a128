using System.Globalization;
using System.Text.Json;
using Hft.Exchanges.Emulators.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Hft.Exchanges.Emulators.BinanceFutures;

/// <summary>
/// The URL shapes of the venue on 127.0.0.1 (section 5): REST under <c>/fapi</c>, streams under <c>/public</c>,
/// <c>/market</c>, <c>/private</c> (and the legacy <c>/ws</c>, <c>/stream</c>), and the emulator's own
/// <c>/admin/faults</c> and <c>/admin/state</c>. Every REST request goes through one pipeline: injected delay,
/// rate limits, security, injected failures, the handler, and the weight headers.
/// </summary>
public sealed class FuturesRoutes
{
    private readonly FuturesVenue _venue;
    private readonly RequestAuthenticator _auth;
    private readonly Dictionary<string, RestEndpoint> _rest = new(StringComparer.Ordinal);
    private readonly CancellationToken _stop;

    /// <summary>Routes for <paramref name="venue"/>; sockets end when <paramref name="stop"/> is cancelled.</summary>
    public FuturesRoutes(FuturesVenue venue, CancellationToken stop)
    {
        _venue = venue;
        _stop = stop;
        _auth = new RequestAuthenticator(venue.Options.ApiKey, venue.Options.ApiSecret);
        var orders = new OrderEntry(venue);
        static Func<FuturesRequest, int> W(int w) => _ => w;
        Add("GET", "/fapi/v1/time", new(RestSecurity.None, W(1), 0, false, false, ServerTime));
        Add("GET", "/fapi/v1/exchangeInfo", new(RestSecurity.None, W(1), 0, false, false, r => ExchangeInfoJson.Build(venue.Symbol, venue.Options.Limits, r.NowMs)));
        Add("GET", "/fapi/v1/depth", new(RestSecurity.None, DepthWeight, 0, false, false, Depth));
        Add("POST", "/fapi/v1/listenKey", new(RestSecurity.UserStream, W(1), 0, false, false, CreateListenKey));
        Add("PUT", "/fapi/v1/listenKey", new(RestSecurity.UserStream, W(1), 0, false, false, KeepAliveListenKey));
        Add("DELETE", "/fapi/v1/listenKey", new(RestSecurity.UserStream, W(1), 0, false, false, CloseListenKey));
        Add("POST", "/fapi/v1/order", new(RestSecurity.Signed, W(0), 1, true, true, orders.New));
        Add("PUT", "/fapi/v1/order", new(RestSecurity.Signed, W(0), 1, true, false, orders.Modify));
        Add("DELETE", "/fapi/v1/order", new(RestSecurity.Signed, W(1), 0, true, false, orders.Cancel));
        Add("GET", "/fapi/v1/order", new(RestSecurity.Signed, W(1), 0, false, false, orders.Query));
        Add("DELETE", "/fapi/v1/allOpenOrders", new(RestSecurity.Signed, W(1), 0, true, false, orders.CancelAll));
        Add("GET", "/fapi/v1/openOrders", new(RestSecurity.Signed, r => r.Optional("symbol") is null ? 40 : 1, 0, false, false, orders.OpenOrders));
        Add("GET", "/fapi/v3/positionRisk", new(RestSecurity.Signed, W(5), 0, false, false, orders.PositionRisk));
        Add("GET", "/fapi/v3/account", new(RestSecurity.Signed, W(5), 0, false, false, orders.AccountInfo));
    }

    private void Add(string method, string path, RestEndpoint endpoint) => _rest[method + " " + path] = endpoint;

    /// <summary>Installs the one terminal handler on <paramref name="app"/>.</summary>
    public void Map(WebApplication app) => app.Run(DispatchAsync);

    private async Task DispatchAsync(HttpContext context)
    {
        string path = context.Request.Path.Value ?? "/";
        string method = context.Request.Method;
        if (path.StartsWith("/admin/", StringComparison.Ordinal))
        {
            await AdminAsync(context, method, path).ConfigureAwait(false);
            return;
        }
        if (TryStream(path, out var entry, out string rest))
        {
            await StreamAsync(context, entry, rest).ConfigureAwait(false);
            return;
        }
        if (_rest.TryGetValue(method + " " + path, out var endpoint))
        {
            await RestAsync(context, endpoint).ConfigureAwait(false);
            return;
        }
        await Write(context, 404, FuturesJson.Error(-1000, $"No such endpoint: {method} {path}")).ConfigureAwait(false);
    }

    // ---------------------------------------------------------------- REST pipeline

    private async Task RestAsync(HttpContext context, RestEndpoint endpoint)
    {
        var venue = _venue;
        venue.Summary.RestRequest();
        if (endpoint.NewOrder) venue.Summary.OrderReceived();
        string body = context.Request.Method == "GET" ? "" : await FuturesRequest.ReadBodyAsync(context.Request.Body, context.RequestAborted).ConfigureAwait(false);
        int slow = venue.Faults.SlowMs;
        if (slow > 0) await Task.Delay(slow, context.RequestAborted).ConfigureAwait(false);
        string query = context.Request.QueryString.HasValue ? context.Request.QueryString.Value![1..] : "";
        string? key = context.Request.Headers["X-MBX-APIKEY"].FirstOrDefault();
        var request = new FuturesRequest(context.Request.Method, context.Request.Path.Value ?? "", query, body, key, venue.NowMs);

        int weight;
        try { weight = endpoint.Weight(request); }
        catch (BinanceRejection) { weight = 1; }
        var decision = venue.Limiter.Admit(request.NowMs, weight, endpoint.Orders);
        var headers = context.Response.Headers;
        headers["X-MBX-USED-WEIGHT-1M"] = decision.UsedWeight.ToString(CultureInfo.InvariantCulture);
        if (endpoint.Orders > 0)
        {
            headers["X-MBX-ORDER-COUNT-10S"] = decision.Orders10Seconds.ToString(CultureInfo.InvariantCulture);
            headers["X-MBX-ORDER-COUNT-1M"] = decision.OrdersMinute.ToString(CultureInfo.InvariantCulture);
        }
        if (decision.HttpStatus != 200)
        {
            headers.RetryAfter = decision.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            if (endpoint.NewOrder) venue.Summary.Rejected(decision.HttpStatus == 418 ? "IP_BANNED" : "TOO_MANY_REQUESTS");
            await Write(context, decision.HttpStatus, FuturesJson.Error(decision.Code, decision.Message!)).ConfigureAwait(false);
            return;
        }

        int status = 200;
        byte[] answer;
        try
        {
            if (endpoint.Security == RestSecurity.UserStream) _auth.CheckKey(request);
            else if (endpoint.Security == RestSecurity.Signed) _auth.CheckSigned(request);
            if (endpoint.OrderEntry && venue.Faults.NextRestFailure() is { } failure)
            {
                if (RestFailureKinds.Executes(failure))
                {
                    try { endpoint.Handle(request); }
                    catch (BinanceRejection) { /* the client learns nothing either way */ }
                }
                else if (endpoint.NewOrder)
                {
                    venue.Summary.Rejected(failure == RestFailureKind.Unavailable ? "SERVICE_UNAVAILABLE" : "UNKNOWN_ERROR");
                }
                (status, answer) = failure switch
                {
                    RestFailureKind.Timeout => (408, FuturesJson.Error(-1007, "Timeout waiting for response from backend server. Send status unknown; execution status unknown.")),
                    RestFailureKind.Unavailable => (503, FuturesJson.Error(-1001, "Service Unavailable.")),
                    _ => (503, FuturesJson.Error(-1000, "Unknown error, please check your request or try again later.")),
                };
            }
            else
            {
                answer = endpoint.Handle(request);
            }
        }
        catch (BinanceRejection e)
        {
            if (endpoint.NewOrder) venue.Summary.Rejected(e.Name);
            status = e.HttpStatus;
            answer = FuturesJson.Error(e.Code, e.Message);
        }
        await Write(context, status, answer).ConfigureAwait(false);
    }

    private byte[] ServerTime(FuturesRequest r) => JsonFrames.Build(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("serverTime", r.NowMs);
        w.WriteEndObject();
    });

    private static readonly int[] DepthLimits = [5, 10, 20, 50, 100, 500, 1000];

    private static int DepthLimit(FuturesRequest r)
    {
        long limit = r.OptionalLong("limit") ?? 500;
        if (Array.IndexOf(DepthLimits, (int)limit) < 0) throw new BinanceRejection(-1130, "INVALID_PARAMETER", "Invalid data sent for a parameter.");
        return (int)limit;
    }

    private static int DepthWeight(FuturesRequest r) => DepthLimit(r) switch
    {
        <= 50 => 2,
        100 => 5,
        500 => 10,
        _ => 20,
    };

    private byte[] Depth(FuturesRequest r)
    {
        if (r.Required("symbol") != _venue.Symbol.Name) throw BinanceRejection.BadSymbol();
        int limit = DepthLimit(r);
        lock (_venue.Gate)
        {
            // Taken under the lock that publishes the streams: lastUpdateId is the u of the last event sent before it.
            var book = _venue.Book;
            long now = _venue.NowMs;
            return FuturesJson.DepthSnapshot(_venue.Symbol, book.LastUpdateId, now, now,
                book.Top(Hft.Core.Markets.Side.Buy, limit), book.Top(Hft.Core.Markets.Side.Sell, limit));
        }
    }

    private byte[] CreateListenKey(FuturesRequest r)
    {
        string key;
        lock (_venue.Gate) key = _venue.ListenKeys.Create(r.NowMs);
        return ListenKeyBody(key);
    }

    private byte[] KeepAliveListenKey(FuturesRequest r)
    {
        lock (_venue.Gate)
        {
            string? given = r.Optional("listenKey");
            if (!_venue.ListenKeys.KeepAlive(given, r.NowMs))
                throw new BinanceRejection(-1125, "INVALID_LISTEN_KEY", "This listenKey does not exist.");
            return ListenKeyBody(_venue.ListenKeys.Active(r.NowMs)!);
        }
    }

    private byte[] CloseListenKey(FuturesRequest r)
    {
        lock (_venue.Gate)
        {
            if (_venue.ListenKeys.Close(r.NowMs) is { } key) _venue.Users.Closed(key);
        }
        return "{}"u8.ToArray();
    }

    private static byte[] ListenKeyBody(string key) => JsonFrames.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("listenKey", key);
        w.WriteEndObject();
    });

    // ---------------------------------------------------------------- streams

    private static bool TryStream(string path, out EntryPoint entry, out string rest)
    {
        foreach (var (prefix, e) in new[] { ("/public/", EntryPoint.Public), ("/market/", EntryPoint.Market), ("/private/", EntryPoint.Private), ("/", EntryPoint.Legacy) })
        {
            if (!path.StartsWith(prefix, StringComparison.Ordinal)) continue;
            string tail = path[prefix.Length..];
            if (tail == "ws" || tail.StartsWith("ws/", StringComparison.Ordinal) || tail == "stream")
            {
                entry = e;
                rest = tail;
                return true;
            }
        }
        entry = default;
        rest = "";
        return false;
    }

    private async Task StreamAsync(HttpContext context, EntryPoint entry, string rest)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Write(context, 400, FuturesJson.Error(-1000, "WebSocket upgrade expected.")).ConfigureAwait(false);
            return;
        }
        if (_venue.Faults.RefusesConnection())
        {
            await Write(context, 503, FuturesJson.Error(-1001, "Internal error; unable to process your request. Please try again.")).ConfigureAwait(false);
            return;
        }
        bool combined = rest == "stream";
        var query = context.Request.Query;
        if (entry == EntryPoint.Private)
        {
            string? key = rest.StartsWith("ws/", StringComparison.Ordinal) ? rest[3..] : query["listenKey"].FirstOrDefault();
            HashSet<string>? events = query.ContainsKey("events")
                ? query["events"].SelectMany(v => (v ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal)
                : null;
            bool active;
            lock (_venue.Gate) active = key is not null && _venue.ListenKeys.Active(_venue.NowMs) == key;
            if (!active)
            {
                await Write(context, 400, FuturesJson.Error(-1125, "This listenKey does not exist.")).ConfigureAwait(false);
                return;
            }
            await _venue.Users.ServeAsync(context, key!, events, combined, _stop).ConfigureAwait(false);
            return;
        }
        IEnumerable<string> streams = combined
            ? (query["streams"].FirstOrDefault() ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries)
            : rest.Length > 3 ? rest[3..].Split('/', StringSplitOptions.RemoveEmptyEntries) : [];
        await _venue.Market.ServeAsync(context, entry, combined, streams, _stop).ConfigureAwait(false);
    }

    // ---------------------------------------------------------------- admin

    private async Task AdminAsync(HttpContext context, string method, string path)
    {
        if (method == "GET" && path == "/admin/state")
        {
            int levels = int.TryParse(context.Request.Query["levels"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? Math.Clamp(n, 1, 100_000) : 20;
            await Write(context, 200, _venue.AdminState(levels)).ConfigureAwait(false);
            return;
        }
        if (method == "POST" && path == "/admin/faults")
        {
            string body = await FuturesRequest.ReadBodyAsync(context.Request.Body, context.RequestAborted).ConfigureAwait(false);
            FaultCommand command;
            try
            {
                command = JsonSerializer.Deserialize<FaultCommand>(body.Length == 0 ? "{}" : body) ?? new FaultCommand();
                _venue.Faults.Arm(command);
            }
            catch (Exception e) when (e is JsonException or ArgumentException)
            {
                await Write(context, 400, AdminAnswer(false, e.Message)).ConfigureAwait(false);
                return;
            }
            if (command.Disconnect) _venue.DropConnections();
            if (command.BanMs > 0)
            {
                _venue.Limiter.Ban(_venue.NowMs, TimeSpan.FromMilliseconds(command.BanMs));
                _venue.Faults.Record("ban");
            }
            if (command.ExpireListenKey) _venue.ExpireListenKeyNow();
            await Write(context, 200, AdminAnswer(true, _venue.Faults.Schedule.ToString())).ConfigureAwait(false);
            return;
        }
        await Write(context, 404, AdminAnswer(false, $"No such admin endpoint: {method} {path}")).ConfigureAwait(false);
    }

    private static byte[] AdminAnswer(bool ok, string text) => JsonFrames.Build(w =>
    {
        w.WriteStartObject();
        w.WriteBoolean("ok", ok);
        w.WriteString(ok ? "schedule" : "error", text);
        w.WriteEndObject();
    });

    private static async Task Write(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
