using System.Runtime.CompilerServices;
using Hft.Core.Actors.Dispatch;
using Hft.Core.Actors.Scheduling;
using Hft.Core.Actors.Supervision;

namespace Hft.Core.Actors;

/// <summary>The life of one actor: its instance, handlers, children, watchers, and supervision.</summary>
internal sealed class ActorCell : IActorContext
{
    private readonly List<ActorCell> _children = new();
    private readonly List<ActorCell> _watchers = new();
    private readonly List<ActorCell> _watching = new();
    private ActorBase? _actor;
    private CellState _state = CellState.Created;

    public ActorCell(ActorSystem system, ActorCell? parent, ActorPath path, Props props, Dispatcher dispatcher)
    {
        System = system;
        ParentCell = parent;
        Path = path;
        Props = props;
        Dispatcher = dispatcher;
        CoreLoop = dispatcher is CoreLoop.CoreLoopDispatcher loop ? loop.Loop : null;
        Self = new LocalActorRef(this);
        CurrentBehavior = new Behavior();
        if (props.Dispatcher == DispatcherKind.ThreadPool) Mailbox = new ThreadPoolMailbox(this);
    }

    public ActorSystem System { get; }
    public ActorCell? ParentCell { get; }
    public ActorPath Path { get; }
    public Props Props { get; }
    public Dispatcher Dispatcher { get; }

    // Set for core-loop actors, so a Tell is a direct call rather than a generic virtual dispatch.
    public readonly CoreLoop? CoreLoop;
    public LocalActorRef SelfRef => (LocalActorRef)Self;
    public IActorRef Self { get; }
    public ThreadPoolMailbox? Mailbox { get; }
    public Behavior CurrentBehavior { get; set; }
    public RestartStatistics RestartStats { get; } = new();
    public IActorRef? Sender { get; private set; }


    // The core loop's one-entry cache of the struct-message lane this actor last received from.
    public Type? LaneType;
    public MessageLane? Lane;

    public bool IsTerminated => _state == CellState.Stopped;
    public bool IsAlive => _state == CellState.Alive;
    internal ActorBase? Actor => _actor;

    public IActorRef? Parent => ParentCell?.Self;

    public IReadOnlyList<IActorRef> Children
    {
        get
        {
            lock (_children) return _children.Select(c => c.Self).ToArray();
        }
    }

    public IScheduler Scheduler => System.Scheduler;

    public long Now => Dispatcher.Now;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Post<T>(in T message, IActorRef? sender)
    {
        var loop = CoreLoop;
        if (loop is not null) loop.Post(this, in message, sender);
        else Dispatcher.Post(this, message, sender);
    }

    /// <summary>Tell from another actor of the same core loop while it runs: no thread check needed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PostFromLoop<T>(in T message, IActorRef? sender)
    {
        var loop = CoreLoop;
        if (loop is not null) loop.PostOnLoop(this, in message, sender);
        else Dispatcher.Post(this, message, sender);
    }

    // ---------------------------------------------------------------- delivery

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke<T>(in T message, IActorRef? sender)
    {
        if (_state != CellState.Alive)
        {
            DeadLetter(message!, sender);
            return;
        }
        // Sender is only meaningful while a message is processed; writing it only when it changes saves a
        // GC write barrier per message on the hot path.
        if (!ReferenceEquals(Sender, sender)) Sender = sender;
        try
        {
            if (!CurrentBehavior.TryInvoke(in message)) _actor!.RunUnhandled(message!);
        }
        catch (Exception ex)
        {
            Fail(ex, message);
        }
    }

    public void InvokeObject(object message, IActorRef? sender)
    {
        if (message is SystemMessage system)
        {
            HandleSystem(system);
            return;
        }
        if (_state != CellState.Alive)
        {
            DeadLetter(message, sender);
            return;
        }
        if (message is PoisonPill)
        {
            Stop(Self);
            return;
        }
        Sender = sender;
        try
        {
            if (!CurrentBehavior.TryInvokeObject(message)) _actor!.RunUnhandled(message);
        }
        catch (Exception ex)
        {
            Fail(ex, message);
        }
        finally
        {
            Sender = null;
        }
    }

    private void DeadLetter(object message, IActorRef? sender)
    {
        if (message is Terminated) return; // a watcher that stopped first does not need the news
        System.DeadLetters.Publish(message, sender, Self);
    }

