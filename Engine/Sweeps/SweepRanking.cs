using Hft.Backtest.Statistics;

namespace Hft.Engine.Sweeps;

/// <summary>
/// The order of a sweep's runs by one column of <c>sweep.csv</c>, best first. Whether higher is better comes from the
/// statistics' catalogue (drawdowns and fees: lower is better); any other column ranks highest first. Runs without a
/// value (failed, or a ratio that was not defined) come last; equal values keep grid order.
/// </summary>
internal sealed class SweepRanking
{
    private SweepRanking(string column, bool lowerIsBetter, IReadOnlyList<SweepRow> ordered)
    {
        Column = column;
        LowerIsBetter = lowerIsBetter;
        Ordered = ordered;
    }

    /// <summary>The column ranked by.</summary>
    public string Column { get; }

    /// <summary>True when smaller values rank first.</summary>
    public bool LowerIsBetter { get; }

    /// <summary>The rows, best first.</summary>
    public IReadOnlyList<SweepRow> Ordered { get; }

    /// <summary>
    /// Ranks <paramref name="rows"/> by <paramref name="key"/>: a column name, or a statistic's key such as
    /// <c>sharpe</c> (taken as <c>statistics.sharpe</c> when there is no top-level column of that name).
    /// </summary>
    public static SweepRanking Rank(IReadOnlyList<SweepRow> rows, string key)
    {
        string column = ResolveColumn(rows, key);
        string metricKey = column.StartsWith("statistics.", StringComparison.Ordinal) ? column["statistics.".Length..] : column;
        bool lower = MetricCatalog.Find(metricKey)?.Direction == MetricDirection.Lower;
        var ordered = rows
            .Select(r => (Row: r, Value: r.Number(column)))
            .OrderBy(x => x.Value is null ? 1 : 0)
            .ThenBy(x => x.Value is { } v ? (lower ? v : -v) : 0)
            .ThenBy(x => x.Row.Point.Index)
            .Select(x => x.Row)
            .ToList();
        return new SweepRanking(column, lower, ordered);
    }

    private static string ResolveColumn(IReadOnlyList<SweepRow> rows, string key)
    {
        var names = rows.SelectMany(r => r.Columns.Select(c => c.Key)).Distinct(StringComparer.Ordinal).ToList();
        if (names.Contains(key)) return key;
        if (names.Contains("statistics." + key)) return "statistics." + key;
        // No run finished to show its columns: the name is taken as given.
        if (names.Count == 0) return key;
        throw new ArgumentException($"--rank-by {key}: no such column; try one of {string.Join(", ", names.Where(n => !n.StartsWith("statistics.", StringComparison.Ordinal)).Concat(MetricCatalog.All.Select(m => m.Key)).Distinct())}");
    }
}
