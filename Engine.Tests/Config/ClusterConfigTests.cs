using Hft.Engine.Config;

namespace Hft.Engine.Tests.Config;

/// <summary><c>[cluster]</c>: absent unless given, its seed nodes checked, kept by the printed settings.</summary>
public sealed class ClusterConfigTests : Data.TempDirectoryTest
{
    private string Write(string extra)
    {
        string text = File.ReadAllText(Path.Combine(ConfigTestKit.AppSettings, "backtest.toml"))
            .Replace("../samples/", Path.Combine(ConfigTestKit.RepositoryRoot, "samples").Replace('\\', '/') + "/", StringComparison.Ordinal) + extra;
        string path = PathOf("cluster.toml");
        File.WriteAllText(path, text);
        return path;
    }

    [Test]
    public void Without_the_table_there_is_no_cluster()
    {
        Assert.That(SettingsLoader.Load(Write("")).Cluster, Is.Null);
    }

    [Test]
    public void The_table_binds_with_defaults_and_survives_the_printed_settings()
    {
        var settings = SettingsLoader.Load(Write("\n[cluster]\nseed_nodes = [\"127.0.0.1:4053\", \"localhost:4054\"]\n"));
        var cluster = settings.Cluster!;
        Assert.That(cluster.SeedNodes, Is.EqualTo(new[] { new ClusterEndpoint("127.0.0.1", 4053), new ClusterEndpoint("localhost", 4054) }));
        Assert.That((cluster.Host, cluster.UnreachableAfterMs), Is.EqualTo(("127.0.0.1", 3000.0)));
        File.WriteAllText(PathOf("again.toml"), SettingsWriter.Write(settings));
        var again = SettingsLoader.Load(PathOf("again.toml")).Cluster!;
        Assert.That(again.SeedNodes, Is.EqualTo(cluster.SeedNodes));
        Assert.That((again.Host, again.UnreachableAfterMs), Is.EqualTo((cluster.Host, cluster.UnreachableAfterMs)));
    }

    [TestCase("seed_nodes = []", "cluster.seed_nodes: needs at least one \"host:port\"")]
    [TestCase("seed_nodes = [\"127.0.0.1\"]", "cluster.seed_nodes: '127.0.0.1' is not host:port")]
    [TestCase("seed_nodes = [\"127.0.0.1:0\"]", "cluster.seed_nodes: '127.0.0.1:0': the port must be a number from 1 to 65535")]
    [TestCase("seed_nodes = [\"127.0.0.1:4053\"]\nunreachable_after_ms = 100", "cluster.unreachable_after_ms: must be from 500 to 600000 milliseconds, got 100")]
    [TestCase("seed_nodes = [\"127.0.0.1:4053\"]\nhost = \"a b\"", "cluster.host: 'a b' is not a host name or address")]
    [TestCase("seed_nodes = [\"127.0.0.1:4053\"]\nport = 4053", "cluster.port: unknown key")]
    [TestCase("host = \"127.0.0.1\"", "cluster: missing required key 'seed_nodes' (the \"host:port\"")]
    public void A_bad_key_is_reported_where_it_is(string lines, string problem)
    {
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Load(Write("\n[cluster]\n" + lines + "\n")));
        Assert.That(e!.Message, Does.Contain(problem));
    }
}
