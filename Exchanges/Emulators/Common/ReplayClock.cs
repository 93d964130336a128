using System.Diagnostics;

namespace Hft.Exchanges.Emulators.Common;

/// <summary>
/// Paces a <see cref="MarketTape"/> on the wall clock: the gaps between messages' exchange times divided by the
/// speed, looping back to the first message when the tape ends (one mean gap after the last message, so the seam
/// looks like any other gap).
/// </summary>
public sealed class ReplayClock
{
    private readonly MarketTape _tape;
    private readonly double _speed;
    private readonly long _loopNanos;
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    /// <summary>Starts pacing now.</summary>
    public ReplayClock(MarketTape tape, double speed)
    {
        if (!(speed > 0) || double.IsInfinity(speed)) throw new ArgumentException($"--speed: must be a positive number, got {speed}");
        _tape = tape;
        _speed = speed;
        long meanGap = tape.MessageCount > 1 ? Math.Max(1, tape.Span / (tape.MessageCount - 1)) : 1_000_000;
        _loopNanos = tape.Span + meanGap;
    }

    /// <summary>The next message to replay.</summary>
    public int NextIndex { get; private set; }

    /// <summary>How many times the tape has wrapped around.</summary>
    public int Loops { get; private set; }

    /// <summary>Wall nanoseconds since the replay started.</summary>
    public long ElapsedNanos => (long)(_watch.ElapsedTicks * (1e9 / Stopwatch.Frequency));

    /// <summary>Wall nanoseconds (since start) at which the next message is due.</summary>
    public long NextDueNanos
    {
        get
        {
            long offset = Math.Max(0, _tape.MessageTime(NextIndex) - _tape.FirstTime);
            return (long)((offset + (double)Loops * _loopNanos) / _speed);
        }
    }

    /// <summary>Starts the wall clock again from zero (when the replay really begins, after the server is up).</summary>
    public void Restart() => _watch.Restart();

    /// <summary>Moves to the message after <see cref="NextIndex"/>, wrapping at the end of the tape.</summary>
    public void Advance()
    {
        NextIndex++;
        if (NextIndex < _tape.MessageCount) return;
        NextIndex = 0;
        Loops++;
    }
}
