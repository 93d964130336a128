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

    /// <summary>The row of a run whose summary is <paramref name="json"/>.</summary>
    public static SweepRow FromSummary(SweepPoint point, string json)
    {
        var columns = new List<KeyValuePair<string, string>>();
        using (var document = JsonDocument.Parse(json)) Flatten(document.RootElement, "", columns);
        return new SweepRow(point, columns);
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

    private static void Flatten(JsonElement element, string prefix, List<KeyValuePair<string, string>> columns)
    {
        foreach (var property in element.EnumerateObject())
        {
            string name = prefix + property.Name;
            if (prefix.Length == 0 && WallTime.Contains(name)) continue;
            var value = property.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    Flatten(value, name + ".", columns);
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
                default:
                    columns.Add(new(name, value.GetRawText()));
                    break;
            }
        }
    }
}
