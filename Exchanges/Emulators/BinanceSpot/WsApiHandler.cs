using System.Text.Json;

namespace Hft.Exchanges.Emulators.BinanceSpot;

/// <summary>
/// The WebSocket API (<c>/ws-api/v3</c>, sections 2.4.1 and 2.6): <c>{"id","method","params"}</c> requests answered
/// <c>{"id","status","result"|"error"}</c> with the id echoed in its JSON type. User data comes through
/// <c>userDataStream.subscribe.signature</c> (HMAC over the params sorted by name); order methods (<c>order.place</c>,
/// <c>order.cancel</c>, ...) take the same sorted-params signature and add <c>rateLimits</c> to their answers.
/// Rate limits are shared with REST.
/// </summary>
internal sealed class WsApiHandler(SpotVenue venue, OrderEntry orders)
{
    private delegate RestAnswer OrderMethod(SpotParams p, long nowMs);

    /// <summary>The answer to one text message of <paramref name="connection"/>.</summary>
    public byte[] Handle(string text, WsApiConnection connection)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return Error(null, 400, -1000, "Invalid JSON: the request is not a JSON object.", false);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Error(null, 400, -1000, "Invalid request: expected a JSON object.", false);
            string? id = root.TryGetProperty("id", out var idElement) ? idElement.GetRawText() : null;
            if (!root.TryGetProperty("method", out var m) || m.ValueKind != JsonValueKind.String)
                return Error(id, 400, -1102, "Mandatory parameter 'method' was not sent, was empty/null, or malformed.", false);
            string method = m.GetString()!;
            if (method.StartsWith("v3/", StringComparison.Ordinal)) method = method[3..];
            var parameters = root.TryGetProperty("params", out var pe) ? pe : default;
            long nowMs = venue.NowMs;
            OrderMethod? order = method switch
            {
                "order.place" => orders.New,
                "order.cancel" => orders.Cancel,
                "order.cancelReplace" => orders.CancelReplace,
                "order.amend.keepPriority" => orders.Amend,
                "openOrders.cancelAll" => orders.CancelAll,
                "order.status" => orders.Query,
                "openOrders.status" => orders.OpenOrders,
                "account.status" => orders.Account,
                _ => null,
            };
            if (order is not null) return Order(id, method, SpotParams.FromJson(parameters), order, nowMs);
            if (venue.Limiter.Admit(nowMs, 2) is { } refused) return Refused(id, refused, nowMs, false);
            try
            {
                switch (method)
                {
                    case "ping":
                        return Result(id, w => { w.WriteStartObject(); w.WriteEndObject(); });
                    case "time":
                        return Result(id, w => { w.WriteStartObject(); w.WriteNumber("serverTime", nowMs); w.WriteEndObject(); });
                    case "userDataStream.subscribe.signature":
                    {
                        var p = SpotParams.FromJson(parameters);
                        venue.Auth.Verify(p, p.Get("apiKey"), nowMs);
                        int? subscription;
                        lock (venue.Gate) subscription = venue.Users.Subscribe(connection);
                        if (subscription is not { } sid) return Error(id, 400, -2035, "User Data Stream subscription already active.", false);
                        return Result(id, w => { w.WriteStartObject(); w.WriteNumber("subscriptionId", sid); w.WriteEndObject(); });
                    }
                    case "userDataStream.subscribe":
                        // Needs session.logon, which takes Ed25519 keys only; the emulator's key is HMAC.
                        return Error(id, 400, -1193, "WebSocket session not authenticated.", false);
                    case "session.logon":
                        return Error(id, 400, -2028, "Only Ed25519 API keys can authenticate a session; use userDataStream.subscribe.signature.", false);
                    case "userDataStream.unsubscribe":
                    {
                        int? wanted = parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty("subscriptionId", out var s) && s.TryGetInt32(out int n) ? n : null;
                        bool ended;
                        lock (venue.Gate) ended = venue.Users.Unsubscribe(connection, wanted, OrderJson.EventStreamTerminated(nowMs));
                        if (!ended && wanted is not null) return Error(id, 400, -2036, "Invalid subscription ID.", false);
                        return Result(id, w => { w.WriteStartObject(); w.WriteEndObject(); });
                    }
                    case "session.subscriptions":
                    {
                        int? active = connection.SubscriptionId;
                        return Result(id, w =>
                        {
                            w.WriteStartArray();
                            if (active is { } a) { w.WriteStartObject(); w.WriteNumber("subscriptionId", a); w.WriteEndObject(); }
                            w.WriteEndArray();
                        });
                    }
                    default:
                        return Error(id, 400, -1000, $"Unknown method '{method}'.", false);
                }
            }
            catch (SpotRejection e)
            {
                return Error(id, e.HttpStatus, e.Code, e.Message, false);
            }
        }
    }

    private byte[] Order(string? id, string method, SpotParams p, OrderMethod handle, long nowMs)
    {
        bool places = method is "order.place" or "order.cancelReplace";
        bool orderRequest = places || method is "order.cancel" or "order.amend.keepPriority" or "openOrders.cancelAll";
        if (places) venue.Summary.OrderReceived();
        if (venue.Limiter.Admit(nowMs, method == "account.status" ? 20 : method is "order.status" or "order.amend.keepPriority" ? 4 : 1) is { } refused)
        {
            if (orderRequest) venue.Summary.Rejected(refused.HttpStatus == 418 ? "IP_BANNED" : "TOO_MANY_REQUESTS");
            return Refused(id, refused, nowMs, true);
        }
        try
        {
            venue.Auth.Verify(p, p.Get("apiKey"), nowMs);
            if (places && venue.Limiter.AdmitOrder(nowMs) is { } tooMany)
            {
                venue.Summary.Rejected("TOO_MANY_ORDERS");
                return Refused(id, tooMany, nowMs, true);
            }
            var answer = handle(p, nowMs);
            return JsonBytes.Build(w =>
            {
                w.WriteStartObject();
                WriteId(w, id);
                w.WriteNumber("status", answer.Status);
                w.WritePropertyName(answer.Status == 200 ? "result" : "error");
                w.WriteRawValue(answer.Body, skipInputValidation: true);
                VenueJson.RateLimitCounts(w, venue.Limiter.Limits, venue.Limiter.OrderCounts(nowMs), venue.Limiter.UsedWeight(nowMs));
                w.WriteEndObject();
            });
        }
        catch (SpotRejection e)
        {
            if (orderRequest) venue.Summary.Rejected(e.Reason);
            return Error(id, e.HttpStatus, e.Code, e.Message, true);
        }
    }

    private byte[] Refused(string? id, RateVerdict v, long nowMs, bool rateLimits) => JsonBytes.Build(w =>
    {
        w.WriteStartObject();
        WriteId(w, id);
        w.WriteNumber("status", v.HttpStatus);
        w.WriteStartObject("error");
        w.WriteNumber("code", v.Code);
        w.WriteString("msg", v.Message);
        w.WriteStartObject("data");
        w.WriteNumber("serverTime", nowMs);
        w.WriteNumber("retryAfter", v.RetryAtMs);
        w.WriteEndObject();
        w.WriteEndObject();
        if (rateLimits) VenueJson.RateLimitCounts(w, venue.Limiter.Limits, venue.Limiter.OrderCounts(nowMs), venue.Limiter.UsedWeight(nowMs));
        w.WriteEndObject();
    });

    private byte[] Error(string? id, int status, int code, string message, bool rateLimits) => JsonBytes.Build(w =>
    {
        w.WriteStartObject();
        WriteId(w, id);
        w.WriteNumber("status", status);
        w.WriteStartObject("error");
        w.WriteNumber("code", code);
        w.WriteString("msg", message);
        w.WriteEndObject();
        if (rateLimits)
        {
            long now = venue.NowMs;
            VenueJson.RateLimitCounts(w, venue.Limiter.Limits, venue.Limiter.OrderCounts(now), venue.Limiter.UsedWeight(now));
        }
        w.WriteEndObject();
    });

    private static byte[] Result(string? id, Action<Utf8JsonWriter> result) => JsonBytes.Build(w =>
    {
        w.WriteStartObject();
        WriteId(w, id);
        w.WriteNumber("status", 200);
        w.WritePropertyName("result");
        result(w);
        w.WriteEndObject();
    });

    private static void WriteId(Utf8JsonWriter w, string? id)
    {
        w.WritePropertyName("id");
        if (id is null) w.WriteNullValue();
        else w.WriteRawValue(id, skipInputValidation: true);
    }
}
