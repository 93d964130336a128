using Hft.Core.Time;

namespace Hft.Backtest.Statistics;

/// <summary>
/// How the statistics are computed from the recorded equity series.
/// </summary>
/// <remarks>
/// The Sharpe and Sortino ratios are computed on the equity series resampled to a fixed grid of
/// <see cref="IntervalNanos"/> (sample-and-hold: each grid point takes the latest recorded sample at or before
/// it), as hftbacktest resamples its records (its default is 10 s), and annualised with
/// <c>sqrt(samples per day × days per year)</c>. Crypto trades every day, so the default year has 365 days;
/// hftbacktest's default is 252.
/// </remarks>
public sealed record StatisticsOptions
{
    /// <summary>Nanoseconds in a day.</summary>
    public const long NanosPerDay = 86_400 * Nanos.PerSecond;

    /// <summary>The default resampling interval, 10 s (hftbacktest's default).</summary>
    public const long DefaultIntervalNanos = 10 * Nanos.PerSecond;

    /// <summary>Resampling interval of the return series, in nanoseconds; default 10 s.</summary>
    public long IntervalNanos { get; init; } = DefaultIntervalNanos;

    /// <summary>Trading days per year used to annualise; default 365 (crypto trades every day).</summary>
    public double DaysPerYear { get; init; } = 365;

    /// <summary>
    /// Capital the strategy is measured against, in the quote currency; when set, relative figures (return,
    /// relative drawdown, turnover) are given, otherwise they are null.
    /// </summary>
    public double? BookSize { get; init; }

    /// <summary>Grid points per day: one day divided by <see cref="IntervalNanos"/>.</summary>
    public double SamplesPerDay => (double)NanosPerDay / IntervalNanos;

    /// <summary>The annualisation factor of the Sharpe and Sortino ratios: <c>sqrt(samples per day × days per year)</c>.</summary>
    public double AnnualisationFactor => Math.Sqrt(SamplesPerDay * DaysPerYear);

    /// <summary>Throws with a clear message if a setting is out of range.</summary>
    public StatisticsOptions Validate()
    {
        if (IntervalNanos <= 0) throw new ArgumentException($"statistics interval must be positive, got {IntervalNanos} ns");
        if (!(DaysPerYear > 0) || double.IsInfinity(DaysPerYear)) throw new ArgumentException($"days per year must be a positive number, got {DaysPerYear}");
        if (BookSize is { } b && (!(b > 0) || double.IsInfinity(b))) throw new ArgumentException($"book size must be a positive number, got {b}");
        return this;
    }
}
