using System.Globalization;
using System.Text.Json;
using Hft.Exchanges.Common;
using Hft.Exchanges.Emulators.Common;

namespace Hft.Exchanges.Emulators.Bybit;

/// <summary>
/// One <c>/v5/trade</c> socket, the WebSocket order entry (exchange-protocols 3.5): <c>auth</c> as on the private stream
/// (answered in the trade format), <c>ping</c>, and <c>order.create</c>, <c>order.amend</c>, <c>order.cancel</c> whose
/// <c>args[0]</c> is the REST body. They go through the REST order entry itself (same book, matching, private topics and
/// order queries) and spend the same per-endpoint budget as REST; the socket is authenticated, the request is not signed,
/// but <c>header.X-BAPI-TIMESTAMP</c> must pass the REST recv-window rule. <c>reqId</c> (at most 36 characters, never twice
/// on a socket: 20006) is echoed only when sent.
/// </summary>
public sealed class BybitTradeSession
{
    private const int MaxReqIdLength = 36;
    private readonly BybitVenue _venue;
    private readonly BybitOrderEntry _orders;
    private readonly BybitRateLimiter _limits;
    private readonly HmacSigner _signer;
    private readonly HashSet<string> _reqIds = new(StringComparer.Ordinal);

    /// <summary>The session of <paramref name="connection"/>.</summary>
    public BybitTradeSession(BybitConnection connection, BybitVenue venue, BybitOrderEntry orders, BybitRateLimiter limits, HmacSigner signer)
    {
        Connection = connection;
        _venue = venue;
        _orders = orders;
        _limits = limits;
        _signer = signer;
    }

    /// <summary>The socket.</summary>
    public BybitConnection Connection { get; }

