using System.Globalization;
using System.Text;

namespace Hft.Engine.Sweeps;

/// <summary>The ranked table a sweep prints: rank, the swept values, the ranked column and the main results, best first.</summary>
internal static class SweepTable
{
    private static readonly string[] Main = ["pnl", "statistics.sharpe", "statistics.max_drawdown", "orders", "fills", "position"];

    /// <summary>The result columns shown: the ranked one first, then the main ones.</summary>
    public static string[] ShownColumns(SweepRanking ranking) => [ranking.Column, .. Main.Where(c => c != ranking.Column)];

    /// <summary>A value for display: numbers to six significant digits, empty as "-".</summary>
    public static string Cell(SweepRow row, string column)
    {
        string? text = row.Value(column);
        if (string.IsNullOrEmpty(text)) return "-";
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && !text.Contains('"')
            ? v.ToString("G6", CultureInfo.InvariantCulture)
            : text;
    }

    /// <summary>The table's text with the first <paramref name="top"/> runs.</summary>
    public static string Format(SweepGrid grid, SweepRanking ranking, int top)
    {
        string[] shown = ShownColumns(ranking);
        var header = new List<string> { "rank" };
        header.AddRange(grid.Parameters.Select(p => p.Name));
        header.AddRange(shown.Select(c => c.StartsWith("statistics.", StringComparison.Ordinal) ? c["statistics.".Length..] : c));
        var lines = new List<string[]> { header.ToArray() };
        int rank = 0;
        foreach (var row in ranking.Ordered.Take(top))
        {
            var cells = new List<string> { (++rank).ToString(CultureInfo.InvariantCulture) };
            cells.AddRange(row.Point.Values);
            if (row.Error is not null) cells.Add("failed: " + row.Error);
            else cells.AddRange(shown.Select(c => Cell(row, c)));
            lines.Add(cells.ToArray());
        }
        int columns = header.Count;
        var widths = new int[columns];
        foreach (var line in lines)
        {
            for (int k = 0; k < Math.Min(columns, line.Length); k++)
            {
                // A failure's message runs past the table; it does not widen the column.
                if (k < line.Length - 1 || line.Length == columns) widths[k] = Math.Max(widths[k], line[k].Length);
            }
        }
        var sb = new StringBuilder();
        foreach (var line in lines)
        {
            for (int k = 0; k < line.Length; k++)
            {
                if (k > 0) sb.Append("  ");
                sb.Append(k == line.Length - 1 ? line[k] : line[k].PadRight(widths[k]));
            }
            sb.Append('\n');
        }
        if (ranking.Ordered.Count > top) sb.Append("... ").Append((ranking.Ordered.Count - top).ToString(CultureInfo.InvariantCulture)).Append(" more in sweep.csv\n");
        return sb.ToString().TrimEnd('\n');
    }
}
