using Hft.Backtest.Statistics;
using Hft.Core.Time;

namespace Hft.Backtest.Recording;

/// <summary>What the recorder samples, how often, and where the samples go.</summary>
public sealed record RecorderOptions
{
    /// <summary>The default sampling interval, 100 ms of event time.</summary>
    public const long DefaultIntervalNanos = 100 * Nanos.PerMillisecond;

    /// <summary>Sampling interval in event time, in nanoseconds (a multiple of 100 ns); default 100 ms. Every fill is sampled too.</summary>
    public long IntervalNanos { get; init; } = DefaultIntervalNanos;

    /// <summary>Also take a sample of the filled instrument at every fill; default true.</summary>
    public bool SampleFills { get; init; } = true;

    /// <summary>How the statistics are computed.</summary>
    public StatisticsOptions Statistics { get; init; } = new();

    /// <summary>Largest number of points kept per chart series (min and max per bucket, so spikes survive); default 1200.</summary>
    public int ChartPoints { get; init; } = 1200;

    /// <summary>Receives every sample as it is taken (for example <see cref="EquityCsvWriter"/>); none by default.</summary>
    public IRecordSink? Sink { get; init; }

    /// <summary>Throws with a clear message if a setting is out of range.</summary>
    public RecorderOptions Validate()
    {
        if (IntervalNanos <= 0 || IntervalNanos % 100 != 0)
            throw new ArgumentException($"recorder interval must be a positive multiple of 100 ns, got {IntervalNanos} ns");
        if (ChartPoints < 2) throw new ArgumentException($"chart points must be at least 2, got {ChartPoints}");
        Statistics.Validate();
        return this;
    }
}
