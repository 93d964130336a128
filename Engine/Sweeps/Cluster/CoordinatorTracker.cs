using Akka.Actor;
using Akka.Cluster;

namespace Hft.Engine.Sweeps.Cluster;

/// <summary>
/// On a worker node, follows the cluster for the coordinator (the member with its role): tells the
/// <see cref="CoordinatorWatch"/> where it is once it is up, and whether it went away by leaving (its sweep is done) or
/// by becoming unreachable or removed without leaving (it was lost).
/// </summary>
internal sealed class CoordinatorTracker : ReceiveActor
{
    private Address? _coordinator;

    /// <summary>A tracker that reports to <paramref name="watch"/>.</summary>
    public CoordinatorTracker(CoordinatorWatch watch)
    {
        Receive<ClusterEvent.MemberUp>(m => m.Member.HasRole(SweepClusterConfig.CoordinatorRole), m =>
        {
            _coordinator ??= m.Member.Address;
            watch.Up(_coordinator);
        });
        Receive<ClusterEvent.MemberLeft>(m => m.Member.Address == _coordinator, _ => watch.Away(left: true));
        Receive<ClusterEvent.MemberExited>(m => m.Member.Address == _coordinator, _ => watch.Away(left: true));
        Receive<ClusterEvent.UnreachableMember>(m => m.Member.Address == _coordinator, _ => watch.Away(left: false));
        Receive<ClusterEvent.MemberRemoved>(m => m.Member.Address == _coordinator, m => watch.Away(left: m.PreviousStatus is MemberStatus.Exiting or MemberStatus.Leaving));
        Receive<ClusterEvent.IClusterDomainEvent>(_ => { });
    }

    /// <inheritdoc />
    protected override void PreStart() => Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self,
        ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.UnreachableMember));

    /// <inheritdoc />
    protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
}
