using Hft.Core.Actors.Dispatch;
using Hft.Core.Actors.Scheduling;
using Hft.Core.Actors.Supervision;
using Hft.Core.Time;

namespace Hft.Core.Actors;

/// <summary>
/// The root of an actor hierarchy: owns the core loop (on a virtual or real clock), the thread-pool
/// dispatcher, the scheduler and dead letters. Top-level actors are children of <c>/user</c>.
/// </summary>
public sealed class ActorSystem : IDisposable
{
    private readonly ActorCell _guardian;
    private readonly ThreadPoolDispatcher _pool;
    private Exception? _failure;

    /// <summary>Creates a system whose core loop runs on <paramref name="clock"/>.</summary>
    /// <param name="name">A name for logs.</param>
    /// <param name="clock">A <see cref="VirtualClock"/> for replay, a <see cref="RealClock"/> for live.</param>
    /// <param name="log">Where kernel events are reported; standard error by default.</param>
    /// <param name="guardianStrategy">How the top-level actors are supervised; restart without limit by default.</param>
    public ActorSystem(string name, IClock clock, IKernelLog? log = null, SupervisorStrategy? guardianStrategy = null)
    {
        Name = name;
        Log = log ?? new TextKernelLog();
        DeadLetters = new DeadLetterOffice(Log);
        CoreLoop = new CoreLoop(clock);
        _pool = new ThreadPoolDispatcher(() => clock.Now);
        var guardianProps = Props.Create(() => new UserGuardian());
        if (guardianStrategy is not null) guardianProps = guardianProps.WithSupervisorStrategy(guardianStrategy);
        _guardian = new ActorCell(this, null, ActorPath.Root.Child("user"), guardianProps, CoreLoop.Dispatcher);
        CoreLoop.Dispatcher.PostSystem(_guardian, CreateActor.Instance);
    }

    /// <summary>The system's name.</summary>
    public string Name { get; }

    /// <summary>Kernel log.</summary>
    public IKernelLog Log { get; }

    /// <summary>Undeliverable messages, counted and logged.</summary>
    public DeadLetterOffice DeadLetters { get; }

    /// <summary>The single-threaded loop that runs core actors.</summary>
    public CoreLoop CoreLoop { get; }

    /// <summary>The scheduler on the core loop's clock.</summary>
    public IScheduler Scheduler => CoreLoop;

    /// <summary>The current time of the core loop's clock.</summary>
    public long Now => CoreLoop.Now;

    /// <summary>The exception that escalated past the top-level guardian, if any; the loop was stopped.</summary>
    public Exception? Failure => Volatile.Read(ref _failure);

    /// <summary>The top-level guardian's reference (<c>/user</c>).</summary>
    public IActorRef Guardian => _guardian.Self;

    /// <summary>Creates a top-level actor under <c>/user</c>.</summary>
    public IActorRef ActorOf(Props props, string name) => _guardian.ActorOf(props, name);

    /// <summary>
    /// Creates a child of <paramref name="parent"/> while composing a graph from outside it. Only before the
    /// core loop runs (or on its thread): actors normally create their own children with their context.
    /// </summary>
    public IActorRef ActorOf(IActorRef parent, Props props, string name)
    {
        if (!CoreLoop.IsLoopThread) throw new InvalidOperationException("Actors can be composed from outside only while the core loop is not running.");
        if (parent is not LocalActorRef local || local.Cell.System != this) throw new ArgumentException($"{parent.Path} is not an actor of this system.", nameof(parent));
        return local.Cell.ActorOf(props, name);
    }

    /// <summary>Stops an actor.</summary>
    public void Stop(IActorRef actor) => _guardian.Stop(actor);

    /// <summary>Runs the core loop on the calling thread (see <see cref="Dispatch.CoreLoop.Run"/>).</summary>
    public void Run(long until = long.MaxValue) => CoreLoop.Run(until);

    internal Dispatcher DispatcherFor(DispatcherKind kind) =>
        kind == DispatcherKind.ThreadPool ? _pool : CoreLoop.Dispatcher;

    internal void OnGuardianFailure(Exception cause)
    {
        Interlocked.CompareExchange(ref _failure, cause, null);
        Log.Error(cause, "A failure escalated past /user; the core loop stops.");
        CoreLoop.RequestStop();
    }

    /// <summary>Stops every actor (children before parents) and runs their PostStop hooks.</summary>
    public void Dispose()
    {
        if (CoreLoop.IsLoopThread) _guardian.Terminate();
        else CoreLoop.Dispatcher.PostSystem(_guardian, TerminateActor.Instance);
    }

    private sealed class UserGuardian : ActorBase
    {
    }
}
