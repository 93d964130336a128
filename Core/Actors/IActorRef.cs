namespace Hft.Core.Actors;

/// <summary>
/// A handle to an actor. It is the only way to reach one: <see cref="Tell{T}"/> puts a message in its
/// mailbox and returns at once. A restarted actor keeps its reference; a stopped actor's messages go to
/// dead letters.
/// </summary>
public interface IActorRef
{
    /// <summary>Where the actor sits in the hierarchy, e.g. <c>/user/books/BTCUSDT</c>.</summary>
    ActorPath Path { get; }

    /// <summary>
    /// Sends <paramref name="message"/> without waiting. Struct messages are not boxed on the core loop.
    /// </summary>
    /// <param name="message">The message.</param>
    /// <param name="sender">Who the receiver sees as <c>Sender</c>; null for none.</param>
    void Tell<T>(T message, IActorRef? sender = null);
}
