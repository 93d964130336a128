using System.Globalization;
using System.Text;
using System.Text.Json;
using Hft.Exchanges.Common;
using Hft.Exchanges.Emulators.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Hft.Exchanges.Emulators.Bybit;

/// <summary>
/// The venue's URL shapes on 127.0.0.1: REST under <c>/v5</c>, the streams <c>/v5/public/linear</c>, <c>/v5/private</c>
/// and the order entry <c>/v5/trade</c>, and the emulator's own <c>/admin/state</c> and <c>/admin/faults</c>. Every REST
/// request goes through one pipeline: injected delay, the IP ban, authentication (key, recv window, signature over the
/// exact query or body), the per-endpoint budget, injected failures, the handler; every venue response (public, refused
/// or not found ones too) carries the budget's <c>X-Bapi-Limit</c>, <c>-Status</c>, <c>-Reset-Timestamp</c> headers.
/// </summary>
public sealed class BybitRoutes
{
    private readonly BybitVenue _venue;
    private readonly HmacSigner _signer;
    private readonly Dictionary<string, (bool Signed, bool OrderEntry, Func<BybitRequest, byte[]> Handle)> _rest = new(StringComparer.Ordinal);
    private readonly BybitRateLimiter _limits = new();
    private readonly CancellationToken _stop;
    private readonly BybitOrderEntry _orders;
    private long _bannedUntilMs;

    /// <summary>Routes for <paramref name="venue"/>; sockets end when <paramref name="stop"/> is cancelled.</summary>
    public BybitRoutes(BybitVenue venue, CancellationToken stop)
    {
        _venue = venue;
        _stop = stop;
        _signer = new HmacSigner(venue.Options.ApiSecret);
        var orders = _orders = new BybitOrderEntry(venue);
        _rest["GET /v5/market/time"] = (false, false, ServerTime);
        _rest["GET /v5/market/instruments-info"] = (false, false, Instruments);
        _rest["POST /v5/order/create"] = (true, true, orders.Create);
        _rest["POST /v5/order/amend"] = (true, true, orders.Amend);
        _rest["POST /v5/order/cancel"] = (true, true, orders.Cancel);
        _rest["POST /v5/order/cancel-all"] = (true, true, orders.CancelAll);
        _rest["GET /v5/order/realtime"] = (true, false, orders.Realtime);
        _rest["GET /v5/order/history"] = (true, false, orders.History);
        _rest["GET /v5/position/list"] = (true, false, orders.Positions);
        _rest["GET /v5/account/wallet-balance"] = (true, false, orders.Wallet);
    }

    /// <summary>Installs the one terminal handler on <paramref name="app"/>.</summary>
    public void Map(WebApplication app) => app.Run(DispatchAsync);

    private async Task DispatchAsync(HttpContext context)
    {
        string path = context.Request.Path.Value ?? "/";
        string method = context.Request.Method;
        if (path.StartsWith("/admin/", StringComparison.Ordinal)) await AdminAsync(context, method, path).ConfigureAwait(false);
        else if (path is "/v5/public/linear" or "/v5/private" or "/v5/trade") await StreamAsync(context, path).ConfigureAwait(false);
        else if (_rest.TryGetValue(method + " " + path, out var endpoint)) await RestAsync(context, path, endpoint).ConfigureAwait(false);
        else
        {
            // Every venue response carries the budget headers, a wrong route too (nothing is spent, no window is kept).
            long now = _venue.NowMs;
            if (path.StartsWith("/v5/", StringComparison.Ordinal)) SetLimitHeaders(context.Response.Headers, _limits.Peek(path, LimitOf(false, false), now));
            await Write(context, 404, BybitJson.Error(now, 10017, $"route not found: {method} {path}")).ConfigureAwait(false);
        }
    }

    // ---------------------------------------------------------------- REST

