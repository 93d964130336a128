using Hft.Core.Actors.Supervision;

namespace Hft.Core.Actors;

/// <summary>Which dispatcher runs an actor.</summary>
public enum DispatcherKind
{
    /// <summary>The single-threaded core loop, ordered by (time, sequence). Books, orders, risk, strategies.</summary>
    CoreLoop,
    /// <summary>The thread pool, one message at a time per actor. For actors that block or do I/O.</summary>
    ThreadPool,
}

/// <summary>
/// The recipe for an actor: how to make an instance (again, on restart), where it runs, and how it
/// supervises its own children.
/// </summary>
public sealed class Props
{
    private Props(Func<ActorBase> factory, DispatcherKind dispatcher, SupervisorStrategy? supervisor)
    {
        Factory = factory;
        Dispatcher = dispatcher;
        SupervisorStrategy = supervisor;
    }

    /// <summary>Makes a new actor instance; called at start and on every restart.</summary>
    public Func<ActorBase> Factory { get; }

    /// <summary>The dispatcher that runs the actor.</summary>
    public DispatcherKind Dispatcher { get; }

    /// <summary>Overrides the actor's own <see cref="ActorBase.SupervisorStrategy"/> for its children.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; }

    /// <summary>Props that create actors with <paramref name="factory"/> on the core loop.</summary>
    public static Props Create(Func<ActorBase> factory) =>
        new(factory ?? throw new ArgumentNullException(nameof(factory)), DispatcherKind.CoreLoop, null);

    /// <summary>Props for a type with a public parameterless constructor.</summary>
    public static Props Create<TActor>() where TActor : ActorBase, new() => Create(() => new TActor());

    /// <summary>The same recipe on another dispatcher.</summary>
    public Props WithDispatcher(DispatcherKind dispatcher) => new(Factory, dispatcher, SupervisorStrategy);

    /// <summary>The same recipe with a supervisor strategy for the actor's children.</summary>
    public Props WithSupervisorStrategy(SupervisorStrategy strategy) => new(Factory, Dispatcher, strategy);
}
