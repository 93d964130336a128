using System.Globalization;
using System.Text;
using System.Text.Json;
using Hft.Exchanges.Emulators.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Hft.Exchanges.Emulators.BinanceSpot;

/// <summary>
/// The spot venue's HTTP surface: REST under <c>/api/v3/</c>, market streams at <c>/ws/...</c> and
/// <c>/stream?streams=...</c>, the WebSocket API at <c>/ws-api/v3</c>, and <c>/admin/faults</c> and
/// <c>/admin/state</c>. Every REST request goes through one pipeline: injected delay, rate limits, security,
/// injected failures, the handler, and the weight and order-count headers.
/// </summary>
internal sealed class SpotRoutes
{
    private readonly SpotVenue _venue;
    private readonly WsApiHandler _wsApi;
    private readonly Dictionary<string, SpotEndpoint> _rest = new(StringComparer.Ordinal);
    private readonly CancellationToken _stop;
    private long _nextConnectionId;

    /// <summary>Routes for <paramref name="venue"/>; sockets end when <paramref name="stop"/> is cancelled.</summary>
    public SpotRoutes(SpotVenue venue, CancellationToken stop)
    {
        _venue = venue;
        _stop = stop;
        var orders = new OrderEntry(venue);
        _wsApi = new WsApiHandler(venue, orders);
        static Func<SpotParams, int> W(int weight) => _ => weight;
        _rest["GET /api/v3/ping"] = new(false, W(1), false, false, (_, _) => RestAnswer.Ok("{}"u8.ToArray()));
        _rest["GET /api/v3/time"] = new(false, W(1), false, false, (_, now) => RestAnswer.Ok(VenueJson.ServerTime(now)));
        _rest["GET /api/v3/exchangeInfo"] = new(false, W(20), false, false, orders.ExchangeInfo);
        _rest["GET /api/v3/depth"] = new(false, OrderEntry.DepthWeight, false, false, orders.Depth);
        _rest["POST /api/v3/order"] = new(true, W(1), true, true, orders.New);
        _rest["DELETE /api/v3/order"] = new(true, W(1), true, false, orders.Cancel);
        _rest["GET /api/v3/order"] = new(true, W(4), false, false, orders.Query);
        _rest["DELETE /api/v3/openOrders"] = new(true, W(1), true, false, orders.CancelAll);
        _rest["GET /api/v3/openOrders"] = new(true, p => p.Get("symbol") is null ? 80 : 6, false, false, orders.OpenOrders);
        _rest["POST /api/v3/order/cancelReplace"] = new(true, W(1), true, true, orders.CancelReplace);
        _rest["PUT /api/v3/order/amend/keepPriority"] = new(true, W(4), true, false, orders.Amend);
        _rest["GET /api/v3/account"] = new(true, W(20), false, false, orders.Account);
    }

    /// <summary>Maps everything onto one request delegate.</summary>
    public void Map(WebApplication app) => app.Run(HandleAsync);

    private async Task HandleAsync(HttpContext context)
    {
        string path = context.Request.Path.Value ?? "/";
        string method = context.Request.Method;
        if (path.StartsWith("/admin/", StringComparison.Ordinal)) await AdminAsync(context, method, path).ConfigureAwait(false);
        else if (path == "/ws-api/v3") await WsApiAsync(context).ConfigureAwait(false);
        else if (path == "/ws" || path.StartsWith("/ws/", StringComparison.Ordinal)) await MarketAsync(context, false, path.Length > 4 ? path[4..].Split('/', StringSplitOptions.RemoveEmptyEntries) : []).ConfigureAwait(false);
        else if (path == "/stream") await MarketAsync(context, true, (context.Request.Query["streams"].FirstOrDefault() ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries)).ConfigureAwait(false);
        else if (_rest.TryGetValue(method + " " + path, out var endpoint)) await RestAsync(context, endpoint).ConfigureAwait(false);
        else await Write(context, 404, JsonBytes.Error(-1000, $"No such endpoint: {method} {path}")).ConfigureAwait(false);
    }

    // ---------------------------------------------------------------- REST pipeline

