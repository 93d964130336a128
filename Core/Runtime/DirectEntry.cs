using System.Runtime.CompilerServices;
using Akka.Actor;

namespace Hft.Core.Runtime;

/// <summary>
/// A same-thread path into an actor, for the per-event market-data path: a feed (or a book) calls the actor's
/// handler directly on the core loop's thread instead of sending one Akka message per event. The entry outlives
/// actor instances: an actor attaches its current instance when it starts and detaches when it stops or
/// restarts. A handler that throws is detached and its actor is told (<see cref="DirectDeliveryFailed"/>), so the
/// failure goes through Akka's supervision like any message's; events that find no handler (the actor stopped)
/// are counted as dead letters.
/// </summary>
/// <typeparam name="THandler">What the caller calls on the actor.</typeparam>
public sealed class DirectEntry<THandler> where THandler : class
{
    private IActorRef? _owner;

    /// <summary>The current instance's handler; null while the actor is not running.</summary>
    public THandler? Handler { get; private set; }

    /// <summary>
    /// What the attached handler wants, as flags the caller defines (a book: depth and/or trades), read per event
    /// as a field rather than asked of the handler.
    /// </summary>
    public int Interest { get; private set; }

    /// <summary>Events that found no handler.</summary>
    public long DeadLetters { get; private set; }

    /// <summary>Attaches the running instance (from the actor's <c>PreStart</c>, or when it resumes).</summary>
    public void Attach(IActorRef owner, THandler handler, int interest = -1)
    {
        _owner = owner;
        Interest = interest;
        Handler = handler;
    }

    /// <summary>Detaches <paramref name="handler"/> if it is still the attached one (from <c>PostStop</c>).</summary>
    public void Detach(THandler handler)
    {
        if (ReferenceEquals(Handler, handler)) Handler = null;
    }

    /// <summary>Counts an event that found no handler.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CountDeadLetter() => DeadLetters++;

    /// <summary>
    /// The handler threw <paramref name="cause"/>: detach it until its actor's supervisor has decided, and tell the
    /// actor, which rethrows it in its own message handler (<see cref="DirectDeliveryFailed.Rethrow"/>). The message
    /// attaches the same handler again first, so that if the supervisor resumes the instance, events reach it again;
    /// a restart or stop detaches it in <c>PostStop</c>.
    /// </summary>
    public void Fail(Exception cause)
    {
        var failed = Handler;
        int interest = Interest;
        var owner = _owner;
        Handler = null;
        if (owner is null || failed is null) return;
        owner.Tell(new DirectDeliveryFailed(cause, () => Attach(owner, failed, interest)), ActorRefs.NoSender);
    }
}
