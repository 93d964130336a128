using System.Runtime.CompilerServices;

namespace Hft.Core.Actors;

/// <summary>The reference to an actor in this process; survives restarts of the actor it names.</summary>
internal sealed class LocalActorRef : IActorRef
{
    public LocalActorRef(ActorCell cell) => Cell = cell;

    public ActorCell Cell { get; }

    public ActorPath Path => Cell.Path;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Tell<T>(T message, IActorRef? sender = null) => Cell.Post(message, sender);

    public override string ToString() => Path.ToString();
}