    private async Task RestAsync(HttpContext context, string path, (bool Signed, bool OrderEntry, Func<BybitRequest, byte[]> Handle) endpoint)
    {
        var venue = _venue;
        venue.Summary.RestRequest();
        bool isCreate = path == "/v5/order/create";
        if (isCreate) venue.Summary.OrderReceived();
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        string body = context.Request.Method == "GET" ? "" : await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        int slow = venue.Faults.SlowMs;
        if (slow > 0) await Task.Delay(slow, context.RequestAborted).ConfigureAwait(false);
        string query = context.Request.QueryString.HasValue ? context.Request.QueryString.Value![1..] : "";
        long now = venue.NowMs;
        int limit = LimitOf(endpoint.Signed, endpoint.OrderEntry);
        var headers = context.Response.Headers;
        if (now < Interlocked.Read(ref _bannedUntilMs))
        {
            // The IP limit: a plain 403, no envelope (the endpoint's budget is untouched, and reported as it stands).
            if (isCreate) venue.Summary.Rejected("IP_BANNED");
            SetLimitHeaders(headers, _limits.Peek(path, limit, now));
            await Write(context, 403, "access too frequent"u8.ToArray(), "text/plain").ConfigureAwait(false);
            return;
        }
        int status = 200;
        byte[] answer;
        bool counted = false;
        try
        {
            if (endpoint.Signed) Authenticate(context.Request.Headers, context.Request.Method == "GET" ? query : body, now);
            var verdict = _limits.Spend(path, limit, now, forced: endpoint.OrderEntry && venue.Faults.NextForcedRateLimit());
            SetLimitHeaders(headers, verdict);
            counted = true;
            if (verdict.Over && !endpoint.Signed)
            {
                // Public endpoints have no per-UID limit: going over is the IP limit's plain 403.
                await Write(context, 403, "access too frequent"u8.ToArray(), "text/plain").ConfigureAwait(false);
                return;
            }
            if (verdict.Over) throw new BybitRejection(10006, "Too many visits!");
            var request = new BybitRequest(context.Request.Method, query, body, now);
            if (endpoint.OrderEntry && venue.Faults.NextRestFailure() is { } failure)
            {
                if (RestFailureKinds.Executes(failure))
                {
                    try { endpoint.Handle(request); }
                    catch (BybitRejection) { /* the client learns nothing either way */ }
                }
                else if (isCreate)
                {
                    venue.Summary.Rejected(failure == RestFailureKind.Unavailable ? "SERVICE_UNAVAILABLE" : "SERVER_ERROR");
                }
                (status, answer) = failure switch
                {
                    RestFailureKind.Unavailable => (503, "<html><body>503 Service Temporarily Unavailable</body></html>"u8.ToArray()),
                    RestFailureKind.Timeout => (504, "<html><body>504 Gateway Time-out</body></html>"u8.ToArray()),
                    _ => (200, BybitJson.Error(now, 10016, "Internal server error.")),
                };
            }
            else
            {
                answer = endpoint.Handle(request);
            }
        }
        catch (BybitRejection e)
        {
            if (isCreate) venue.Summary.Rejected(e.RetCode.ToString(CultureInfo.InvariantCulture));
            // Refused before the budget (authentication): the headers still say where the budget stands.
            if (!counted) SetLimitHeaders(headers, _limits.Peek(path, limit, now));
            status = e.HttpStatus;
            answer = BybitJson.Error(now, e.RetCode, e.Message);
        }
        await Write(context, status, answer).ConfigureAwait(false);
    }

    /// <summary>
    /// Requests a second per endpoint: order entry <see cref="BybitOptions.OrdersPerSecond"/>, the other signed endpoints
    /// 50 (the doc's figure for the order queries), public ones <see cref="BybitOptions.PublicRequestsPerSecond"/>.
    /// </summary>
    private int LimitOf(bool signed, bool orderEntry) =>
        orderEntry ? _venue.Options.OrdersPerSecond : signed ? 50 : _venue.Options.PublicRequestsPerSecond;

    private static void SetLimitHeaders(IHeaderDictionary headers, BybitLimitVerdict verdict)
    {
        foreach (var (name, value) in verdict.Headers()) headers[name] = value;
    }

