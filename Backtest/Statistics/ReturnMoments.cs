using System.Runtime.CompilerServices;
namespace Hft.Backtest.Statistics;

/// <summary>
/// Running moments of a series of per-interval equity changes (<c>pnl_i = e_i − e_(i−1)</c>): count, mean,
/// sample variance (ddof = 1, Welford's update) and the downside second moment <c>mean(min(0, pnl)²)</c>.
/// Constant memory, so a run of any length costs the same.
/// </summary>
public struct ReturnMoments
{
    private double _mean;
    private double _m2;
    private double _downsideSquares;

    /// <summary>Number of changes added.</summary>
    public long Count { get; private set; }

    /// <summary>Mean change; 0 when empty.</summary>
    public readonly double Mean => _mean;

    /// <summary>Sample standard deviation (ddof = 1); NaN with fewer than two changes.</summary>
    public readonly double StandardDeviation => Count < 2 ? double.NaN : Math.Sqrt(Math.Max(0, _m2 / (Count - 1)));

    /// <summary>Downside deviation <c>sqrt(mean(min(0, pnl)²))</c> over all changes; NaN when empty.</summary>
    public readonly double DownsideDeviation => Count < 1 ? double.NaN : Math.Sqrt(_downsideSquares / Count);

    /// <summary>Adds one change.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(double change)
    {
        Count++;
        double delta = change - _mean;
        _mean += delta / Count;
        _m2 += delta * (change - _mean);
        if (change < 0) _downsideSquares += change * change;
    }

    /// <summary>The moments of the successive differences of <paramref name="equity"/>.</summary>
    public static ReturnMoments OfDifferences(ReadOnlySpan<double> equity)
    {
        var m = new ReturnMoments();
        for (int i = 1; i < equity.Length; i++) m.Add(equity[i] - equity[i - 1]);
        return m;
    }
}
