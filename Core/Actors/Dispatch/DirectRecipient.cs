using System.Runtime.CompilerServices;

namespace Hft.Core.Actors.Dispatch;

/// <summary>
/// A core-loop actor that a <see cref="TimedSource"/> delivers to directly: the source already is the
/// ordered queue for its items, so they skip the FIFO and reach the actor's handler (with the same
/// failure handling and dead-letter rules as any message).
/// </summary>
public sealed class DirectRecipient
{
    private readonly ActorCell _cell;

    internal DirectRecipient(ActorCell cell) => _cell = cell;

    /// <summary>The actor's reference.</summary>
    public IActorRef Ref => _cell.Self;

    /// <summary>Delivers <paramref name="message"/> now. Only on the core loop thread, from a source's <see cref="TimedSource.DeliverNext"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Deliver<T>(in T message, IActorRef? sender) => _cell.Invoke(in message, sender);
}
