using System.Globalization;
using System.Net;
using System.Text;
using Hft.Core.Time;

namespace Hft.Backtest.Reports;

/// <summary>
/// Draws one time-series chart as inline SVG (no scripts, no external resources): axes with round ticks,
/// time labels in UTC, and any number of lines, min–max bands, areas and markers. Coordinates are rounded to
/// a tenth of a pixel and formatted in the invariant culture, so the same data gives the same bytes.
/// </summary>
public sealed class SvgChart
{
    private const double Left = 76, Right = 16, Top = 34, Bottom = 28;
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;
    private readonly StringBuilder _body = new();
    private readonly List<(string Css, string Label, string Shape)> _legend = new();
    private readonly string _id;
    private readonly string _title;
    private readonly double _width;
    private readonly double _height;
    private long _x0, _x1;
    private double _y0, _y1;
    private double[] _yTicks = [];
    private bool _hasY;

    /// <summary>Creates a chart <paramref name="width"/> × <paramref name="height"/> (viewBox units; it scales to its container).</summary>
    public SvgChart(string id, string title, int width = 1100, int height = 230)
    {
        _id = id;
        _title = title;
        _width = width;
        _height = height;
    }

    private double PlotWidth => _width - Left - Right;
    private double PlotHeight => _height - Top - Bottom;

    /// <summary>Sets the time range (ns since the epoch).</summary>
    public SvgChart TimeRange(long from, long to)
    {
        if (to <= from)
        {
            from -= Nanos.PerSecond;
            to += Nanos.PerSecond;
        }
        _x0 = from;
        _x1 = to;
        return this;
    }

