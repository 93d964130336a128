namespace Hft.Core.Actors.Scheduling;

/// <summary>
/// Sends messages later, on the dispatcher's clock: virtual time in a backtest (so timers are exact and
/// deterministic), real time in a live session.
/// </summary>
public interface IScheduler
{
    /// <summary>The scheduler's current time, in nanoseconds since the Unix epoch.</summary>
    long Now { get; }

    /// <summary>Sends <paramref name="message"/> to <paramref name="receiver"/> once, after <paramref name="delay"/>.</summary>
    ICancelable ScheduleTellOnce<T>(TimeSpan delay, IActorRef receiver, T message, IActorRef? sender = null);

    /// <summary>
    /// Sends <paramref name="message"/> after <paramref name="initialDelay"/>, then every <paramref name="interval"/>
    /// (on a fixed grid: a late delivery does not shift the later ones).
    /// </summary>
    ICancelable ScheduleTellRepeatedly<T>(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, T message, IActorRef? sender = null);
}
