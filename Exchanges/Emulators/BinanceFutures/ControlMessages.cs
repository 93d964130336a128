using System.Text.Json;
using Hft.Exchanges.Emulators.Common;

namespace Hft.Exchanges.Emulators.BinanceFutures;

/// <summary>
/// The JSON requests a stream socket accepts (section 1.2.2): SUBSCRIBE, UNSUBSCRIBE, LIST_SUBSCRIPTIONS,
/// SET_PROPERTY and GET_PROPERTY for <c>combined</c>. The <c>id</c> is echoed as sent, number or string.
/// Error replies use the spot page's codes (0 unknown property, 1 bad value type, 2 invalid request, 3 invalid JSON).
/// </summary>
public static class ControlMessages
{
    /// <summary>The reply to one text message.</summary>
    public static byte[] Answer(string text, StreamSubscriptions subscriptions)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(text); }
        catch (JsonException) { return Error(3, "Invalid JSON: the message could not be parsed", null); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Error(2, "Invalid request: the message must be a JSON object", null);
            string? id = root.TryGetProperty("id", out var idElement) ? idElement.GetRawText() : null;
            if (idElement.ValueKind is not (JsonValueKind.Number or JsonValueKind.String or JsonValueKind.Null or JsonValueKind.Undefined))
                return Error(1, "Invalid value type: id must be an integer or a string", null);
            if (!root.TryGetProperty("method", out var methodElement) || methodElement.ValueKind != JsonValueKind.String)
                return Error(2, "Invalid request: 'method' is missing", id);
            string method = methodElement.GetString()!;
            root.TryGetProperty("params", out var p);
            switch (method)
            {
                case "SUBSCRIBE":
                case "UNSUBSCRIBE":
                    if (p.ValueKind != JsonValueKind.Array || p.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                        return Error(2, "Invalid request: 'params' must be an array of stream names", id);
                    var names = p.EnumerateArray().Select(e => e.GetString()!).ToList();
                    if (method == "SUBSCRIBE") subscriptions.Add(names);
                    else subscriptions.Remove(names);
                    return Result(id, w => w.WriteNullValue());
                case "LIST_SUBSCRIPTIONS":
                    return Result(id, w =>
                    {
                        w.WriteStartArray();
                        foreach (string s in subscriptions.List()) w.WriteStringValue(s);
                        w.WriteEndArray();
                    });
                case "SET_PROPERTY":
                    if (p.ValueKind != JsonValueKind.Array || p.GetArrayLength() != 2 || p[0].ValueKind != JsonValueKind.String)
                        return Error(2, "Invalid request: SET_PROPERTY takes [name, value]", id);
                    if (p[0].GetString() != "combined") return Error(0, "Unknown property", id);
                    if (p[1].ValueKind is not (JsonValueKind.True or JsonValueKind.False)) return Error(1, "Invalid value type: expected Boolean", id);
                    subscriptions.Combined = p[1].GetBoolean();
                    return Result(id, w => w.WriteNullValue());
                case "GET_PROPERTY":
                    if (p.ValueKind != JsonValueKind.Array || p.GetArrayLength() != 1 || p[0].ValueKind != JsonValueKind.String)
                        return Error(2, "Invalid request: GET_PROPERTY takes [name]", id);
                    if (p[0].GetString() != "combined") return Error(0, "Unknown property", id);
                    return Result(id, w => w.WriteBooleanValue(subscriptions.Combined));
                default:
                    return Error(2, $"Invalid request: unknown method '{method}'", id);
            }
        }
    }

    private static byte[] Result(string? id, Action<Utf8JsonWriter> result) => JsonFrames.Build(w =>
    {
        w.WriteStartObject();
        w.WritePropertyName("result");
        result(w);
        WriteId(w, id);
        w.WriteEndObject();
    });

    private static byte[] Error(int code, string message, string? id) => JsonFrames.Build(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("code", code);
        w.WriteString("msg", message);
        WriteId(w, id);
        w.WriteEndObject();
    });

    private static void WriteId(Utf8JsonWriter w, string? id)
    {
        w.WritePropertyName("id");
        if (id is null) w.WriteNullValue();
        else w.WriteRawValue(id, skipInputValidation: true);
    }
}
