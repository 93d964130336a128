using System.Text;

namespace Hft.Engine.Sweeps;

/// <summary>
/// <c>sweep.csv</c>: one row per run in grid order, a column per swept parameter (named as the parameter), then every
/// summary column any run has, in the order the summaries list them, and <c>error</c> when a run failed. The same sweep
/// writes the same bytes whatever the number of workers.
/// </summary>
internal static class SweepCsv
{
    /// <summary>The summary columns of <paramref name="rows"/>, in first-seen order.</summary>
    public static IReadOnlyList<string> Columns(IEnumerable<SweepRow> rows)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var columns = new List<string>();
        foreach (var row in rows)
        {
            foreach (var (key, _) in row.Columns)
            {
                if (seen.Add(key)) columns.Add(key);
            }
        }
        return columns;
    }

    /// <summary>The file's text.</summary>
    public static string Format(SweepGrid grid, IReadOnlyList<SweepRow> rows)
    {
        var columns = Columns(rows);
        bool errors = rows.Any(r => r.Error is not null);
        var sb = new StringBuilder();
        var header = grid.Parameters.Select(p => p.Name).Concat(columns);
        if (errors) header = header.Append("error");
        sb.Append(string.Join(",", header.Select(Quote))).Append('\n');
        foreach (var row in rows)
        {
            var cells = row.Point.Values.Concat(columns.Select(c => row.Value(c) ?? ""));
            if (errors) cells = cells.Append(row.Error ?? "");
            sb.Append(string.Join(",", cells.Select(Quote))).Append('\n');
        }
        return sb.ToString();
    }

    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
