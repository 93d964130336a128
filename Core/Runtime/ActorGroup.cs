using Akka.Actor;

namespace Hft.Core.Runtime;

/// <summary>
/// An actor that only creates and supervises children (<c>/venues</c>, <c>/strategies</c>, <c>/books</c>, and the
/// root of a graph): <paramref name="createChildren"/> runs in its <c>PreStart</c> (again after a restart), on
/// its own context, so children are created in a fixed order on the core loop.
/// </summary>
public sealed class ActorGroup(Action<IUntypedActorContext> createChildren, SupervisorStrategy? strategy = null, Action? stopped = null)
    : UntypedActor
{
    /// <inheritdoc />
    protected override void PreStart() => createChildren(Context);

    /// <inheritdoc />
    protected override void PostStop() => stopped?.Invoke();

    /// <inheritdoc />
    protected override void OnReceive(object message) => Unhandled(message);

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => strategy ?? base.SupervisorStrategy();
}