    private void Authenticate(IHeaderDictionary headers, string payload, long now)
    {
        string? key = headers["X-BAPI-API-KEY"].FirstOrDefault();
        string? timestamp = headers["X-BAPI-TIMESTAMP"].FirstOrDefault();
        string? sign = headers["X-BAPI-SIGN"].FirstOrDefault();
        string window = headers["X-BAPI-RECV-WINDOW"].FirstOrDefault() ?? "5000";
        if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(sign))
            throw new BybitRejection(10003, "API key is invalid.", 401);
        if (key != _venue.Options.ApiKey) throw new BybitRejection(10003, "API key is invalid.");
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out long ts)
            || !long.TryParse(window, NumberStyles.None, CultureInfo.InvariantCulture, out long recv))
            throw new BybitRejection(10001, "params error: X-BAPI-TIMESTAMP or X-BAPI-RECV-WINDOW invalid");
        if (!(now - recv <= ts && ts < now + 1000))
            throw new BybitRejection(10002, string.Create(CultureInfo.InvariantCulture,
                $"invalid request, please check your server timestamp or recv_window param. req_timestamp[{ts}],server_timestamp[{now}],recv_window[{recv}]"));
        if (!_signer.Verify(timestamp + key + window + payload, sign))
            throw new BybitRejection(10004, "error sign! origin_string[" + timestamp + key + window + payload + "]");
    }

    private byte[] ServerTime(BybitRequest r) => BybitJson.Envelope(r.NowMs, w =>
    {
        long nanos = (_venue.Options.Clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
        w.WriteString("timeSecond", (nanos / 1_000_000_000).ToString(CultureInfo.InvariantCulture));
        w.WriteString("timeNano", nanos.ToString(CultureInfo.InvariantCulture));
    });

    private byte[] Instruments(BybitRequest r)
    {
        if (r.Required("category") != "linear") throw new BybitRejection(10001, "category only support linear in this emulator");
        if (r.Optional("symbol") is { } s && s != _venue.Symbol.Name)
            return BybitJson.Envelope(r.NowMs, w =>
            {
                w.WriteString("category", "linear");
                w.WriteStartArray("list");
                w.WriteEndArray();
                w.WriteString("nextPageCursor", "");
            });
        return BybitJson.Envelope(r.NowMs, w => BybitJson.Instruments(w, _venue.Symbol));
    }

    // ---------------------------------------------------------------- streams

    private async Task StreamAsync(HttpContext context, string path)
    {
        bool isTrade = path == "/v5/trade", isPrivate = isTrade || path == "/v5/private";
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Write(context, 400, BybitJson.Error(_venue.NowMs, 10001, "WebSocket upgrade expected.")).ConfigureAwait(false);
            return;
        }
        var socket = new StreamSocket(await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false), _venue.NextConnectionId(), 0);
        var connection = new BybitConnection(socket, isPrivate);
        _venue.Summary.Connection();
        var sockets = isTrade ? _venue.Trade : isPrivate ? _venue.Private : _venue.Public;
        sockets.Add(connection);
        var trade = isTrade ? new BybitTradeSession(connection, _venue, _orders, _limits, _signer) : null;
        var pump = socket.PumpAsync(_stop);
        try
        {
            while (await socket.ReceiveAsync(_stop).ConfigureAwait(false) is { } text)
            {
                if (trade is not null) trade.Answer(text);
                else Answer(connection, text);
            }
        }
        finally
        {
            sockets.Remove(connection);
            socket.Close();
            await pump.ConfigureAwait(false);
        }
    }

    private void Answer(BybitConnection c, string text)
    {
        string op, reqId;
        string[] args;
        JsonElement[] rawArgs;
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                c.Socket.Reply(Reply(c, "", false, "invalid request: not a JSON object", ""));
                return;
            }
            op = root.TryGetProperty("op", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString()! : "";
            reqId = root.TryGetProperty("req_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : "";
            rawArgs = root.TryGetProperty("args", out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().Select(e => e.Clone()).ToArray() : [];
            args = rawArgs.Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToArray();
        }
        catch (JsonException)
        {
            c.Socket.Reply(Reply(c, "", false, "invalid request: not JSON", ""));
            return;
        }
        long now = _venue.NowMs;
        switch (op)
        {
            case "ping" when c.Private:
                c.Socket.Send(JsonFrames.Build(w =>
                {
                    // The private pong differs from the public one: op "pong" and the server time in args.
                    w.WriteStartObject();
                    w.WriteString("req_id", reqId);
                    w.WriteString("op", "pong");
                    w.WriteStartArray("args");
                    w.WriteStringValue(now.ToString(CultureInfo.InvariantCulture));
                    w.WriteEndArray();
                    w.WriteString("conn_id", c.ConnectionId);
                    w.WriteEndObject();
                }));
                break;
            case "ping":
                c.Socket.Reply(Reply(c, "ping", true, "pong", reqId));
                break;
            case "auth" when c.Private:
                string? problem = AuthProblem(args, now);
                c.Authenticated = problem is null;
                c.Socket.Reply(Reply(c, "auth", problem is null, problem ?? "", reqId, withReqId: false));
                break;
            case "subscribe" or "unsubscribe" when c.Private && !c.Authenticated:
                c.Socket.Reply(Reply(c, op, false, "Request not authorized", reqId, withReqId: false));
                break;
            case "subscribe":
                string? bad = args.FirstOrDefault(t => c.Private ? t is not ("order" or "execution" or "position" or "wallet") : !IsPublicTopic(t));
                if (bad is not null)
                {
                    c.Socket.Reply(Reply(c, op, false, "error:handler not found,topic:" + bad, reqId, withReqId: !c.Private));
                    break;
                }
                lock (_venue.Gate)
                {
                    c.Subscribe(args);
                    c.Socket.Reply(Reply(c, op, true, "", reqId, withReqId: !c.Private));
                    // A book subscription starts with the whole book, under the topic the client asked for; level 1 with
                    // its current snapshot, tickers with the whole ticker.
                    if (!c.Private)
                        foreach (string t in args.Distinct(StringComparer.Ordinal))
                        {
                            if (BybitConnections.IsLevelOneTopic(t)) _venue.LevelOne.OnSubscribe(c, _venue.ClockNanos, now);
                            else if (BybitConnections.IsBookTopic(t)) c.Socket.Send(BybitConnections.Relabel(_venue.Snapshot(now), _venue.BookTopic, t));
                            else if (t == _venue.Tickers.Topic) _venue.Tickers.OnSubscribe(c, now);
                        }
                }
                break;
            case "unsubscribe":
                lock (_venue.Gate)
                {
                    c.Unsubscribe(args);
                    if (args.Contains(_venue.Tickers.Topic)) c.LastTicker = null;
                }
                c.Socket.Reply(Reply(c, op, true, "", reqId, withReqId: !c.Private));
                break;
            default:
                c.Socket.Reply(Reply(c, op, false, $"error:handler not found,op:{op}", reqId));
                break;
        }
    }

    // Any depth from 50 up is served from the one deep book the emulator keeps (BybitConnections labels the frames); level 1
    // is its own snapshot-only stream (BybitLevelOneBook).
    private bool IsPublicTopic(string topic)
    {
        string sym = _venue.Symbol.Name;
        return topic == "publicTrade." + sym || topic == "tickers." + sym
            || topic is var t && (t == "orderbook.1." + sym || t == "orderbook.50." + sym || t == "orderbook.200." + sym || t == "orderbook.500." + sym || t == "orderbook.1000." + sym);
    }

    private string? AuthProblem(string[] args, long now) =>
        BybitStreamAuth.Check(args, now, _venue.Options.ApiKey, _signer) is { } problem ? problem.Message : null;

    private static string Reply(BybitConnection c, string op, bool success, string message, string reqId, bool withReqId = true) =>
        Encoding.UTF8.GetString(JsonFrames.Build(w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("success", success);
            w.WriteString("ret_msg", message);
            w.WriteString("conn_id", c.ConnectionId);
            if (withReqId) w.WriteString("req_id", reqId);
            w.WriteString("op", op);
            w.WriteEndObject();
        }));

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
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            string body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
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
            if (command.Reset > 0) _venue.ArmResets(command.Reset);
            if (command.BanMs > 0)
            {
                Interlocked.Exchange(ref _bannedUntilMs, _venue.NowMs + command.BanMs);
                _venue.Faults.Record("ban");
            }
            if (command.Clear) Interlocked.Exchange(ref _bannedUntilMs, 0);
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

    private static async Task Write(HttpContext context, int status, byte[] body, string type = "application/json")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = type;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
