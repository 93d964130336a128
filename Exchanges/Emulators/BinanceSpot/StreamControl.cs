using System.Text.Json;

namespace Hft.Exchanges.Emulators.BinanceSpot;

/// <summary>
/// The JSON control messages of a market socket (section 2.2.2): SUBSCRIBE, UNSUBSCRIBE, LIST_SUBSCRIPTIONS,
/// SET_PROPERTY/GET_PROPERTY of <c>combined</c>. The answer echoes the request's <c>id</c> in its JSON type (number,
/// string or null); errors carry the venue's codes 0 (unknown property), 1 (bad value type), 2 (invalid request) and
/// 3 (invalid JSON).
/// </summary>
internal static class StreamControl
{
    /// <summary>The answer to one text message of <paramref name="connection"/>.</summary>
    public static byte[] Handle(string text, MarketConnection connection, MarketStreams streams)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            return Error(3, $"Invalid JSON: expected value at line {(e.LineNumber ?? 0) + 1} column {(e.BytePositionInLine ?? 0) + 1}", null);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Error(2, "Invalid request: expected an object", null);
            string? id = null;
            if (root.TryGetProperty("id", out var idElement))
            {
                if (!ValidId(idElement)) return Error(2, "Invalid request: request ID must be a signed 64-bit integer, an alphanumeric string of at most 36 characters, or null", null);
                id = idElement.GetRawText();
            }
            if (!root.TryGetProperty("method", out var methodElement) || methodElement.ValueKind != JsonValueKind.String)
                return Error(2, "Invalid request: missing field `method`", id);
            root.TryGetProperty("params", out var parameters);
            string method = methodElement.GetString()!;
            switch (method)
            {
                case "SUBSCRIBE":
                case "UNSUBSCRIBE":
                {
                    if (StreamNames(parameters) is not { } names) return Error(2, "Invalid request: params must be an array of stream names", id);
                    bool subscribe = method == "SUBSCRIBE";
                    bool tooMany = streams.Change(connection, c =>
                    {
                        if (!subscribe) { c.Streams.RemoveAll(names.Contains); return false; }
                        var added = names.Where(n => !c.Streams.Contains(n)).Distinct().ToList();
                        if (c.Streams.Count + added.Count > MarketStreams.MaxStreams) return true;
                        c.Streams.AddRange(added);
                        return false;
                    });
                    return tooMany ? Error(2, $"Invalid request: too many streams (at most {MarketStreams.MaxStreams} per connection)", id) : Result(w => w.WriteNullValue(), id);
                }
                case "LIST_SUBSCRIPTIONS":
                {
                    var list = streams.Change(connection, c => c.Streams.ToList());
                    return Result(w =>
                    {
                        w.WriteStartArray();
                        foreach (string s in list) w.WriteStringValue(s);
                        w.WriteEndArray();
                    }, id);
                }
                case "SET_PROPERTY":
                {
                    if (parameters.ValueKind != JsonValueKind.Array || parameters.GetArrayLength() != 2) return Error(2, "Invalid request: SET_PROPERTY takes [property, value]", id);
                    if (parameters[0].GetString() != "combined") return Error(0, "Unknown property", id);
                    if (parameters[1].ValueKind is not (JsonValueKind.True or JsonValueKind.False)) return Error(1, "Invalid value type: expected Boolean", id);
                    bool combined = parameters[1].GetBoolean();
                    streams.Change(connection, c => c.Combined = combined);
                    return Result(w => w.WriteNullValue(), id);
                }
                case "GET_PROPERTY":
                {
                    if (parameters.ValueKind != JsonValueKind.Array || parameters.GetArrayLength() != 1) return Error(2, "Invalid request: GET_PROPERTY takes [property]", id);
                    if (parameters[0].GetString() != "combined") return Error(0, "Unknown property", id);
                    bool combined = streams.Change(connection, c => c.Combined);
                    return Result(w => w.WriteBooleanValue(combined), id);
                }
                default:
                    return Error(2, $"Invalid request: unknown method '{method}'", id);
            }
        }
    }

    private static bool ValidId(JsonElement id) => id.ValueKind switch
    {
        JsonValueKind.Null => true,
        JsonValueKind.Number => id.TryGetInt64(out _),
        JsonValueKind.String => id.GetString() is { Length: > 0 and <= 36 } s && s.All(char.IsAsciiLetterOrDigit),
        _ => false,
    };

    private static List<string>? StreamNames(JsonElement parameters)
    {
        if (parameters.ValueKind != JsonValueKind.Array) return null;
        var names = new List<string>();
        foreach (var p in parameters.EnumerateArray())
        {
            if (p.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(p.GetString())) return null;
            names.Add(p.GetString()!);
        }
        return names;
    }

    private static byte[] Result(Action<Utf8JsonWriter> result, string? id) => JsonBytes.Build(w =>
    {
        w.WriteStartObject();
        w.WritePropertyName("result");
        result(w);
        WriteId(w, id);
        w.WriteEndObject();
    });

    private static byte[] Error(int code, string message, string? id) => JsonBytes.Build(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("code", code);
        w.WriteString("msg", message);
        if (id is not null) WriteId(w, id);
        w.WriteEndObject();
    });

    private static void WriteId(Utf8JsonWriter w, string? id)
    {
        w.WritePropertyName("id");
        if (id is null) w.WriteNullValue();
        else w.WriteRawValue(id, skipInputValidation: true);
    }
}
