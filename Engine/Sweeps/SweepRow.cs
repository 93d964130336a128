using System.Globalization;
using System.Text.Json;

namespace Hft.Engine.Sweeps;

/// <summary>
/// One run of a sweep as it appears in <c>sweep.csv</c>: the point it ran, then the keys of its <c>backtest --json</c>
/// summary in their order (nested objects as dotted names, <c>statistics.sharpe</c>; arrays left out), each value as
/// the summary wrote it. The wall-time keys are left out, so that a sweep gives the same file every time. A run that
/// failed has <see cref="Error"/> and no columns.
/// </summary>
internal sealed record SweepRow(SweepPoint Point, IReadOnlyList<KeyValuePair<string, string>> Columns, string? Error = null)
{
    private static readonly HashSet<string> WallTime = new(StringComparer.Ordinal) { "wall_seconds", "events_per_second" };

    /// <summary>The row of a run whose summary is <paramref name="json"/>; its column names are taken from <paramref name="names"/> when given.</summary>
    public static SweepRow FromSummary(SweepPoint point, string json, SweepColumnNames? names = null)
    {
        var columns = new List<KeyValuePair<string, string>>();
        using (var document = JsonDocument.Parse(json)) Flatten(document.RootElement, "", columns, names ?? new SweepColumnNames());
        return new SweepRow(point, columns.ToArray());
    }

    /// <summary>The value of <paramref name="column"/> as written, or null when the row has no such column.</summary>
    public string? Value(string column)
    {
        foreach (var (key, value) in Columns)
        {
            if (key == column) return value;
        }
        return null;
    }

    /// <summary>The value of <paramref name="column"/> as a number, or null when it is missing, empty or not a number.</summary>
    public double? Number(string column) =>
        double.TryParse(Value(column), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v : null;

    private static void Flatten(JsonElement element, string prefix, List<KeyValuePair<string, string>> columns, SweepColumnNames names)
    {
        foreach (var property in element.EnumerateObject())
        {
            string name = names.Share(prefix + property.Name);
            if (prefix.Length == 0 && WallTime.Contains(name)) continue;
            var value = property.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    Flatten(value, name + ".", columns, names);
                    break;
                case JsonValueKind.Array:
                    break;
                case JsonValueKind.String:
                    columns.Add(new(name, value.GetString()!));
                    break;
                case JsonValueKind.Null:
                    // A number that was not finite (a Sharpe ratio without variance): an empty cell.
                    columns.Add(new(name, ""));
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    columns.Add(new(name, value.ValueKind == JsonValueKind.True ? "true" : "false"));
                    break;
                default:
                    columns.Add(new(name, value.GetRawText()));
                    break;
            }
        }
    }
}