    /// <summary>Sets the value range from the values that will be drawn (NaN ignored), widened to round ticks.</summary>
    public SvgChart ValueRange(IEnumerable<double> values, bool includeZero = false)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (!double.IsFinite(v)) continue;
            if (v < lo) lo = v;
            if (v > hi) hi = v;
        }
        if (includeZero)
        {
            lo = Math.Min(lo, 0);
            hi = Math.Max(hi, 0);
        }
        if (!double.IsFinite(lo) || !double.IsFinite(hi))
        {
            lo = 0;
            hi = 1;
        }
        if (hi - lo <= Math.Abs(hi) * 1e-12 || hi == lo)
        {
            double pad = Math.Abs(hi) > 0 ? Math.Abs(hi) * 0.01 : 1;
            lo -= pad;
            hi += pad;
        }
        _yTicks = NiceTicks(lo, hi, 5, out _y0, out _y1);
        _hasY = true;
        return this;
    }

    /// <summary>Round tick values covering [lo, hi] (about <paramref name="count"/> of them) and the widened range.</summary>
    public static double[] NiceTicks(double lo, double hi, int count, out double niceLo, out double niceHi)
    {
        double step = NiceStep((hi - lo) / Math.Max(1, count));
        niceLo = Math.Floor(lo / step) * step;
        niceHi = Math.Ceiling(hi / step) * step;
        var ticks = new List<double>();
        for (int k = 0; ; k++)
        {
            double t = niceLo + k * step;
            if (t > niceHi + step * 1e-9) break;
            ticks.Add(Math.Abs(t) < step * 1e-9 ? 0 : t);
        }
        return ticks.ToArray();
    }

    private static double NiceStep(double raw)
    {
        if (!(raw > 0)) return 1;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double f = raw / magnitude;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    private double X(long t) => Left + (t - _x0) / (double)(_x1 - _x0) * PlotWidth;
    private double Y(double v) => Top + (1 - (v - _y0) / (_y1 - _y0)) * PlotHeight;
    private static string F(double v) => Math.Round(v, 1).ToString("0.#", C);

    /// <summary>A line through the points (NaN values are skipped).</summary>
    public SvgChart Line(IEnumerable<(long Time, double Value)> points, string css, string? legend = null)
    {
        var d = new StringBuilder();
        foreach (var (t, v) in points)
        {
            if (!double.IsFinite(v)) continue;
            d.Append(d.Length == 0 ? 'M' : 'L').Append(F(X(t))).Append(' ').Append(F(Y(v)));
        }
        if (d.Length > 0) _body.Append("<path class=\"").Append(css).Append("\" d=\"").Append(d).Append("\"/>");
        if (legend is not null) _legend.Add((css, legend, "line"));
        return this;
    }

    /// <summary>A filled band between a low and a high value at each time (points with NaN are skipped).</summary>
    public SvgChart Band(IReadOnlyList<(long Time, double Low, double High)> points, string css, string? legend = null)
    {
        var ok = points.Where(p => double.IsFinite(p.Low) && double.IsFinite(p.High)).ToList();
        if (ok.Count > 0)
        {
            var d = new StringBuilder();
            for (int i = 0; i < ok.Count; i++) d.Append(i == 0 ? 'M' : 'L').Append(F(X(ok[i].Time))).Append(' ').Append(F(Y(ok[i].High)));
            for (int i = ok.Count - 1; i >= 0; i--) d.Append('L').Append(F(X(ok[i].Time))).Append(' ').Append(F(Y(ok[i].Low)));
            d.Append('Z');
            _body.Append("<path class=\"").Append(css).Append("\" d=\"").Append(d).Append("\"/>");
        }
        if (legend is not null) _legend.Add((css, legend, "band"));
        return this;
    }

    /// <summary>An area between zero and the values.</summary>
    public SvgChart Area(IReadOnlyList<(long Time, double Value)> points, string css, string? legend = null)
    {
        var ok = points.Where(p => double.IsFinite(p.Value)).ToList();
        if (ok.Count > 0)
        {
            var d = new StringBuilder();
            d.Append('M').Append(F(X(ok[0].Time))).Append(' ').Append(F(Y(0)));
            foreach (var (t, v) in ok) d.Append('L').Append(F(X(t))).Append(' ').Append(F(Y(v)));
            d.Append('L').Append(F(X(ok[^1].Time))).Append(' ').Append(F(Y(0))).Append('Z');
            _body.Append("<path class=\"").Append(css).Append("\" d=\"").Append(d).Append("\"/>");
        }
        if (legend is not null) _legend.Add((css, legend, "band"));
        return this;
    }

    /// <summary>Triangles at the points: pointing up (<paramref name="up"/>) or down.</summary>
    public SvgChart Markers(IEnumerable<(long Time, double Value)> points, bool up, string css, string? legend = null)
    {
        var d = new StringBuilder();
        foreach (var (t, v) in points)
        {
            if (!double.IsFinite(v)) continue;
            double x = X(t), y = Y(v);
            // The tip touches the price: below it for a buy (pointing up), above it for a sell.
            if (up) d.Append('M').Append(F(x)).Append(' ').Append(F(y)).Append("l-4.5 8h9z");
            else d.Append('M').Append(F(x)).Append(' ').Append(F(y)).Append("l-4.5 -8h9z");
        }
        if (d.Length > 0) _body.Append("<path class=\"").Append(css).Append("\" d=\"").Append(d).Append("\"/>");
        if (legend is not null) _legend.Add((css, legend, up ? "up" : "down"));
        return this;
    }

    /// <summary>A horizontal line at a value (for example zero).</summary>
    public SvgChart Rule(double value, string css)
    {
        if (_hasY && value >= _y0 && value <= _y1)
        {
            _body.Append("<line class=\"").Append(css).Append("\" x1=\"").Append(F(Left)).Append("\" x2=\"").Append(F(_width - Right))
                .Append("\" y1=\"").Append(F(Y(value))).Append("\" y2=\"").Append(F(Y(value))).Append("\"/>");
        }
        return this;
    }

    /// <summary>The chart as an <c>&lt;svg&gt;</c> element.</summary>
    public string Render()
    {
        var s = new StringBuilder();
        s.Append("<svg class=\"chart\" id=\"").Append(_id).Append("\" data-chart=\"").Append(_id).Append("\" viewBox=\"0 0 ")
            .Append(F(_width)).Append(' ').Append(F(_height)).Append("\" role=\"img\" aria-labelledby=\"").Append(_id).Append("-title\">");
        s.Append("<title id=\"").Append(_id).Append("-title\">").Append(WebUtility.HtmlEncode(_title)).Append("</title>");
        s.Append("<text class=\"ctitle\" x=\"").Append(F(Left)).Append("\" y=\"20\">").Append(WebUtility.HtmlEncode(_title)).Append("</text>");
        AppendLegend(s);
        s.Append("<rect class=\"plot\" x=\"").Append(F(Left)).Append("\" y=\"").Append(F(Top)).Append("\" width=\"").Append(F(PlotWidth))
            .Append("\" height=\"").Append(F(PlotHeight)).Append("\"/>");
        if (_hasY) AppendYAxis(s);
        AppendTimeAxis(s);
        s.Append("<g clip-path=\"url(#").Append(_id).Append("-clip)\">").Append(_body).Append("</g>");
        s.Append("<defs><clipPath id=\"").Append(_id).Append("-clip\"><rect x=\"").Append(F(Left - 5)).Append("\" y=\"").Append(F(Top - 9))
            .Append("\" width=\"").Append(F(PlotWidth + 10)).Append("\" height=\"").Append(F(PlotHeight + 18)).Append("\"/></clipPath></defs>");
        s.Append("</svg>");
        return s.ToString();
    }

    private void AppendLegend(StringBuilder s)
    {
        double x = _width - Right;
        // Right-aligned, laid out from the right edge leftwards.
        for (int i = _legend.Count - 1; i >= 0; i--)
        {
            var (css, label, shape) = _legend[i];
            double textWidth = label.Length * 6.6;
            x -= textWidth;
            s.Append("<text class=\"legend\" x=\"").Append(F(x)).Append("\" y=\"20\">").Append(WebUtility.HtmlEncode(label)).Append("</text>");
            x -= 18;
            switch (shape)
            {
                case "line":
                    s.Append("<path class=\"").Append(css).Append("\" d=\"M").Append(F(x)).Append(" 16h14\"/>");
                    break;
                case "band":
                    s.Append("<rect class=\"").Append(css).Append("\" x=\"").Append(F(x)).Append("\" y=\"11\" width=\"14\" height=\"9\"/>");
                    break;
                case "up":
                    s.Append("<path class=\"").Append(css).Append("\" d=\"M").Append(F(x + 7)).Append(" 11l-4.5 8h9z\"/>");
                    break;
                default:
                    s.Append("<path class=\"").Append(css).Append("\" d=\"M").Append(F(x + 7)).Append(" 19l-4.5 -8h9z\"/>");
                    break;
            }
            x -= 14;
        }
    }

    private void AppendYAxis(StringBuilder s)
    {
        double step = _yTicks.Length > 1 ? _yTicks[1] - _yTicks[0] : 1;
        int decimals = Math.Clamp((int)Math.Ceiling(-Math.Log10(step) - 1e-9), 0, 8);
        string format = "#,0" + (decimals > 0 ? "." + new string('0', decimals) : "");
        foreach (var t in _yTicks)
        {
            double y = Y(t);
            s.Append("<line class=\"grid\" x1=\"").Append(F(Left)).Append("\" x2=\"").Append(F(_width - Right)).Append("\" y1=\"").Append(F(y))
                .Append("\" y2=\"").Append(F(y)).Append("\"/>");
            s.Append("<text class=\"ylab\" x=\"").Append(F(Left - 6)).Append("\" y=\"").Append(F(y + 4)).Append("\">")
                .Append(t.ToString(format, C)).Append("</text>");
        }
    }

    private static readonly long[] TimeSteps =
    [
        1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 2 * 86400, 7 * 86400, 14 * 86400, 28 * 86400,
    ];

    private void AppendTimeAxis(StringBuilder s)
    {
        double spanSeconds = (_x1 - _x0) / 1e9;
        long stepSeconds = TimeSteps[^1];
        foreach (var candidate in TimeSteps)
        {
            if (spanSeconds / candidate <= 8)
            {
                stepSeconds = candidate;
                break;
            }
        }
        long step = stepSeconds * Nanos.PerSecond;
        long first = (long)Math.Ceiling(_x0 / (double)step) * step;
        if (first < _x0) first += step;
        string format = spanSeconds >= 2 * 86400 ? "MM-dd HH:mm" : stepSeconds < 60 ? "HH:mm:ss" : "HH:mm";
        double bottom = Top + PlotHeight;
        for (long t = first; t <= _x1; t += step)
        {
            double x = X(t);
            s.Append("<line class=\"grid\" x1=\"").Append(F(x)).Append("\" x2=\"").Append(F(x)).Append("\" y1=\"").Append(F(Top))
                .Append("\" y2=\"").Append(F(bottom)).Append("\"/>");
            s.Append("<text class=\"xlab\" x=\"").Append(F(x)).Append("\" y=\"").Append(F(bottom + 18)).Append("\">")
                .Append(Nanos.ToDateTime(t).ToString(format, C)).Append("</text>");
        }
    }
}
