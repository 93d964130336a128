using System.Diagnostics;

namespace Hft.Core.Time;

/// <summary>
/// Wall-clock time for live sessions: UTC read once at creation, then advanced by the monotonic
/// high-resolution timer so that time never jumps backwards when the system clock is adjusted.
/// </summary>
public sealed class RealClock : IClock
{
    private readonly long _epochNanosAtStart;
    private readonly long _timestampAtStart;

    /// <summary>Creates a clock anchored to the current UTC time.</summary>
    public RealClock()
    {
        _timestampAtStart = Stopwatch.GetTimestamp();
        _epochNanosAtStart = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
    }

    /// <inheritdoc />
    public long Now
    {
        get
        {
            long elapsed = Stopwatch.GetTimestamp() - _timestampAtStart;
            return _epochNanosAtStart + (long)(elapsed * (1_000_000_000.0 / Stopwatch.Frequency));
        }
    }

    /// <inheritdoc />
    public bool IsVirtual => false;
}