    private void HandleSystem(SystemMessage message)
    {
        switch (message)
        {
            case CreateActor:
                Start();
                break;
            case TerminateActor:
                Terminate();
                break;
            case ChildFailed failed:
                HandleChildFailure(failed.Child, failed.Cause, failed.FailedMessage);
                break;
            case ApplyDirective directive:
                Apply(directive.Directive, directive.Cause, directive.FailedMessage);
                break;
        }
    }

    // ---------------------------------------------------------------- lifecycle

    private void Start()
    {
        if (_state != CellState.Created) return;
        if (!TryCreateInstance(out var error))
        {
            System.Log.Error(error, $"{Path} could not be created; it is stopped.");
            Terminate();
            return;
        }
        _state = CellState.Alive;
        try
        {
            _actor!.RunPreStart();
        }
        catch (Exception ex)
        {
            Fail(ex, null);
        }
    }

    private bool TryCreateInstance(out Exception? error)
    {
        error = null;
        try
        {
            var actor = Props.Factory();
            actor.Attach(this);
            _actor = actor;
            CurrentBehavior = actor.InitialBehavior;
            return true;
        }
        catch (Exception ex)
        {
            error = ex;
            return false;
        }
    }

    private void Restart(Exception cause, object? message)
    {
        if (_state is CellState.Stopping or CellState.Stopped) return;
        var old = _actor;
        if (old is not null)
        {
            try
            {
                old.RunPreRestart(cause, message);
            }
            catch (Exception ex)
            {
                System.Log.Error(ex, $"{Path} threw in PreRestart");
            }
        }
        if (!TryCreateInstance(out var error))
        {
            System.Log.Error(error, $"{Path} could not be re-created after a failure; it is stopped.");
            Terminate();
            return;
        }
        _state = CellState.Alive;
        if (Mailbox is not null) Mailbox.Suspended = false;
        try
        {
            _actor!.RunPostRestart(cause);
        }
        catch (Exception ex)
        {
            Fail(ex, null);
        }
    }

    /// <summary>Stops the actor: children first, then PostStop, then watchers are told.</summary>
    public void Terminate()
    {
        if (_state == CellState.Stopped) return;
        _state = CellState.Stopping;
        ActorCell[] children;
        lock (_children) children = _children.ToArray();
        foreach (var child in children) child.RequestStop(immediate: true);
        if (_actor is not null)
        {
            try
            {
                _actor.RunPostStop();
            }
            catch (Exception ex)
            {
                System.Log.Error(ex, $"{Path} threw in PostStop");
            }
        }
        _state = CellState.Stopped;
        ParentCell?.RemoveChild(this);
        ActorCell[] watchers;
        lock (_watchers)
        {
            watchers = _watchers.ToArray();
            _watchers.Clear();
        }
        foreach (var watcher in watchers) watcher.Self.Tell(new Terminated(Self));
        ActorCell[] watching;
        lock (_watching)
        {
            watching = _watching.ToArray();
            _watching.Clear();
        }
        foreach (var watched in watching)
        {
            lock (watched._watchers) watched._watchers.Remove(this);
        }
        if (Mailbox is not null) Mailbox.Suspended = false; // let the mailbox drain to dead letters
    }

    /// <summary>
    /// Marks the actor as stopping (later user messages go to dead letters) and terminates it: at once when
    /// we are on its dispatcher's thread and it is not the actor currently running, else through its mailbox.
    /// </summary>
    public void RequestStop(bool immediate)
    {
        if (_state is CellState.Stopping or CellState.Stopped) return;
        _state = CellState.Stopping;
        if (immediate && Dispatcher.IsOwnThread) Terminate();
        else Dispatcher.PostSystem(this, TerminateActor.Instance);
    }

    private void RemoveChild(ActorCell child)
    {
        lock (_children) _children.Remove(child);
    }

    // ---------------------------------------------------------------- supervision

    private void Fail(Exception cause, object? message)
    {
        System.Log.Error(cause, $"{Path} failed while processing {(message is null ? "its start" : message.GetType().Name)}");
        if (ParentCell is null)
        {
            System.OnGuardianFailure(cause);
            return;
        }
        if (Mailbox is not null)
        {
            // A pool actor waits, suspended, for its supervisor to decide on the supervisor's own thread.
            Mailbox.Suspended = true;
            ParentCell.Dispatcher.PostSystem(ParentCell, new ChildFailed(this, cause, message));
            return;
        }
        if (ParentCell.Dispatcher.IsOwnThread) ParentCell.HandleChildFailure(this, cause, message);
        else ParentCell.Dispatcher.PostSystem(ParentCell, new ChildFailed(this, cause, message));
    }

