using System.Runtime.CompilerServices;
namespace Hft.Backtest.Statistics;

/// <summary>
/// Measures an equity series sample by sample in constant memory, so a run of any length can be summarised
/// without keeping its samples.
/// </summary>
/// <remarks>
/// <para>Two views of the series are used:</para>
/// <list type="bullet">
/// <item><b>Every recorded sample</b> (a sample every recorder interval and at every fill): drawdown, largest
/// position, largest position value, first and last equity.</item>
/// <item><b>The resampled grid</b>: grid points at <c>t0, t0 + Δ, t0 + 2Δ, …</c> from the first sample
/// <c>t0</c>, each taking the latest sample at or before it (sample-and-hold), plus the last sample when it is
/// not on the grid. The Sharpe and Sortino ratios use the changes between grid points (a fixed interval, which
/// the annualisation needs); mean positions use the grid points, so they are time-weighted.</item>
/// </list>
/// </remarks>
public sealed class StatisticsAccumulator
{
    private readonly long _interval;
    private bool _started;
    private long _startTime;
    private long _lastTime;
    private double _startEquity;
    private long _samples;
    private long _nextGrid;
    private long _lastGrid = long.MinValue;
    private bool _hasGridPoint;
    private double _heldEquity;
    private double _heldPosition;
    private double _heldPositionValue;
    private double _previousGridEquity;
    private long _gridPoints;
    private ReturnMoments _returns;
    private DrawdownTracker _drawdown;
    private bool _hasPosition;
    private double _sumPosition;
    private double _sumAbsPosition;
    private double _sumPositionValue;
    private double _maxAbsPosition;
    private double _maxPositionValue;
    private SeriesStatistics? _finished;

    /// <summary>Creates an empty accumulator.</summary>
    public StatisticsAccumulator(StatisticsOptions options)
    {
        _interval = options.Validate().IntervalNanos;
    }

    /// <summary>Samples added so far.</summary>
    public long Samples => _samples;

    /// <summary>The drawdown after the last sample, <c>equity − running peak</c> (≤ 0).</summary>
    public double CurrentDrawdown => _drawdown.Current;

    /// <summary>
    /// Adds a sample. Times must not decrease; equity must be a number. Pass NaN as
    /// <paramref name="position"/> for a series without one (the portfolio).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(long time, double equity, double position, double positionValue)
    {
        if (_finished is not null) throw new InvalidOperationException("The statistics are already finished.");
        if (!double.IsFinite(equity)) throw new ArgumentException("Equity must be a finite number.", nameof(equity));
        if (!_started)
        {
            _started = true;
            _startTime = time;
            _startEquity = equity;
            _nextGrid = time;
            _hasPosition = !double.IsNaN(position);
        }
        else if (time < _lastTime)
        {
            throw new ArgumentException($"Samples must come in time order: {time} after {_lastTime}.", nameof(time));
        }
        while (_nextGrid < time)
        {
            EmitGridPoint(_nextGrid);
            _nextGrid += _interval;
        }
        _heldEquity = equity;
        _heldPosition = position;
        _heldPositionValue = positionValue;
        _lastTime = time;
        _samples++;
        _drawdown.Add(time, equity);
        if (_hasPosition && Math.Abs(position) > _maxAbsPosition) _maxAbsPosition = Math.Abs(position);
        if (Math.Abs(positionValue) > _maxPositionValue) _maxPositionValue = Math.Abs(positionValue);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EmitGridPoint(long time)
    {
        if (_hasGridPoint) _returns.Add(_heldEquity - _previousGridEquity);
        _hasGridPoint = true;
        _previousGridEquity = _heldEquity;
        _lastGrid = time;
        _gridPoints++;
        if (_hasPosition)
        {
            _sumPosition += _heldPosition;
            _sumAbsPosition += Math.Abs(_heldPosition);
        }
        _sumPositionValue += Math.Abs(_heldPositionValue);
    }

    /// <summary>Closes the series at its last sample; null if no sample was added. Later calls return the same result.</summary>
    public SeriesStatistics? Finish()
    {
        if (_finished is not null) return _finished;
        if (!_started) return null;
        while (_nextGrid <= _lastTime)
        {
            EmitGridPoint(_nextGrid);
            _nextGrid += _interval;
        }
        if (_lastGrid < _lastTime) EmitGridPoint(_lastTime);
        _drawdown.Finish();
        double n = _gridPoints;
        _finished = new SeriesStatistics(_startTime, _lastTime, _startEquity, _heldEquity, _samples, _gridPoints, _returns, _drawdown,
            _hasPosition ? _sumPosition / n : null,
            _hasPosition ? _sumAbsPosition / n : null,
            _hasPosition ? _maxAbsPosition : null,
            _sumPositionValue / n,
            _maxPositionValue);
        return _finished;
    }

    /// <summary>
    /// Measures a whole series at once (for tests and tools): <paramref name="times"/> and <paramref name="equity"/>
    /// are parallel; positions and position values default to 0.
    /// </summary>
    public static SeriesStatistics? Measure(StatisticsOptions options, ReadOnlySpan<long> times, ReadOnlySpan<double> equity,
        ReadOnlySpan<double> positions = default, ReadOnlySpan<double> positionValues = default)
    {
        if (times.Length != equity.Length) throw new ArgumentException("times and equity must have the same length");
        var a = new StatisticsAccumulator(options);
        for (int i = 0; i < times.Length; i++)
        {
            a.Add(times[i], equity[i], positions.IsEmpty ? 0 : positions[i], positionValues.IsEmpty ? 0 : positionValues[i]);
        }
        return a.Finish();
    }
}
