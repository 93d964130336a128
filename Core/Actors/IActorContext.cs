using Hft.Core.Actors.Scheduling;

namespace Hft.Core.Actors;

/// <summary>What an actor can see of itself and do to the hierarchy, while it processes a message.</summary>
public interface IActorContext
{
    /// <summary>This actor's reference.</summary>
    IActorRef Self { get; }

    /// <summary>The sender of the message being processed, if it named one.</summary>
    IActorRef? Sender { get; }

    /// <summary>The supervisor; null only for the top-level guardian.</summary>
    IActorRef? Parent { get; }

    /// <summary>The live children, in the order they were created.</summary>
    IReadOnlyList<IActorRef> Children { get; }

    /// <summary>The system this actor belongs to.</summary>
    ActorSystem System { get; }

    /// <summary>Scheduler on the core loop's clock.</summary>
    IScheduler Scheduler { get; }

    /// <summary>The current time of this actor's dispatcher (virtual in a backtest), ns since epoch.</summary>
    long Now { get; }

    /// <summary>Creates a child actor; names must be unique among siblings.</summary>
    IActorRef ActorOf(Props props, string name);

    /// <summary>The child with this name, or null.</summary>
    IActorRef? Child(string name);

    /// <summary>Stops an actor (this one, or a child). Later messages go to dead letters.</summary>
    void Stop(IActorRef actor);

    /// <summary>Asks for a <see cref="Terminated"/> message when <paramref name="actor"/> stops.</summary>
    void Watch(IActorRef actor);

    /// <summary>Cancels a <see cref="Watch"/>.</summary>
    void Unwatch(IActorRef actor);
}
