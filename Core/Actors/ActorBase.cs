using Hft.Core.Actors.Supervision;

namespace Hft.Core.Actors;

/// <summary>
/// Base class of every actor: private state that reacts to one message at a time. Register typed handlers
/// with <see cref="Receive{T}(Action{T})"/> in the constructor; switch them with <see cref="Become"/>. The context
/// (<see cref="Self"/>, <see cref="Context"/>) is available from <see cref="PreStart"/> on.
/// </summary>
public abstract class ActorBase
{
    private ActorCell? _cell;
    private Behavior _building = new();
    private Stack<Behavior>? _stack;

    internal Behavior InitialBehavior { get; private set; }

    /// <summary>Creates the actor.</summary>
    protected ActorBase() => InitialBehavior = _building;

    /// <summary>This actor's context; valid from <see cref="PreStart"/> on.</summary>
    protected IActorContext Context => _cell ?? throw new InvalidOperationException(
        "The actor context is not available in the constructor; use PreStart.");

    /// <summary>This actor's reference.</summary>
    protected IActorRef Self => Context.Self;

    /// <summary>The sender of the message being processed, if any.</summary>
    protected IActorRef? Sender => Context.Sender;

    /// <summary>How this actor supervises its children. Default: restart on any exception.</summary>
    public virtual SupervisorStrategy SupervisorStrategy => SupervisorStrategy.Default;

    /// <summary>Registers a handler for messages of type <typeparamref name="T"/> (and subtypes).</summary>
    protected void Receive<T>(Action<T> handler) => _building.Add(handler);

    /// <summary>Registers a handler that takes its message by reference (for large structs on hot paths).</summary>
    protected void Receive<T>(MessageHandler<T> handler) => _building.Add(handler);

    /// <summary>Registers a handler for any message no typed handler took.</summary>
    protected void ReceiveAny(Action<object> handler) => _building.AddAny(handler);

    /// <summary>Replaces the current handlers with those registered inside <paramref name="configure"/>.</summary>
    protected void Become(Action configure)
    {
        _stack?.Clear();
        Switch(configure);
    }

    /// <summary>Pushes new handlers; <see cref="UnbecomeStacked"/> returns to the previous ones.</summary>
    protected void BecomeStacked(Action configure)
    {
        (_stack ??= new Stack<Behavior>()).Push(CurrentCell.CurrentBehavior);
        Switch(configure);
    }

    /// <summary>Returns to the handlers in force before the last <see cref="BecomeStacked"/>.</summary>
    protected void UnbecomeStacked()
    {
        if (_stack is { Count: > 0 }) CurrentCell.CurrentBehavior = _stack.Pop();
    }

    private void Switch(Action configure)
    {
        var previous = _building;
        _building = new Behavior();
        try
        {
            configure();
            CurrentCell.CurrentBehavior = _building;
        }
        finally
        {
            _building = previous;
        }
    }

    private ActorCell CurrentCell => _cell ?? throw new InvalidOperationException("Become is not available in the constructor.");

    internal void Attach(ActorCell cell) => _cell = cell;

    // The cell runs the hooks through these, so subclasses override them as plain `protected` everywhere.
    internal void RunPreStart() => PreStart();
    internal void RunPostStop() => PostStop();
    internal void RunPreRestart(Exception reason, object? message) => PreRestart(reason, message);
    internal void RunPostRestart(Exception reason) => PostRestart(reason);
    internal void RunUnhandled(object message) => Unhandled(message);

    /// <summary>Called when the actor starts (and, by default, after a restart).</summary>
    protected virtual void PreStart() { }

    /// <summary>Called after the actor has stopped (and, by default, before a restart).</summary>
    protected virtual void PostStop() { }

    /// <summary>Called on the failed instance before it is replaced. Default: stop all children, then <see cref="PostStop"/>.</summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children) Context.Stop(child);
        PostStop();
    }

    /// <summary>Called on the fresh instance after a restart. Default: <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>Called for a message no handler took. Default: log a warning.</summary>
    protected virtual void Unhandled(object message) =>
        Context.System.Log.Warning($"{Self.Path} did not handle a {message.GetType().Name} message.");
}
