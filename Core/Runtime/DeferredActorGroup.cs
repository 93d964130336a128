using Akka.Actor;

namespace Hft.Core.Runtime;

/// <summary>
/// An <see cref="ActorGroup"/> whose children are created only when it is told <see cref="CreateChildren"/> (a live
/// session's strategies wait until the venue was reconciled); after a restart it creates them again at once if it had.
/// </summary>
public sealed class DeferredActorGroup(Action<IUntypedActorContext> createChildren, SupervisorStrategy? strategy = null) : UntypedActor
{
    private bool _created;

    /// <summary>The cue to create the children (the second and later cues are ignored).</summary>
    public sealed class CreateChildren
    {
        /// <summary>The one instance.</summary>
        public static CreateChildren Instance { get; } = new();

        private CreateChildren()
        {
        }
    }

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        if (message is not CreateChildren)
        {
            Unhandled(message);
            return;
        }
        if (_created) return;
        _created = true;
        createChildren(Context);
    }

    /// <inheritdoc />
    protected override void PostRestart(Exception reason)
    {
        base.PostRestart(reason);
        if (_created) createChildren(Context);
    }

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => strategy ?? base.SupervisorStrategy();
}
