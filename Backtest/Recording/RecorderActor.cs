using System.Runtime.CompilerServices;
using Akka.Actor;
using Hft.Core.Orders;
using Hft.Core.Time;

namespace Hft.Backtest.Recording;

/// <summary>The recorder's timer message (one shared instance, so a tick allocates nothing).</summary>
public sealed class RecorderTick
{
    /// <summary>The instance.</summary>
    public static readonly RecorderTick Instance = new();

    private RecorderTick()
    {
    }
}

/// <summary>
/// The recorder (<c>/recorder</c>) on the core loop: a repeating timer in event time samples every
/// instrument, from the run's first event on; a <see cref="Fill"/> (passed on by <see cref="RecordingJournal"/>)
/// samples the filled instrument. The timer does not keep a backtest alive: the run ends with its data. Market
/// events never reach it, so the per-event path costs nothing more.
/// </summary>
public sealed class RecorderActor : ReceiveActor
{
    private readonly Recorder _recorder;
    private readonly IClock _clock;
    private ICancelable? _timer;

    /// <summary>Creates the actor around <paramref name="recorder"/>, sampling on <paramref name="clock"/> (the core loop's).</summary>
    public RecorderActor(Recorder recorder, IClock clock)
    {
        _recorder = recorder;
        _clock = clock;
        Receive<RecorderTick>(OnTick);
        Receive<Fill>(OnFill);
    }

    // Compiled optimized at once: a backtest is short, and methods first seen mid-run would otherwise keep the
    // runtime's tiering busy and delay optimizing the engine's own hot path.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void OnTick(RecorderTick tick) => _recorder.SampleAll(_clock.Now);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void OnFill(Fill fill) => _recorder.OnFill(fill, _clock.Now);

    /// <inheritdoc />
    protected override void PreStart()
    {
        var interval = TimeSpan.FromTicks(_recorder.IntervalNanos / 100);
        _timer = Context.System.Scheduler.ScheduleTellRepeatedlyCancelable(TimeSpan.Zero, interval, Self, RecorderTick.Instance, ActorRefs.NoSender);
    }

    /// <inheritdoc />
    protected override void PostStop() => _timer?.Cancel();
}