    private void HandleChildFailure(ActorCell child, Exception cause, object? message)
    {
        var strategy = Props.SupervisorStrategy ?? _actor?.SupervisorStrategy ?? SupervisorStrategy.Default;
        Directive directive;
        try
        {
            directive = strategy.Decide(child.Self, cause);
        }
        catch (Exception ex)
        {
            System.Log.Error(ex, $"{Path}'s supervisor decider threw; escalating");
            directive = Directive.Escalate;
        }

        if (directive == Directive.Escalate)
        {
            Fail(cause, message);
            return;
        }
        if (directive == Directive.Restart && !child.RestartStats.RequestRestart(strategy, Dispatcher.Now))
        {
            System.Log.Warning($"{child.Path} failed more than {strategy.MaxRestarts} times within {strategy.Window}; it is stopped.");
            directive = Directive.Stop;
        }

        ActorCell[] targets;
        if (strategy.AppliesToAllChildren && directive != Directive.Resume)
        {
            lock (_children) targets = _children.ToArray();
        }
        else
        {
            targets = [child];
        }
        foreach (var target in targets)
        {
            object? failed = target == child ? message : null;
            if (target.Mailbox is not null || !target.Dispatcher.IsOwnThread)
                target.Dispatcher.PostSystem(target, new ApplyDirective(directive, cause, failed));
            else
                target.Apply(directive, cause, failed);
        }
    }

    private void Apply(Directive directive, Exception cause, object? message)
    {
        switch (directive)
        {
            case Directive.Resume:
                if (Mailbox is not null) Mailbox.Suspended = false;
                break;
            case Directive.Restart:
                System.Log.Info($"{Path} is restarted after {cause.GetType().Name}.");
                Restart(cause, message);
                break;
            default:
                System.Log.Info($"{Path} is stopped after {cause.GetType().Name}.");
                RequestStop(immediate: true);
                break;
        }
    }

    // ---------------------------------------------------------------- IActorContext

    public IActorRef ActorOf(Props props, string name)
    {
        ArgumentNullException.ThrowIfNull(props);
        var path = Path.Child(name);
        var dispatcher = System.DispatcherFor(props.Dispatcher);
        var child = new ActorCell(System, this, path, props, dispatcher);
        lock (_children)
        {
            if (_children.Any(c => c.Path.Name == name))
                throw new InvalidOperationException($"{Path} already has a child named '{name}'.");
            _children.Add(child);
        }
        dispatcher.PostSystem(child, CreateActor.Instance);
        return child.Self;
    }

    public IActorRef? Child(string name)
    {
        lock (_children) return _children.FirstOrDefault(c => c.Path.Name == name)?.Self;
    }

    public void Stop(IActorRef actor)
    {
        if (actor is not LocalActorRef local) throw new ArgumentException("Only local actors can be stopped.", nameof(actor));
        // Stopping the actor that is running now must wait until its handler returns.
        bool self = local.Cell == this;
        local.Cell.RequestStop(immediate: !self);
    }

    public void Watch(IActorRef actor)
    {
        if (actor is not LocalActorRef local) throw new ArgumentException("Only local actors can be watched.", nameof(actor));
        var target = local.Cell;
        bool alreadyDead;
        lock (target._watchers)
        {
            alreadyDead = target._state == CellState.Stopped;
            if (!alreadyDead && !target._watchers.Contains(this)) target._watchers.Add(this);
        }
        if (alreadyDead)
        {
            Self.Tell(new Terminated(actor));
            return;
        }
        lock (_watching)
        {
            if (!_watching.Contains(target)) _watching.Add(target);
        }
    }

    public void Unwatch(IActorRef actor)
    {
        if (actor is not LocalActorRef local) return;
        lock (local.Cell._watchers) local.Cell._watchers.Remove(this);
        lock (_watching) _watching.Remove(local.Cell);
    }

    ActorSystem IActorContext.System => System;

    private enum CellState
    {
        Created,
        Alive,
        Stopping,
        Stopped,
    }
}
