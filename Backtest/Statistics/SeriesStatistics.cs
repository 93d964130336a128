namespace Hft.Backtest.Statistics;

/// <summary>What <see cref="StatisticsAccumulator"/> measured on an equity series.</summary>
/// <param name="StartTime">Time of the first sample with a defined equity.</param>
/// <param name="EndTime">Time of the last such sample.</param>
/// <param name="StartEquity">Equity at <paramref name="StartTime"/>.</param>
/// <param name="EndEquity">Equity at <paramref name="EndTime"/>.</param>
/// <param name="Samples">Recorded samples added.</param>
/// <param name="GridPoints">Points of the resampled grid (the first sample, every interval after it, and the last sample).</param>
/// <param name="Returns">Moments of the changes between grid points.</param>
/// <param name="Drawdown">Drawdown over every recorded sample.</param>
/// <param name="MeanPosition">Mean signed position over the grid points; null for a series without a position (the portfolio).</param>
/// <param name="MeanAbsPosition">Mean absolute position over the grid points; null without a position.</param>
/// <param name="MaxAbsPosition">Largest absolute position over every recorded sample; null without a position.</param>
/// <param name="MeanPositionValue">Mean value of the open position (<c>|position|</c> valued at the mark) over the grid points.</param>
/// <param name="MaxPositionValue">Largest value of the open position over every recorded sample.</param>
public sealed record SeriesStatistics(
    long StartTime,
    long EndTime,
    double StartEquity,
    double EndEquity,
    long Samples,
    long GridPoints,
    ReturnMoments Returns,
    DrawdownTracker Drawdown,
    double? MeanPosition,
    double? MeanAbsPosition,
    double? MaxAbsPosition,
    double MeanPositionValue,
    double MaxPositionValue);
