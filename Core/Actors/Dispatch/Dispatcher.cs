namespace Hft.Core.Actors.Dispatch;

/// <summary>Runs actors: decides on which thread and in which order their messages are processed.</summary>
internal abstract class Dispatcher
{
    /// <summary>Queues a user message for <paramref name="target"/>.</summary>
    public abstract void Post<T>(ActorCell target, T message, IActorRef? sender);

    /// <summary>Queues a system message for <paramref name="target"/>; it is processed before later user messages.</summary>
    public abstract void PostSystem(ActorCell target, SystemMessage message);

    /// <summary>True if the calling thread is the one that runs this dispatcher's actors (always false for a pool).</summary>
    public abstract bool IsOwnThread { get; }

    /// <summary>The dispatcher's current time.</summary>
    public abstract long Now { get; }
}
