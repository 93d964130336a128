namespace Hft.Engine.Config;

/// <summary>Results (<c>[output]</c>).</summary>
/// <param name="Dir">
/// Directory for the run's results (<c>dir</c>): <c>summary.json</c>, <c>report.html</c>, <c>equity.csv</c>,
/// <c>orders.csv</c> and <c>fills.csv</c>; resolved against the config file's directory and created if missing;
/// null writes nothing.
/// </param>
public sealed record OutputSettings(string? Dir = null)
{
    /// <summary>The recorder's sampling interval in event time, in milliseconds (<c>record_interval_ms</c>); default 100.</summary>
    public double RecordIntervalMs { get; init; } = 100;

    /// <summary>Resampling interval of the Sharpe and Sortino ratios, in seconds (<c>stats_interval_s</c>); default 10.</summary>
    public double StatsIntervalS { get; init; } = 10;

    /// <summary>Days per year for annualising (<c>days_per_year</c>); default 365.</summary>
    public double DaysPerYear { get; init; } = 365;

    /// <summary>Capital for relative figures (<c>book_size</c>); none by default.</summary>
    public double? BookSize { get; init; }
}
