namespace Hft.Engine.Config;

/// <summary>
/// A sweep over several processes or machines (<c>[cluster]</c>), read by <c>sweep --cluster</c> and <c>sweep-worker</c>
/// only: the nodes form an Akka.Cluster, the coordinator at the first seed node hands out the runs.
/// </summary>
public sealed record ClusterSettings
{
    /// <summary>
    /// The nodes a new node joins through (<c>seed_nodes</c>, <c>"host:port"</c> each; required). The first is the
    /// coordinator's own address: <c>sweep --cluster</c> listens there.
    /// </summary>
    public required IReadOnlyList<ClusterEndpoint> SeedNodes { get; init; }

    /// <summary>The address a worker listens on and is reached at (<c>host</c>); default 127.0.0.1.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>
    /// Heartbeats missing this long make a node unreachable (<c>unreachable_after_ms</c>): the coordinator gives its
    /// runs to the other workers. Default 3000.
    /// </summary>
    public double UnreachableAfterMs { get; init; } = 3000;
}