    /// <summary>Answers one text message from the client.</summary>
    public void Answer(string text)
    {
        long now = _venue.NowMs;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            Send(Response(null, 10001, "Params Error: not JSON", "", now));
            return;
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                Send(Response(null, 10001, "Params Error: not a JSON object", "", now));
                return;
            }
            string? reqId = root.TryGetProperty("reqId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            string op = root.TryGetProperty("op", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString()! : "";
            switch (op)
            {
                case "ping":
                    Send(JsonFrames.Build(w =>
                    {
                        w.WriteStartObject();
                        if (reqId is not null) w.WriteString("reqId", reqId);
                        w.WriteNumber("retCode", 0);
                        w.WriteString("retMsg", "OK");
                        w.WriteString("op", "pong");
                        w.WriteStartArray("data");
                        w.WriteStringValue(now.ToString(CultureInfo.InvariantCulture));
                        w.WriteEndArray();
                        w.WriteString("connId", Connection.ConnectionId);
                        w.WriteEndObject();
                    }));
                    break;
                case "auth":
                    Auth(root, reqId, now);
                    break;
                case "order.create" or "order.amend" or "order.cancel":
                    Send(Order(root, op, reqId, now));
                    break;
                case "order.create-batch" or "order.amend-batch" or "order.cancel-batch":
                    Send(Response(reqId, 10404, "op not supported by this emulator: " + op, op, now));
                    break;
                default:
                    Send(Response(reqId, 10404, "unknown op: " + op, op, now));
                    break;
            }
        }
    }

    private void Auth(JsonElement root, string? reqId, long now)
    {
        (int RetCode, string Message)? problem;
        if (Connection.Authenticated) problem = (20001, "Repeat auth");
        else
        {
            string[] args = root.TryGetProperty("args", out var a) && a.ValueKind == JsonValueKind.Array
                ? a.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToArray() : [];
            problem = BybitStreamAuth.Check(args, now, _venue.Options.ApiKey, _signer);
            Connection.Authenticated = problem is null;
        }
        Send(JsonFrames.Build(w =>
        {
            // {"retCode","retMsg","op","connId"} (ws-trade-auth-response.json).
            w.WriteStartObject();
            if (reqId is not null) w.WriteString("reqId", reqId);
            w.WriteNumber("retCode", problem?.RetCode ?? 0);
            w.WriteString("retMsg", problem?.Message ?? "OK");
            w.WriteString("op", "auth");
            w.WriteString("connId", Connection.ConnectionId);
            w.WriteEndObject();
        }));
    }

    private byte[] Order(JsonElement root, string op, string? reqId, long now)
    {
        bool isCreate = op == "order.create";
        if (isCreate) _venue.Summary.OrderReceived();
        BybitLimitVerdict? verdict = null;
        try
        {
            if (!Connection.Authenticated) throw new BybitRejection(10005, "Permission denied: the connection is not authenticated, send auth first");
            if (reqId is not null)
            {
                if (reqId.Length > MaxReqIdLength) throw BybitRejection.Parameter($"reqId longer than {MaxReqIdLength} characters");
                if (!_reqIds.Add(reqId)) throw new BybitRejection(20006, "Duplicate reqId: " + reqId);
            }
            if (!root.TryGetProperty("args", out var args) || args.ValueKind != JsonValueKind.Array || args.GetArrayLength() != 1
                || args[0].ValueKind != JsonValueKind.Object)
                throw BybitRejection.Parameter("args must hold one request object");
            var item = args[0];
            if (!item.TryGetProperty("category", out var category) || category.ValueKind != JsonValueKind.String || category.GetString() != "linear")
                throw new BybitRejection(10404, "category invalid: only linear in this emulator");
            CheckTime(root, now);
            string path = op switch { "order.create" => "/v5/order/create", "order.amend" => "/v5/order/amend", _ => "/v5/order/cancel" };
            verdict = _limits.Spend(path, _venue.Options.OrdersPerSecond, now, forced: _venue.Faults.NextForcedRateLimit());
            if (verdict.Value.Over) throw new BybitRejection(10006, "Too many visits!");
            var request = new BybitRequest("POST", "", item.GetRawText(), now);
            var order = op switch
            {
                "order.create" => _orders.CreateOrder(request),
                "order.amend" => _orders.AmendOrder(request),
                _ => _orders.CancelOrder(request),
            };
            return Response(reqId, 0, "OK", op, now, verdict, order);
        }
        catch (BybitRejection e)
        {
            if (isCreate) _venue.Summary.Rejected(e.RetCode.ToString(CultureInfo.InvariantCulture));
            return Response(reqId, e.RetCode, e.Message, op, now, verdict);
        }
    }

    // header.X-BAPI-TIMESTAMP (required, a string of ms) and X-BAPI-RECV-WINDOW (optional, 5000) under the REST rule.
    private static void CheckTime(JsonElement root, long now)
    {
        static string? Field(JsonElement header, string name) =>
            header.TryGetProperty(name, out var v) ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                _ => null,
            } : null;
        if (!root.TryGetProperty("header", out var header) || header.ValueKind != JsonValueKind.Object || Field(header, "X-BAPI-TIMESTAMP") is not { } timestamp)
            throw BybitRejection.Parameter("header X-BAPI-TIMESTAMP is required");
        string window = Field(header, "X-BAPI-RECV-WINDOW") ?? "5000";
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out long ts)
            || !long.TryParse(window, NumberStyles.None, CultureInfo.InvariantCulture, out long recv))
            throw BybitRejection.Parameter("header X-BAPI-TIMESTAMP or X-BAPI-RECV-WINDOW invalid");
        if (!(now - recv <= ts && ts < now + 1000))
            throw new BybitRejection(10002, string.Create(CultureInfo.InvariantCulture,
                $"invalid request, please check your server timestamp or recv_window param. req_timestamp[{ts}],server_timestamp[{now}],recv_window[{recv}]"));
    }

    /// <summary>
    /// <c>{"reqId"?,"retCode","retMsg","op","data","retExtInfo","header","connId"}</c> (ws-trade-order-create-response.json):
    /// <c>data</c> is <c>{orderId, orderLinkId}</c> when accepted, <c>{}</c> otherwise; <c>header</c> has the budget's
    /// <c>X-Bapi-Limit*</c> fields once the request reached it, then <c>Traceid</c> and <c>Timenow</c>.
    /// </summary>
    private byte[] Response(string? reqId, int retCode, string retMsg, string op, long now, BybitLimitVerdict? verdict = null, BybitOrder? order = null) =>
        JsonFrames.Build(w =>
        {
            w.WriteStartObject();
            if (reqId is not null) w.WriteString("reqId", reqId);
            w.WriteNumber("retCode", retCode);
            w.WriteString("retMsg", retMsg);
            w.WriteString("op", op);
            w.WriteStartObject("data");
            if (order is not null)
            {
                w.WriteString("orderId", order.OrderId);
                w.WriteString("orderLinkId", order.OrderLinkId);
            }
            w.WriteEndObject();
            w.WriteStartObject("retExtInfo");
            w.WriteEndObject();
            w.WriteStartObject("header");
            if (verdict is { } v) foreach (var (name, value) in v.Headers()) w.WriteString(name, value);
            w.WriteString("Traceid", Guid.NewGuid().ToString("N"));
            w.WriteString("Timenow", now.ToString(CultureInfo.InvariantCulture));
            w.WriteEndObject();
            w.WriteString("connId", Connection.ConnectionId);
            w.WriteEndObject();
        });

    private void Send(byte[] frame) => Connection.Socket.Send(frame);
}
