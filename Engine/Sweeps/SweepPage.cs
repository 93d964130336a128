using System.Globalization;
using System.Net;
using System.Text;

namespace Hft.Engine.Sweeps;

/// <summary>
/// <c>sweep.html</c>: a heatmap of the ranked column over the first two swept parameters (with more than two, each cell
/// shows the best run over the others; with one, a single strip), then every run in rank order. A static page
/// without scripts, written the same way every time.
/// </summary>
internal static class SweepPage
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The page's text.</summary>
    public static string Format(string title, SweepGrid grid, SweepRanking ranking, IReadOnlyList<SweepRow> rows)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>\n<style>")
          .Append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
          .Append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right;font-variant-numeric:tabular-nums}")
          .Append("th{background:#f4f4f4}.map td{min-width:5em}.note{color:#666}</style></head><body>\n");
        sb.Append("<h1>").Append(E(title)).Append("</h1>\n<p class=\"note\">").Append(rows.Count.ToString(C)).Append(" runs, ranked by ")
          .Append(E(ranking.Column)).Append(ranking.LowerIsBetter ? " (lower is better)" : " (higher is better)").Append(".</p>\n");
        Heatmap(sb, grid, ranking, rows);
        Table(sb, grid, ranking);
        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    private static void Heatmap(StringBuilder sb, SweepGrid grid, SweepRanking ranking, IReadOnlyList<SweepRow> rows)
    {
        var across = grid.Parameters.Count >= 2 ? grid.Parameters[1] : null;
        var down = grid.Parameters[0];
        int columns = across?.Values.Count ?? 1;
        // Best value per cell: the ranking's order is best first, so the first row seen for a cell is its best.
        var cells = new double?[down.Values.Count, columns];
        var filled = new bool[down.Values.Count, columns];
        foreach (var row in ranking.Ordered)
        {
            int r = IndexOf(down, row.Point.Values[0]);
            int c = across is null ? 0 : IndexOf(across, row.Point.Values[1]);
            if (filled[r, c]) continue;
            filled[r, c] = true;
            cells[r, c] = row.Number(ranking.Column);
        }
        var values = cells.Cast<double?>().OfType<double>().ToList();
        double min = values.Count > 0 ? values.Min() : 0, max = values.Count > 0 ? values.Max() : 0;
        sb.Append("<h2>").Append(E(ranking.Column)).Append(" by ").Append(E(down.Name));
        if (across is not null) sb.Append(" and ").Append(E(across.Name));
        sb.Append("</h2>\n");
        if (grid.Parameters.Count > 2)
            sb.Append("<p class=\"note\">Each cell is the best run over ").Append(E(string.Join(", ", grid.Parameters.Skip(2).Select(p => p.Name)))).Append(".</p>\n");
        sb.Append("<table class=\"map\"><tr><th>").Append(E(down.Name)).Append(across is null ? "" : " \\ " + E(across.Name)).Append("</th>");
        if (across is null) sb.Append("<th>").Append(E(ranking.Column)).Append("</th>");
        else foreach (var v in across.Values) sb.Append("<th>").Append(E(v)).Append("</th>");
        sb.Append("</tr>\n");
        for (int r = 0; r < down.Values.Count; r++)
        {
            sb.Append("<tr><th>").Append(E(down.Values[r])).Append("</th>");
            for (int c = 0; c < columns; c++)
            {
                if (cells[r, c] is not { } v)
                {
                    sb.Append("<td>-</td>");
                    continue;
                }
                double t = max > min ? (v - min) / (max - min) : 1;
                if (ranking.LowerIsBetter) t = 1 - t;
                sb.Append("<td style=\"background:").Append(Colour(t)).Append("\">").Append(v.ToString("G6", C)).Append("</td>");
            }
            sb.Append("</tr>\n");
        }
        sb.Append("</table>\n");
    }

    private static void Table(StringBuilder sb, SweepGrid grid, SweepRanking ranking)
    {
        string[] shown = SweepTable.ShownColumns(ranking);
        sb.Append("<h2>Runs</h2>\n<table><tr><th>rank</th>");
        foreach (var p in grid.Parameters) sb.Append("<th>").Append(E(p.Name)).Append("</th>");
        foreach (var c in shown) sb.Append("<th>").Append(E(c)).Append("</th>");
        sb.Append("</tr>\n");
        int rank = 0;
        foreach (var row in ranking.Ordered)
        {
            sb.Append("<tr><td>").Append((++rank).ToString(C)).Append("</td>");
            foreach (var v in row.Point.Values) sb.Append("<td>").Append(E(v)).Append("</td>");
            if (row.Error is not null) sb.Append("<td colspan=\"").Append(shown.Length.ToString(C)).Append("\">failed: ").Append(E(row.Error)).Append("</td>");
            else foreach (var c in shown) sb.Append("<td>").Append(E(SweepTable.Cell(row, c))).Append("</td>");
            sb.Append("</tr>\n");
        }
        sb.Append("</table>\n");
    }

    private static int IndexOf(SweepParameter p, string value)
    {
        for (int k = 0; k < p.Values.Count; k++)
        {
            if (p.Values[k] == value) return k;
        }
        throw new ArgumentException($"{value} is not a value of {p.Name}");
    }

    // Worst red to best green through a pale yellow, light enough for black text.
    private static string Colour(double t)
    {
        t = Math.Clamp(t, 0, 1);
        (double r, double g, double b) = t < 0.5
            ? (248, 105 + (235 - 105) * t * 2, 107 + (132 - 107) * t * 2)
            : (248 - (248 - 99) * (t - 0.5) * 2, 235 - (235 - 190) * (t - 0.5) * 2, 132 - (132 - 123) * (t - 0.5) * 2);
        return "#" + ((int)r).ToString("x2", C) + ((int)g).ToString("x2", C) + ((int)b).ToString("x2", C);
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