    private async Task RestAsync(HttpContext context, SpotEndpoint endpoint)
    {
        var venue = _venue;
        venue.Summary.RestRequest();
        if (endpoint.PlacesOrder) venue.Summary.OrderReceived();
        string body = context.Request.Method == "GET" ? "" : await ReadBodyAsync(context.Request.Body, context.RequestAborted).ConfigureAwait(false);
        int slow = venue.Faults.SlowMs;
        if (slow > 0) await Task.Delay(slow, context.RequestAborted).ConfigureAwait(false);
        string query = context.Request.QueryString.HasValue ? context.Request.QueryString.Value![1..] : "";
        var p = SpotParams.FromHttp(query, body);
        long nowMs = venue.NowMs;
        if (venue.Limiter.Admit(nowMs, endpoint.Weight(p)) is { } refused)
        {
            if (endpoint.OrderRequest) venue.Summary.Rejected(refused.HttpStatus == 418 ? "IP_BANNED" : "TOO_MANY_REQUESTS");
            await Refuse(context, refused, nowMs).ConfigureAwait(false);
            return;
        }
        try
        {
            if (endpoint.Signed) venue.Auth.Verify(p, context.Request.Headers["X-MBX-APIKEY"].FirstOrDefault(), nowMs);
            if (endpoint.PlacesOrder && venue.Limiter.AdmitOrder(nowMs) is { } tooMany)
            {
                venue.Summary.Rejected("TOO_MANY_ORDERS");
                await Refuse(context, tooMany, nowMs).ConfigureAwait(false);
                return;
            }
            RestFailureKind? failure = endpoint.OrderRequest ? venue.Faults.NextRestFailure() : null;
            if (failure is { } early && !RestFailureKinds.Executes(early))
            {
                await Fail(context, early, nowMs).ConfigureAwait(false);
                return;
            }
            var answer = endpoint.Handle(p, nowMs);
            if (failure is { } late)
            {
                await Fail(context, late, nowMs).ConfigureAwait(false);
                return;
            }
            WeightHeader(context, nowMs);
            if (endpoint.PlacesOrder && answer.Status is 200 or 409) OrderCountHeaders(context, nowMs);
            await Write(context, answer.Status, answer.Body).ConfigureAwait(false);
        }
        catch (SpotRejection e)
        {
            if (endpoint.OrderRequest) venue.Summary.Rejected(e.Reason);
            WeightHeader(context, nowMs);
            await Write(context, e.HttpStatus, JsonBytes.Error(e.Code, e.Message)).ConfigureAwait(false);
        }
    }

    private async Task Refuse(HttpContext context, RateVerdict v, long nowMs)
    {
        context.Response.Headers["Retry-After"] = v.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        WeightHeader(context, nowMs);
        await Write(context, v.HttpStatus, JsonBytes.Error(v.Code, v.Message)).ConfigureAwait(false);
    }

    /// <summary>An injected failure: 5xx (or 408) with the venue's "status unknown" bodies.</summary>
    private Task Fail(HttpContext context, RestFailureKind kind, long nowMs)
    {
        WeightHeader(context, nowMs);
        return kind switch
        {
            RestFailureKind.Unavailable => Write(context, 503, JsonBytes.Error(-1008, "Server is currently overloaded with other requests. Please try again in a few minutes.")),
            RestFailureKind.Timeout => Write(context, 408, JsonBytes.Error(-1007, "Timeout waiting for response from backend server. Send status unknown; execution status unknown.")),
            _ => Write(context, 503, JsonBytes.Error(-1001, "Internal error; unable to process your request. Please try again.")),
        };
    }

    private void WeightHeader(HttpContext context, long nowMs) =>
        context.Response.Headers["X-MBX-USED-WEIGHT-1M"] = _venue.Limiter.UsedWeight(nowMs).ToString(CultureInfo.InvariantCulture);

    private void OrderCountHeaders(HttpContext context, long nowMs)
    {
        var (tenSeconds, day) = _venue.Limiter.OrderCounts(nowMs);
        context.Response.Headers["X-MBX-ORDER-COUNT-10S"] = tenSeconds.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-MBX-ORDER-COUNT-1D"] = day.ToString(CultureInfo.InvariantCulture);
    }

    // ---------------------------------------------------------------- WebSockets

