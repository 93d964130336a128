using Akka.Actor;

namespace Hft.Engine.Sweeps.Cluster;

/// <summary>
/// The node at <paramref name="Address"/> stopped answering or left: the coordinator gives its runs to others. Made
/// from the cluster's own events; a local message, never sent between nodes.
/// </summary>
internal sealed record NodeLost(Address Address);
