using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Event;

namespace Hft.Core.Runtime;

/// <summary>
/// The actor system's scheduler (<c>akka.scheduler.implementation</c>): a timer for an actor that runs on a
/// <see cref="CoreLoop"/> goes into that loop's timer queue, on the loop's clock (virtual in a backtest), in
/// (due time, sequence) order; everything else (Akka's own timers, thread-pool actors) runs on the wall clock
/// through Akka's <see cref="HashedWheelTimerScheduler"/>.
/// </summary>
public sealed class LoopScheduler : SchedulerBase, IDateTimeOffsetNowTimeProvider, IDisposable
{
    private readonly HashedWheelTimerScheduler _wallClock;

    /// <summary>Created by the actor system from its configuration.</summary>
    public LoopScheduler(Config config, ILoggingAdapter log) : base(config, log) =>
        _wallClock = new HashedWheelTimerScheduler(config, log);

    /// <summary>The HOCON line that makes an actor system use this scheduler.</summary>
    public static string ConfigLine => $"akka.scheduler.implementation = \"{typeof(LoopScheduler).FullName}, {typeof(LoopScheduler).Assembly.GetName().Name}\"";

    /// <inheritdoc />
    protected override DateTimeOffset TimeNow => ((ITimeProvider)_wallClock).Now;

    /// <inheritdoc />
    public override TimeSpan MonotonicClock => _wallClock.MonotonicClock;

    /// <inheritdoc />
    public override TimeSpan HighResMonotonicClock => _wallClock.HighResMonotonicClock;

    /// <summary>The loop that runs <paramref name="receiver"/>, or null for an actor elsewhere.</summary>
    public static CoreLoop? LoopOf(ICanTell receiver)
    {
        if (receiver is not ActorRefWithCell { Underlying: var cell }) return null;
        if (cell is ActorCell { Dispatcher: LoopDispatcher dispatcher }) return dispatcher.Loop;
        // A top-level actor is not started yet until the guardian has made it; its props already name its dispatcher.
        if (cell is ActorCell || cell?.Props?.Dispatcher is not { } id || !cell.System.Dispatchers.HasDispatcher(id)) return null;
        return (cell.System.Dispatchers.Lookup(id) as LoopDispatcher)?.Loop;
    }

    /// <inheritdoc />
    protected override void InternalScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable)
    {
        if (LoopOf(receiver) is { } loop) loop.ScheduleTell(delay, TimeSpan.Zero, receiver, message, sender, cancelable);
        else ((ITellScheduler)_wallClock).ScheduleTellOnce(delay, receiver, message, sender, cancelable);
    }

    /// <inheritdoc />
    protected override void InternalScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable)
    {
        if (LoopOf(receiver) is { } loop) loop.ScheduleTell(initialDelay, interval, receiver, message, sender, cancelable);
        else ((ITellScheduler)_wallClock).ScheduleTellRepeatedly(initialDelay, interval, receiver, message, sender, cancelable);
    }

    // Actions have no receiver to say which loop they belong to; Akka's own (ask time-outs, dispatcher shut-down)
    // are about wall time, so they all run there.

    /// <inheritdoc />
    protected override void InternalScheduleOnce(TimeSpan delay, Action action, ICancelable cancelable) =>
        ((IActionScheduler)_wallClock).ScheduleOnce(delay, action, cancelable);

    /// <inheritdoc />
    protected override void InternalScheduleOnce(TimeSpan delay, IRunnable action, ICancelable cancelable) =>
        _wallClock.ScheduleOnce(delay, action, cancelable);

    /// <inheritdoc />
    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action, ICancelable cancelable) =>
        ((IActionScheduler)_wallClock).ScheduleRepeatedly(initialDelay, interval, action, cancelable);

    /// <inheritdoc />
    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action, ICancelable cancelable) =>
        _wallClock.ScheduleRepeatedly(initialDelay, interval, action, cancelable);

    /// <inheritdoc />
    public void Dispose() => _wallClock.Dispose();
}
