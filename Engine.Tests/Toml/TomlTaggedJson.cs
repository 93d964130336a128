using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hft.Engine.Config.Toml;
using Tomlyn;
using Tomlyn.Helpers;

namespace Hft.Engine.Tests.Toml;

/// <summary>
/// The toml-test "tagged JSON" form of a document, and the suite's rules for comparing two such
/// forms (see the README next to the data): scalars are <c>{"type": ..., "value": "..."}</c>.
/// </summary>
internal static class TomlTaggedJson
{
    public static JsonNode From(ConfigValue value) => value switch
    {
        ConfigTable table => FromTable(table),
        ConfigArray array => new JsonArray(array.Select(From).ToArray()),
        ConfigScalar { Value: string s } => Leaf("string", s),
        ConfigScalar { Value: long i } => Leaf("integer", i.ToString(CultureInfo.InvariantCulture)),
        ConfigScalar { Value: double f } => Leaf("float", FloatText(f)),
        ConfigScalar { Value: bool b } => Leaf("bool", b ? "true" : "false"),
        ConfigScalar { Value: TomlDateTime t, Kind: var kind } => Leaf(kind switch
        {
            ConfigValueKind.LocalDateTime => "datetime-local",
            ConfigValueKind.LocalDate => "date-local",
            ConfigValueKind.LocalTime => "time-local",
            _ => "datetime",
        }, TomlFormatHelper.ToString(t)),
        _ => throw new ArgumentException($"unknown value type {value.GetType().Name}"),
    };

    private static JsonObject FromTable(ConfigTable table)
    {
        var obj = new JsonObject();
        foreach (var entry in table.Entries)
            obj[entry.Key] = From(entry.Value);
        return obj;
    }

    private static JsonObject Leaf(string type, string value) => new() { ["type"] = type, ["value"] = value };

    private static string FloatText(double v) =>
        double.IsNaN(v) ? "nan" : double.IsPositiveInfinity(v) ? "inf" : double.IsNegativeInfinity(v) ? "-inf"
        : v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Differences between the expected and actual tagged JSON, each with its path; empty when equal.</summary>
    public static List<string> Compare(JsonElement expected, JsonElement actual)
    {
        var differences = new List<string>();
        Compare(expected, actual, "$", differences);
        return differences;
    }

    private static void Compare(JsonElement expected, JsonElement actual, string path, List<string> differences)
    {
        var expectedLeaf = IsLeaf(expected);
        if (expectedLeaf || IsLeaf(actual))
        {
            if (!expectedLeaf || !IsLeaf(actual))
            {
                differences.Add($"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}");
                return;
            }
            var type = expected.GetProperty("type").GetString()!;
            var actualType = actual.GetProperty("type").GetString()!;
            var e = expected.GetProperty("value").GetString()!;
            var a = actual.GetProperty("value").GetString()!;
            if (type != actualType || !ValuesEqual(type, e, a))
                differences.Add($"{path}: expected {type} {e}, got {actualType} {a}");
            return;
        }

        if (expected.ValueKind != actual.ValueKind)
        {
            differences.Add($"{path}: expected {expected.ValueKind} {expected.GetRawText()}, got {actual.ValueKind} {actual.GetRawText()}");
            return;
        }
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
            {
                var e = expected.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
                var a = actual.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
                foreach (var key in e.Keys.Except(a.Keys))
                    differences.Add($"{path}: missing key \"{key}\"");
                foreach (var key in a.Keys.Except(e.Keys))
                    differences.Add($"{path}: unexpected key \"{key}\"");
                foreach (var key in e.Keys.Intersect(a.Keys))
                    Compare(e[key], a[key], $"{path}.\"{key}\"", differences);
                break;
            }
            case JsonValueKind.Array:
            {
                var e = expected.EnumerateArray().ToList();
                var a = actual.EnumerateArray().ToList();
                if (e.Count != a.Count)
                {
                    differences.Add($"{path}: expected {e.Count} elements, got {a.Count}");
                    return;
                }
                for (var i = 0; i < e.Count; i++)
                    Compare(e[i], a[i], $"{path}[{i}]", differences);
                break;
            }
            default:
                differences.Add($"{path}: unexpected JSON {expected.GetRawText()}");
                break;
        }
    }

    // A scalar is an object with exactly the string members "type" and "value"; anything else is a table.
    private static bool IsLeaf(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object &&
        e.EnumerateObject().Count() == 2 &&
        e.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String &&
        e.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String;

    private static bool ValuesEqual(string type, string expected, string actual)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (type)
        {
            case "string":
            case "integer":
                return string.Equals(expected, actual, StringComparison.Ordinal);
            case "bool":
                return string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase);
            case "float":
            {
                var e = ParseFloat(expected);
                var a = ParseFloat(actual);
                return double.IsNaN(e) ? double.IsNaN(a) : e == a;
            }
            case "datetime":
            {
                // Stricter than upstream: same instant and the same offset as written.
                var e = DateTimeOffset.Parse(NormaliseDateTime(expected), inv, DateTimeStyles.None);
                var a = DateTimeOffset.Parse(NormaliseDateTime(actual), inv, DateTimeStyles.None);
                return e.UtcTicks == a.UtcTicks && e.Offset == a.Offset;
            }
            case "datetime-local":
                return DateTime.Parse(NormaliseDateTime(expected), inv).Ticks == DateTime.Parse(NormaliseDateTime(actual), inv).Ticks;
            case "date-local":
                return DateOnly.ParseExact(expected, "yyyy-MM-dd", inv) == DateOnly.ParseExact(actual, "yyyy-MM-dd", inv);
            case "time-local":
                return TimeOnly.Parse(expected, inv) == TimeOnly.Parse(actual, inv);
            default:
                return false;
        }
    }

    private static double ParseFloat(string text) => text switch
    {
        "inf" or "+inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        "nan" or "+nan" or "-nan" => double.NaN,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static string NormaliseDateTime(string text)
    {
        var chars = text.ToCharArray();
        if (chars.Length > 10 && chars[10] == ' ')
            chars[10] = 'T';
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is 't' or 'z')
                chars[i] = char.ToUpperInvariant(chars[i]);
        }
        return new string(chars);
    }
}
