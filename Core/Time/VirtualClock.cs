namespace Hft.Core.Time;

/// <summary>
/// A clock that only moves when the core loop moves it, to the due time of the next message.
/// Nothing in a backtest reads the wall clock, so a replay is deterministic.
/// </summary>
public sealed class VirtualClock : IClock
{
    /// <summary>Creates a virtual clock that starts at <paramref name="start"/> (ns since epoch).</summary>
    public VirtualClock(long start = 0) => Now = start;

    /// <inheritdoc />
    public long Now { get; private set; }

    /// <inheritdoc />
    public bool IsVirtual => true;

    /// <summary>True once the loop has moved the clock at least once, or it was set explicitly.</summary>
    public bool IsStarted { get; private set; }

    /// <summary>Sets the time the core loop has already ordered (never earlier than now): no checks on the hot path.</summary>
    internal void SetOrdered(long time) => Now = time;

    /// <summary>Moves time forward; time never goes back, so an earlier value is ignored.</summary>
    public void AdvanceTo(long time)
    {
        if (time > Now || !IsStarted) Now = time;
        IsStarted = true;
    }
}
