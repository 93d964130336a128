namespace Hft.Core.Time;

/// <summary>
/// The time source that drives a dispatcher: virtual in backtests (time jumps to the next due message),
/// real in live sessions. Times are nanoseconds since the Unix epoch, as in the event files.
/// </summary>
public interface IClock
{
    /// <summary>The current time in nanoseconds since the Unix epoch (UTC).</summary>
    long Now { get; }

    /// <summary>True when time only moves when the dispatcher moves it (backtest replay).</summary>
    bool IsVirtual { get; }
}
