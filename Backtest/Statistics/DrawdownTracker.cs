using System.Runtime.CompilerServices;
namespace Hft.Backtest.Statistics;

/// <summary>
/// Drawdown of an equity series, sample by sample: the drawdown at a sample is its running peak minus its
/// equity. Tracks the maximum drawdown (absolute), when its peak and trough were, its duration, and the longest
/// time spent under water. Constant memory.
/// </summary>
/// <remarks>
/// An episode under water starts at a peak and ends at the first sample whose equity is back at or above that
/// peak; its duration is from the peak to that sample, or to the last sample when the series ends under water.
/// The duration of the maximum drawdown is the duration of the episode that holds it.
/// </remarks>
public struct DrawdownTracker
{
    private bool _started;
    private bool _underwater;
    private bool _episodeHoldsMax;
    private double _peak;
    private long _peakTime;
    private long _lastTime;

    /// <summary>Largest drawdown seen (≥ 0).</summary>
    public double MaxDrawdown { get; private set; }

    /// <summary>Time of the peak the maximum drawdown fell from (the first sample when there is none).</summary>
    public long MaxDrawdownPeakTime { get; private set; }

    /// <summary>Time of the trough of the maximum drawdown (the first sample when there is none).</summary>
    public long MaxDrawdownTroughTime { get; private set; }

    /// <summary>Nanoseconds from the maximum drawdown's peak to its recovery (or to the last sample); 0 when there is none.</summary>
    public long MaxDrawdownDuration { get; private set; }

    /// <summary>True if equity got back to the maximum drawdown's peak (also true when there is no drawdown).</summary>
    public bool MaxDrawdownRecovered { get; private set; }

    /// <summary>Longest time under water, in nanoseconds (an unfinished episode counts to the last sample).</summary>
    public long LongestDrawdownDuration { get; private set; }

    /// <summary>The current drawdown as a signed change, <c>equity − peak</c> (≤ 0), after the last sample.</summary>
    public double Current { get; private set; }

    /// <summary>Adds the next sample (times must not decrease).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(long time, double equity)
    {
        _lastTime = time;
        if (!_started)
        {
            _started = true;
            _peak = equity;
            _peakTime = time;
            MaxDrawdownPeakTime = time;
            MaxDrawdownTroughTime = time;
            MaxDrawdownRecovered = true;
            Current = 0;
            return;
        }
        if (equity >= _peak)
        {
            if (_underwater) EndEpisode(time, recovered: true);
            _peak = equity;
            _peakTime = time;
            Current = 0;
            return;
        }
        if (!_underwater)
        {
            _underwater = true;
            _episodeHoldsMax = false;
        }
        double drawdown = _peak - equity;
        Current = -drawdown;
        if (drawdown > MaxDrawdown)
        {
            MaxDrawdown = drawdown;
            MaxDrawdownPeakTime = _peakTime;
            MaxDrawdownTroughTime = time;
            MaxDrawdownRecovered = false;
            _episodeHoldsMax = true;
        }
    }

    /// <summary>Closes an episode still under water at the last sample, so the durations count up to it.</summary>
    public void Finish()
    {
        if (_underwater) EndEpisode(_lastTime, recovered: false);
    }

    private void EndEpisode(long time, bool recovered)
    {
        long duration = time - _peakTime;
        if (duration > LongestDrawdownDuration) LongestDrawdownDuration = duration;
        if (_episodeHoldsMax)
        {
            MaxDrawdownDuration = duration;
            MaxDrawdownRecovered = recovered;
        }
        _underwater = false;
        _episodeHoldsMax = false;
    }
}
