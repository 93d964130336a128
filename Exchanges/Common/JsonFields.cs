using System.Globalization;
using System.Text.Json;

namespace Hft.Exchanges.Common;

/// <summary>
/// Typed reads of venue JSON that fail with a <see cref="FormatException"/> naming the field, for messages that are not
/// on the per-event market path (user data, REST answers). Decimal fields are strings, as the venues send them; times
/// may be numbers or strings (futures sends <c>listenKeyExpired.E</c> as a string).
/// </summary>
public static class JsonFields
{
    /// <summary>The required string <paramref name="name"/>.</summary>
    public static string String(JsonElement e, string name) =>
        Has(e, name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Missing(name, "a string");

    /// <summary>The string <paramref name="name"/>, or null when absent or null.</summary>
    public static string? OptionalString(JsonElement e, string name) =>
        Has(e, name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>The required decimal-in-a-string (or number) <paramref name="name"/>.</summary>
    public static decimal Decimal(JsonElement e, string name)
    {
        if (!Has(e, name, out var v)) throw Missing(name, "a decimal");
        if (v.ValueKind == JsonValueKind.String && decimal.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out d)) return d;
        throw Missing(name, "a decimal");
    }

    /// <summary>The decimal <paramref name="name"/>, or <paramref name="fallback"/> when absent, null or an empty string (Bybit's <c>avgPrice</c> before a fill).</summary>
    public static decimal OptionalDecimal(JsonElement e, string name, decimal fallback = 0) =>
        !Has(e, name, out var v) || v.ValueKind == JsonValueKind.Null || (v.ValueKind == JsonValueKind.String && v.GetString()!.Length == 0)
            ? fallback : Decimal(e, name);

    /// <summary>The required integer <paramref name="name"/> (a number, or digits in a string).</summary>
    public static long Int64(JsonElement e, string name)
    {
        if (!Has(e, name, out var v)) throw Missing(name, "an integer");
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long n)) return n;
        if (v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out n)) return n;
        throw Missing(name, "an integer");
    }

    /// <summary>The integer <paramref name="name"/>, or <paramref name="fallback"/> when absent.</summary>
    public static long OptionalInt64(JsonElement e, string name, long fallback = 0) =>
        Has(e, name, out _) ? Int64(e, name) : fallback;

    /// <summary>The boolean <paramref name="name"/>, or false when absent.</summary>
    public static bool OptionalBool(JsonElement e, string name)
    {
        if (!Has(e, name, out var v)) return false;
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Missing(name, "true or false"),
        };
    }

    /// <summary>The required object <paramref name="name"/>.</summary>
    public static JsonElement Object(JsonElement e, string name) =>
        Has(e, name, out var v) && v.ValueKind == JsonValueKind.Object ? v : throw Missing(name, "an object");

    /// <summary>The array <paramref name="name"/>, empty when absent.</summary>
    public static IEnumerable<JsonElement> Array(JsonElement e, string name)
    {
        if (!Has(e, name, out var v)) return [];
        return v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : throw Missing(name, "an array");
    }

    /// <summary>Parses one frame as a JSON object (the caller disposes it).</summary>
    /// <exception cref="FormatException">Not JSON, or not an object.</exception>
    public static JsonDocument ParseObject(ReadOnlySpan<byte> frame)
    {
        JsonDocument doc;
        try
        {
            var reader = new Utf8JsonReader(frame);
            doc = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new FormatException("invalid JSON: " + e.Message, e);
        }
        if (doc.RootElement.ValueKind == JsonValueKind.Object) return doc;
        doc.Dispose();
        throw new FormatException("the message is not a JSON object");
    }

    // An array item or a value where an object was expected has no fields at all (TryGetProperty would throw).
    private static bool Has(JsonElement e, string name, out JsonElement value)
    {
        if (e.ValueKind == JsonValueKind.Object) return e.TryGetProperty(name, out value);
        value = default;
        return false;
    }

    private static FormatException Missing(string name, string what) => new($"'{name}' is missing or not {what}");
}