    private async Task MarketAsync(HttpContext context, bool combined, string[] streams)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Write(context, 400, JsonBytes.Error(-1000, "WebSocket upgrade expected")).ConfigureAwait(false);
            return;
        }
        if (streams.Length > MarketStreams.MaxStreams)
        {
            await Write(context, 400, JsonBytes.Error(-1000, $"at most {MarketStreams.MaxStreams} streams per connection")).ConfigureAwait(false);
            return;
        }
        using var ws = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var socket = new StreamSocket(ws, Interlocked.Increment(ref _nextConnectionId), _venue.Options.MaxIncomingMessagesPerSecond);
        var connection = new MarketConnection(socket, combined, streams);
        _venue.Market.Add(connection);
        _venue.Summary.Connection();
        var pump = socket.PumpAsync(_stop);
        try
        {
            while (await socket.ReceiveAsync(_stop).ConfigureAwait(false) is { } text)
                socket.Send(StreamControl.Handle(text, connection, _venue.Market));
        }
        finally
        {
            socket.Close();
            await pump.ConfigureAwait(false);
            _venue.Market.Remove(connection);
        }
    }

    private async Task WsApiAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Write(context, 400, JsonBytes.Error(-1000, "WebSocket upgrade expected")).ConfigureAwait(false);
            return;
        }
        using var ws = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        // The WebSocket API limits requests by weight, not by a message rate.
        var socket = new StreamSocket(ws, Interlocked.Increment(ref _nextConnectionId), 0);
        var connection = new WsApiConnection(socket);
        _venue.Users.Add(connection);
        _venue.Summary.Connection();
        var pump = socket.PumpAsync(_stop);
        try
        {
            while (await socket.ReceiveAsync(_stop).ConfigureAwait(false) is { } text)
                socket.Send(_wsApi.Handle(text, connection));
        }
        finally
        {
            socket.Close();
            await pump.ConfigureAwait(false);
            _venue.Users.Remove(connection);
        }
    }

    // ---------------------------------------------------------------- admin

    private async Task AdminAsync(HttpContext context, string method, string path)
    {
        if (method == "GET" && path == "/admin/state")
        {
            int levels = int.TryParse(context.Request.Query["levels"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? Math.Clamp(n, 1, 5000) : 20;
            await Write(context, 200, _venue.AdminState(levels)).ConfigureAwait(false);
            return;
        }
        if (method == "POST" && path == "/admin/faults")
        {
            string body = await ReadBodyAsync(context.Request.Body, context.RequestAborted).ConfigureAwait(false);
            FaultCommand command;
            SpotAdminCommand extra;
            try
            {
                string json = body.Length == 0 ? "{}" : body;
                command = JsonSerializer.Deserialize<FaultCommand>(json) ?? new FaultCommand();
                extra = JsonSerializer.Deserialize<SpotAdminCommand>(json) ?? new SpotAdminCommand();
                _venue.Faults.Arm(command);
            }
            catch (Exception e) when (e is JsonException or ArgumentException)
            {
                await Write(context, 400, AdminAnswer(false, e.Message)).ConfigureAwait(false);
                return;
            }
            long nowMs = _venue.NowMs;
            if (command.Clear) _venue.Limiter.Clear();
            if (command.Disconnect) _venue.DropConnections();
            if (command.BanMs > 0)
            {
                _venue.Limiter.Ban(nowMs, TimeSpan.FromMilliseconds(command.BanMs));
                _venue.Faults.Record("ban");
            }
            if (command.ExpireListenKey) _venue.TerminateUserStreams();
            if (extra.ServerShutdown) lock (_venue.Gate) _venue.ServerShutdown();
            await Write(context, 200, AdminAnswer(true, _venue.Faults.Schedule.ToString())).ConfigureAwait(false);
            return;
        }
        await Write(context, 404, AdminAnswer(false, $"No such admin endpoint: {method} {path}")).ConfigureAwait(false);
    }

    private static byte[] AdminAnswer(bool ok, string text) => JsonBytes.Build(w =>
    {
        w.WriteStartObject();
        w.WriteBoolean("ok", ok);
        w.WriteString(ok ? "schedule" : "error", text);
        w.WriteEndObject();
    });

    private static async Task<string> ReadBodyAsync(Stream body, CancellationToken cancel)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancel).ConfigureAwait(false);
    }

    private static async Task Write(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json;charset=UTF-8";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
