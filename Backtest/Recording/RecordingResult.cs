using Hft.Backtest.Statistics;
using Hft.Core.Markets;

namespace Hft.Backtest.Recording;

/// <summary>What the recorder kept of one instrument: its statistics and its downsampled chart series.</summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="Statistics">Its statistics.</param>
/// <param name="Chart">Its chart buckets, in time order (mark price, equity, drawdown, position, fills).</param>
public sealed record InstrumentRecording(Instrument Instrument, PerformanceStatistics Statistics, IReadOnlyList<ChartBucket> Chart);

/// <summary>What the recorder kept of a run.</summary>
/// <param name="IntervalNanos">The sampling interval.</param>
/// <param name="Options">How the statistics were computed.</param>
/// <param name="Instruments">Per instrument, in configuration order.</param>
/// <param name="Portfolio">Statistics of the sum over all instruments (equity is summed; money assumes one currency); no position figures.</param>
/// <param name="PortfolioChart">Chart buckets of the summed equity and its drawdown (with one instrument: its chart).</param>
/// <param name="Samples">Rows sampled (one per instrument per sample).</param>
public sealed record RecordingResult(
    long IntervalNanos,
    StatisticsOptions Options,
    IReadOnlyList<InstrumentRecording> Instruments,
    PerformanceStatistics Portfolio,
    IReadOnlyList<ChartBucket> PortfolioChart,
    long Samples);
