using System.Globalization;
using Akka.Configuration;
using Hft.Engine.Config;

namespace Hft.Engine.Sweeps.Cluster;

/// <summary>
/// The Akka configuration of a cluster sweep's node: the cluster provider over TCP on the node's address, the seed
/// nodes of <c>[cluster]</c>, the node's role, the sweep messages bound to <see cref="SweepMessageSerializer"/>, and
/// downing that always keeps the coordinator (the oldest node): a worker that stops answering is downed, never the
/// coordinator, whatever the number of nodes left.
/// </summary>
internal static class SweepClusterConfig
{
    /// <summary>The role of the node that hands out the runs and writes the results.</summary>
    public const string CoordinatorRole = "sweep-coordinator";

    /// <summary>The role of a node that only runs jobs.</summary>
    public const string WorkerRole = "sweep-worker";

    /// <summary>The actor system's name on every node (the engine host's); part of every node's address.</summary>
    public const string SystemName = "hft";

    /// <summary>The coordinator actor's name under <c>/user</c>.</summary>
    public const string CoordinatorName = "sweep-coordinator";

    /// <summary>The sweep messages bound to <see cref="SweepMessageSerializer"/> (part of every node's configuration).</summary>
    public static Akka.Configuration.Config Serialization { get; } = ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers { hft-sweep = "{{typeof(SweepMessageSerializer).AssemblyQualifiedName}}" }
          serialization-bindings { "{{typeof(ISweepClusterMessage).AssemblyQualifiedName}}" = hft-sweep }
        }
        """);

    /// <summary>The configuration of a node with <paramref name="role"/> listening on <paramref name="host"/>:<paramref name="port"/> (0: any free port).</summary>
    public static Akka.Configuration.Config For(ClusterSettings cluster, string role, string host, int port)
    {
        string seeds = string.Join(", ", cluster.SeedNodes.Select(s => Quote(Address(s))));
        string pause = ((int)Math.Round(cluster.UnreachableAfterMs)).ToString(CultureInfo.InvariantCulture);
        string stable = ((int)Math.Round(Math.Max(2 * cluster.UnreachableAfterMs, 3000))).ToString(CultureInfo.InvariantCulture);
        return ConfigurationFactory.ParseString($$"""
            akka {
              actor {
                provider = cluster
              }
              # The cluster's and remoting's own chatter (joins, leader moves, buffers) stays out of the sweep's log.
              remote.log-remote-lifecycle-events = off
              remote.dot-netty.tcp {
                hostname = {{Quote(host)}}
                port = {{port.ToString(CultureInfo.InvariantCulture)}}
              }
              cluster {
                log-info = off
                seed-nodes = [{{seeds}}]
                roles = [{{Quote(role)}}]
                failure-detector.acceptable-heartbeat-pause = {{pause}} ms
                downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
                split-brain-resolver {
                  active-strategy = keep-oldest
                  stable-after = {{stable}} ms
                  keep-oldest.down-if-alone = off
                  # A worker lost while the coordinator leaves must not bring the whole cluster down.
                  down-all-when-unstable = off
                }
              }
            }
            """).WithFallback(Serialization);
    }

    /// <summary>The Akka address of the node at <paramref name="endpoint"/>.</summary>
    public static string Address(ClusterEndpoint endpoint) => $"akka.tcp://{SystemName}@{endpoint}";

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
