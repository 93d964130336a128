using System.Globalization;
using System.Net;
using System.Text;
using Hft.Backtest.Recording;
using Hft.Backtest.Runs;
using Hft.Backtest.Statistics;
using Hft.Core.Time;

namespace Hft.Backtest.Reports;

/// <summary>
/// Writes <c>report.html</c>: one self-contained page (inline CSS and SVG, no scripts, no network) with the
/// key figures, charts of price with buy and sell fills, equity, drawdown and position, the statistics table
/// and the run's configuration. Nothing from the wall clock or the machine is written, so the same run gives the
/// same bytes.
/// </summary>
public static class HtmlReport
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    private const string Css = """
        :root{--fg:#0f172a;--muted:#64748b;--line:#e2e8f0;--bg:#f8fafc;--card:#fff}
        *{box-sizing:border-box}
        body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
        main{max-width:1180px;margin:0 auto;padding:28px 24px 48px}
        h1{font-size:24px;margin:0 0 4px}
        h2{font-size:17px;margin:28px 0 10px}
        .sub{color:var(--muted);margin:0}
        .kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px;margin-top:20px}
        .kpi{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 14px}
        .kpi .k{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
        .kpi .v{font-size:20px;font-weight:600;font-variant-numeric:tabular-nums;margin-top:2px}
        .pos{color:#15803d}.neg{color:#b91c1c}
        figure{margin:0 0 12px;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:6px 8px}
        svg.chart{display:block;width:100%;height:auto}
        svg .plot{fill:#fff;stroke:var(--line)}
        svg .grid{stroke:#eef2f7;stroke-width:1}
        svg .zero{stroke:#94a3b8;stroke-width:1;stroke-dasharray:4 3}
        svg text{font:11px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;fill:var(--muted)}
        svg .ctitle{font-size:13px;font-weight:600;fill:var(--fg)}
        svg .ylab{text-anchor:end;font-variant-numeric:tabular-nums}
        svg .xlab{text-anchor:middle}
        .price-line{fill:none;stroke:#334155;stroke-width:1.3}
        .price-band{fill:#cbd5e1;fill-opacity:.55;stroke:none}
        .buy{fill:#16a34a}.sell{fill:#dc2626}
        .equity-line{fill:none;stroke:#2563eb;stroke-width:1.6}
        .equity-band{fill:#bfdbfe;fill-opacity:.7;stroke:none}
        .dd-area{fill:#fca5a5;fill-opacity:.75;stroke:#dc2626;stroke-width:1}
        .pos-line{fill:none;stroke:#7c3aed;stroke-width:1.4}
        .pos-band{fill:#ddd6fe;fill-opacity:.8;stroke:none}
        .statgrid{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:14px;align-items:start}
        .statgrid.wide{grid-template-columns:minmax(0,1fr)}
        table{border-collapse:separate;border-spacing:0;width:100%;background:var(--card);border:1px solid var(--line);border-radius:8px;overflow:hidden}
        tr:last-child td{border-bottom:none}
        th.num{text-align:right}
        th,td{padding:6px 12px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
        th{background:#f1f5f9;font-weight:600;font-size:13px}
        td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        td.key{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
        td.val{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px;word-break:break-all}
        .note{color:var(--muted);font-size:12.5px;margin:8px 2px}
        footer{color:var(--muted);font-size:12px;margin-top:32px}
        """;

    /// <summary>The page as text.</summary>
    public static string Render(BacktestResult result, RunDescription run)
    {
        var recording = result.Recording ?? throw new ArgumentException("The run had no recorder.", nameof(result));
        var h = new StringBuilder(1 << 18);
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        h.Append("<title>Backtest report: ").Append(E(run.Title)).Append("</title>\n<style>\n").Append(Css).Append("\n</style>\n</head>\n<body>\n<main>\n");

        var p = recording.Portfolio;
        long span = result.LastTime - result.FirstTime;
        h.Append("<header>\n<h1>Backtest report: ").Append(E(run.Title)).Append("</h1>\n<p class=\"sub\">")
            .Append(E(MetricFormat.FormatTime(result.FirstTime))).Append(" → ").Append(E(MetricFormat.FormatTime(result.LastTime)))
            .Append(" UTC (").Append(E(MetricFormat.FormatDuration(span / 1e9))).Append(" of event time) · ")
            .Append(result.Events.ToString("#,0", C)).Append(" events · ")
            .Append(result.Orders.ToString("#,0", C)).Append(" orders · ")
            .Append(result.Fills.ToString("#,0", C)).Append(" fills</p>\n</header>\n");

        h.Append("<section class=\"kpis\" id=\"kpis\">\n");
        Kpi(h, "Total PnL", p.Pnl, "pnl", signed: true);
        Kpi(h, "Sharpe", p.Sharpe, "sharpe", signed: true);
        Kpi(h, "Sortino", p.Sortino, "sortino", signed: true);
        Kpi(h, "Max drawdown", p.MaxDrawdown, "max_drawdown", signed: false);
        Kpi(h, "Trades", p.Trades, "trades", signed: false);
        Kpi(h, "Fill ratio", p.FillRatio, "fill_ratio", signed: false);
        Kpi(h, "Fees paid", p.Fees, "fees", signed: false);
        h.Append("</section>\n");

        bool many = recording.Instruments.Count > 1;
        if (many)
        {
            h.Append("<section class=\"charts\">\n<h2>Portfolio</h2>\n");
            var chart = recording.PortfolioChart;
            if (chart.Count > 0)
            {
                long from = chart[0].FirstTime, to = chart[^1].LastTime;
                h.Append("<figure>").Append(EquityChart("portfolio-equity", "Portfolio equity", chart, from, to)).Append("</figure>\n");
                h.Append("<figure>").Append(DrawdownChart("portfolio-drawdown", "Portfolio drawdown", chart, from, to)).Append("</figure>\n");
            }
            h.Append("</section>\n");
        }
        for (int k = 0; k < recording.Instruments.Count; k++)
        {
            var inst = recording.Instruments[k];
            var chart = inst.Chart;
            string id = many ? $"i{k}-" : "";
            h.Append("<section class=\"charts\">\n<h2>").Append(E(inst.Instrument.Symbol)).Append("</h2>\n");
            if (chart.Count == 0)
            {
                h.Append("<p class=\"note\">No samples were recorded.</p>\n</section>\n");
                continue;
            }
            long from = chart[0].FirstTime, to = chart[^1].LastTime;
            h.Append("<figure>").Append(PriceChart(id + "price", $"{inst.Instrument.Symbol} mid price and fills", chart, from, to)).Append("</figure>\n");
            h.Append("<figure>").Append(EquityChart(id + "equity", "Equity (marked to mid, net of fees)", chart, from, to)).Append("</figure>\n");
            h.Append("<figure>").Append(DrawdownChart(id + "drawdown", "Drawdown", chart, from, to)).Append("</figure>\n");
            h.Append("<figure>").Append(PositionChart(id + "position", "Position", chart, from, to)).Append("</figure>\n");
            h.Append("</section>\n");
        }

        StatisticsTable(h, recording);
        h.Append("<section>\n<h2>Configuration</h2>\n<table class=\"config\" id=\"config\">\n<thead><tr><th>key</th><th>value</th></tr></thead>\n<tbody>\n");
        foreach (var (key, value) in run.Configuration)
        {
            h.Append("<tr><td class=\"key\">").Append(E(key)).Append("</td><td class=\"val\">").Append(E(value)).Append("</td></tr>\n");
        }
        h.Append("</tbody>\n</table>\n</section>\n");
        h.Append("<footer>Written by the HFT engine's backtest. This page is self-contained: no scripts and no network access. ")
            .Append("The statistics are also in summary.json, the recorded samples in equity.csv, orders and fills in orders.csv and fills.csv.</footer>\n");
        h.Append("</main>\n</body>\n</html>\n");
        return h.ToString();
    }

    private static void Kpi(StringBuilder h, string label, object? value, string key, bool signed)
    {
        var metric = MetricCatalog.Find(key)!;
        string css = "v";
        if (signed && value is double d && d != 0) css += d > 0 ? " pos" : " neg";
        h.Append("<div class=\"kpi\" data-metric=\"").Append(key).Append("\"><div class=\"k\">").Append(E(label)).Append("</div><div class=\"")
            .Append(css).Append("\">").Append(E(metric.Format(value))).Append("</div></div>\n");
    }

    private static void StatisticsTable(StringBuilder h, RecordingResult recording)
    {
        var o = recording.Options;
        var columns = new List<(string Name, PerformanceStatistics Stats)>();
        foreach (var i in recording.Instruments) columns.Add((i.Instrument.Symbol, i.Statistics));
        if (recording.Instruments.Count > 1) columns.Add(("portfolio", recording.Portfolio));
        h.Append("<section id=\"stats\">\n<h2>Statistics</h2>\n<div class=\"statgrid").Append(columns.Count > 2 ? " wide" : "").Append("\">\n");
        foreach (var group in MetricCatalog.All.GroupBy(m => m.Group))
        {
            h.Append("<table class=\"stats\" data-group=\"").Append(E(group.Key)).Append("\">\n<thead><tr><th>").Append(E(group.Key)).Append("</th>");
            foreach (var c in columns) h.Append("<th class=\"num\">").Append(E(c.Name)).Append("</th>");
            h.Append("</tr></thead>\n<tbody>\n");
            foreach (var m in group)
            {
                h.Append("<tr data-metric=\"").Append(m.Key).Append("\"><td>").Append(E(m.Label)).Append("</td>");
                foreach (var c in columns) h.Append("<td class=\"num\">").Append(E(m.Format(m.Read(c.Stats)))).Append("</td>");
                h.Append("</tr>\n");
            }
            h.Append("</tbody>\n</table>\n");
        }
        h.Append("</div>\n<p class=\"note\">Equity is marked to the mid price, net of fees. Sharpe and Sortino use equity changes on a ")
            .Append(E(MetricFormat.FormatDuration(o.IntervalNanos / 1e9))).Append(" grid (")
            .Append(E(MetricFormat.Number(o.SamplesPerDay, 2))).Append(" samples a day), mean and standard deviation with ddof = 1, annualised by √(")
            .Append(E(MetricFormat.Number(o.SamplesPerDay, 2))).Append(" × ").Append(E(MetricFormat.Number(o.DaysPerYear, 2))).Append(") = ")
            .Append(E(o.AnnualisationFactor.ToString("0.00", C))).Append(". Drawdown is measured on every recorded sample (every ")
            .Append(E(MetricFormat.FormatDuration(recording.IntervalNanos / 1e9))).Append(" of event time and at every fill). ")
            .Append(o.BookSize is { } b ? $"Relative figures use a book size of {E(MetricFormat.Number(b, 2))}. " : "No book size was given, so relative figures are n/a. ")
            .Append("PnL = spread capture + inventory PnL − fees. n/a marks a figure that is undefined for this run.</p>\n</section>\n");
    }

    private static string PriceChart(string id, string title, IReadOnlyList<ChartBucket> b, long from, long to)
    {
        var values = b.SelectMany(x => new[] { x.PriceMin, x.PriceMax, x.BuyPrice, x.SellPrice });
        return new SvgChart(id, title).TimeRange(from, to).ValueRange(values)
            .Band(b.Select(x => (x.LastTime, x.PriceMin, x.PriceMax)).ToList(), "price-band", "min–max")
            .Line(b.Select(x => (x.LastTime, x.PriceLast)), "price-line", "mid")
            .Markers(b.Where(x => x.Buys > 0).Select(x => (x.LastTime, x.BuyPrice)), up: true, "buy", "buys")
            .Markers(b.Where(x => x.Sells > 0).Select(x => (x.LastTime, x.SellPrice)), up: false, "sell", "sells")
            .Render();
    }

    private static string EquityChart(string id, string title, IReadOnlyList<ChartBucket> b, long from, long to) =>
        new SvgChart(id, title).TimeRange(from, to).ValueRange(b.SelectMany(x => new[] { x.EquityMin, x.EquityMax }), includeZero: true)
            .Rule(0, "zero")
            .Band(b.Select(x => (x.LastTime, x.EquityMin, x.EquityMax)).ToList(), "equity-band", "min–max")
            .Line(b.Select(x => (x.LastTime, x.EquityLast)), "equity-line", "equity")
            .Render();

    private static string DrawdownChart(string id, string title, IReadOnlyList<ChartBucket> b, long from, long to) =>
        new SvgChart(id, title).TimeRange(from, to).ValueRange(b.Select(x => x.DrawdownMin), includeZero: true)
            .Area(b.Select(x => (x.LastTime, x.DrawdownMin)).ToList(), "dd-area", "equity − running peak")
            .Rule(0, "zero")
            .Render();

    private static string PositionChart(string id, string title, IReadOnlyList<ChartBucket> b, long from, long to) =>
        new SvgChart(id, title).TimeRange(from, to).ValueRange(b.SelectMany(x => new[] { x.PositionMin, x.PositionMax }), includeZero: true)
            .Rule(0, "zero")
            .Band(b.Select(x => (x.LastTime, x.PositionMin, x.PositionMax)).ToList(), "pos-band", "min–max")
            .Line(b.Select(x => (x.LastTime, x.PositionLast)), "pos-line", "position")
            .Render();

    private static string E(string text) => WebUtility.HtmlEncode(text);
}

/// <summary>Writes a run's <c>summary.json</c> and <c>report.html</c>.</summary>
public static class BacktestReport
{
    /// <summary>Writes both files into <paramref name="directory"/> (created if needed).</summary>
    public static void Write(string directory, BacktestResult result, RunDescription run)
    {
        Directory.CreateDirectory(directory);
        var utf8 = new UTF8Encoding(false);
        File.WriteAllText(Path.Combine(directory, "summary.json"), SummaryJson.Render(result, run), utf8);
        File.WriteAllText(Path.Combine(directory, "report.html"), HtmlReport.Render(result, run), utf8);
    }
}
