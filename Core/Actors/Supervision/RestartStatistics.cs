namespace Hft.Core.Actors.Supervision;

/// <summary>Counts a child's restarts within the strategy's window, on the dispatcher's clock.</summary>
internal sealed class RestartStatistics
{
    private int _count;
    private long _windowStart;

    /// <summary>True if another restart is allowed now; counts it.</summary>
    public bool RequestRestart(SupervisorStrategy strategy, long now)
    {
        if (strategy.MaxRestarts < 0) return true;
        long window = strategy.Window.Ticks * 100;
        if (window > 0 && (_count == 0 || now - _windowStart > window))
        {
            _windowStart = now;
            _count = 0;
        }
        _count++;
        return _count <= strategy.MaxRestarts;
    }
}
