using System.Runtime.CompilerServices;
using Hft.Core.Actors;
using Hft.Core.Actors.Scheduling;
using Hft.Core.Orders;

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
/// The recorder (<c>/user/recorder</c>) on the core loop: a repeating timer in event time samples every
/// instrument, from the run's first event on; a <see cref="Fill"/> (passed on by <see cref="RecordingJournal"/>)
/// samples the filled instrument. The timer does not keep a backtest alive: the run ends with its data. Market
/// events never reach it, so the per-event path costs nothing more.
/// </summary>
public sealed class RecorderActor : ActorBase
{
    private readonly Recorder _recorder;
    private ICancelable? _timer;

    /// <summary>Creates the actor around <paramref name="recorder"/>.</summary>
    public RecorderActor(Recorder recorder)
    {
        _recorder = recorder;
        Receive<RecorderTick>(OnTick);
        Receive<Fill>(OnFill);
    }

    // Compiled optimized at once: a backtest is short, and methods first seen mid-run would otherwise keep the
    // runtime's tiering busy and delay optimizing the engine's own hot path.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void OnTick(RecorderTick tick) => _recorder.SampleAll(Context.Now);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void OnFill(Fill fill) => _recorder.OnFill(fill, Context.Now);

    /// <inheritdoc />
    protected override void PreStart()
    {
        var interval = TimeSpan.FromTicks(_recorder.IntervalNanos / 100);
        _timer = Context.Scheduler.ScheduleTellRepeatedly(TimeSpan.Zero, interval, Self, RecorderTick.Instance);
    }

    /// <inheritdoc />
    protected override void PostStop() => _timer?.Cancel();
}
