namespace Hft.Backtest.Statistics;

/// <summary>
/// Sharpe and Sortino ratios of an equity series sampled on a fixed grid, with hftbacktest's formulas
/// (<c>metrics.py</c>). Both are null when undefined (too few samples, or a zero deviation), never NaN or
/// infinite.
/// </summary>
public static class RiskAdjustedReturn
{
    /// <summary>
    /// Sharpe ratio: <c>mean(pnl) / std(pnl, ddof = 1) × annualisation</c>, where <c>pnl</c> are the changes between
    /// grid points. Null with fewer than two changes or when the standard deviation is 0 (flat or perfectly steady
    /// equity).
    /// </summary>
    public static double? Sharpe(in ReturnMoments moments, double annualisation)
    {
        double sd = moments.StandardDeviation;
        if (moments.Count < 2 || !(sd > 0)) return null;
        return Finite(moments.Mean / sd * annualisation);
    }

    /// <summary>
    /// Sortino ratio: <c>mean(pnl) / sqrt(mean(min(0, pnl)²)) × annualisation</c> (the downside mean is over all
    /// changes). Null with no change or when no change is negative.
    /// </summary>
    public static double? Sortino(in ReturnMoments moments, double annualisation)
    {
        double dd = moments.DownsideDeviation;
        if (moments.Count < 1 || !(dd > 0)) return null;
        return Finite(moments.Mean / dd * annualisation);
    }

    /// <summary>Sharpe ratio of the changes of an equity series already on a grid.</summary>
    public static double? Sharpe(ReadOnlySpan<double> equity, double annualisation)
    {
        var m = ReturnMoments.OfDifferences(equity);
        return Sharpe(in m, annualisation);
    }

    /// <summary>Sortino ratio of the changes of an equity series already on a grid.</summary>
    public static double? Sortino(ReadOnlySpan<double> equity, double annualisation)
    {
        var m = ReturnMoments.OfDifferences(equity);
        return Sortino(in m, annualisation);
    }

    internal static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
