using System.Globalization;
using Hft.Core.Time;

namespace Hft.Backtest.Statistics;

/// <summary>How a metric's value is shown.</summary>
public enum MetricKind
{
    /// <summary>An amount of money (quote currency).</summary>
    Money,
    /// <summary>A dimensionless ratio (Sharpe, Sortino, return over drawdown).</summary>
    Ratio,
    /// <summary>A fraction shown as a percentage (fill ratio, return).</summary>
    Fraction,
    /// <summary>A count.</summary>
    Count,
    /// <summary>A quantity of the instrument, or a rate per day.</summary>
    Quantity,
    /// <summary>A duration in seconds.</summary>
    Duration,
    /// <summary>A timestamp in nanoseconds since the epoch.</summary>
    Time,
    /// <summary>Yes or no.</summary>
    Flag,
}

/// <summary>Which way a metric is better, for highlighting in comparisons.</summary>
public enum MetricDirection
{
    /// <summary>Neither: informative only.</summary>
    None,
    /// <summary>Higher is better.</summary>
    Higher,
    /// <summary>Lower is better.</summary>
    Lower,
}

/// <summary>One statistic: its key in <c>summary.json</c>, its label, how to show it and how to read it.</summary>
/// <param name="Key">Key in <c>summary.json</c>.</param>
/// <param name="Group">The group it is shown in (returns, drawdown, trading, position, PnL split, span).</param>
/// <param name="Label">Human label.</param>
/// <param name="Kind">How the value is shown.</param>
/// <param name="Direction">Which way is better.</param>
/// <param name="Read">Reads the value: a <see cref="long"/>, <see cref="double"/>, <see cref="bool"/>, or null when undefined.</param>
public sealed record Metric(string Key, string Group, string Label, MetricKind Kind, MetricDirection Direction, Func<PerformanceStatistics, object?> Read)
{
    /// <summary>Formats a value of this metric for people (invariant culture); "n/a" when undefined.</summary>
    public string Format(object? value) => MetricFormat.Format(Kind, value);
}

/// <summary>Formats metric values the same way in the report and in <c>compare</c>.</summary>
public static class MetricFormat
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Formats <paramref name="value"/> as <paramref name="kind"/>; "n/a" when it is null.</summary>
    public static string Format(MetricKind kind, object? value)
    {
        if (value is null) return "n/a";
        if (value is bool flag) return flag ? "yes" : "no";
        if (kind == MetricKind.Time) return FormatTime(Convert.ToInt64(value, C));
        double v = Convert.ToDouble(value, C);
        if (!double.IsFinite(v)) return "n/a";
        return kind switch
        {
            MetricKind.Money => Number(v, 2),
            MetricKind.Ratio => v != 0 && Math.Abs(v) < 0.01 ? v.ToString("G3", C) : v.ToString("#,0.000", C),
            MetricKind.Fraction => v != 0 && Math.Abs(v) < 0.001 ? (v * 100).ToString("G3", C) + " %" : (v * 100).ToString("0.00", C) + " %",
            MetricKind.Count => v.ToString("#,0", C),
            MetricKind.Duration => FormatDuration(v),
            _ => Number(v, 4),
        };
    }

    /// <summary>A number with thousands separators and at most <paramref name="decimals"/> decimals (more for tiny values).</summary>
    public static string Number(double v, int decimals)
    {
        if (v == 0) return "0";
        double a = Math.Abs(v);
        if (a < Math.Pow(10, -decimals)) return v.ToString("G3", C);
        return v.ToString("#,0." + new string('#', decimals), C);
    }

    /// <summary>A duration in seconds as <c>1d 02:03:04</c>, <c>02:03:04</c> or <c>4.250 s</c>.</summary>
    public static string FormatDuration(double seconds)
    {
        if (seconds < 60) return seconds.ToString("0.###", C) + " s";
        var t = TimeSpan.FromSeconds(Math.Round(seconds));
        string hms = $"{t.Hours:00}:{t.Minutes:00}:{t.Seconds:00}";
        return t.Days > 0 ? $"{t.Days}d {hms}" : hms;
    }

    /// <summary>A timestamp as <c>2024-08-08 00:12:34.567</c> (UTC).</summary>
    public static string FormatTime(long nanos) => Nanos.ToDateTime(nanos).ToString("yyyy-MM-dd HH:mm:ss.fff", C);
}
