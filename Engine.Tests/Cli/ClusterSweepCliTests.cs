using System.Diagnostics;
using Hft.Engine.Tests.Config;

namespace Hft.Engine.Tests.Cli;

/// <summary>
/// <c>sweep --cluster</c> and <c>sweep-worker</c> as processes on 127.0.0.1: the coordinator and two worker nodes, one
/// of them killed (SIGKILL) in the middle of the sweep; the result set is the single-process sweep's, byte for byte.
/// </summary>
public sealed class ClusterSweepCliTests
{
    private const string Grid = "relative_half_spread=0.0001..0.0004:0.0001";
    private const string Grids = "grid_num=2..16:2";
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private string _dir = null!;

    [OneTimeSetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("hft-cluster-sweep-").FullName;

    [OneTimeTearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string P(string name) => Path.Combine(_dir, name);

    // The shipped sample config with its data path made absolute, and a [cluster] on a free loopback port.
    private string Config(string name, int port, string extra = "")
    {
        string sample = Path.Combine(ConfigTestKit.RepositoryRoot, "samples").Replace('\\', '/') + "/";
        string text = File.ReadAllText(Path.Combine(ConfigTestKit.AppSettings, "backtest.toml")).Replace("../samples/", sample, StringComparison.Ordinal)
            + extra + $"\n[cluster]\nseed_nodes = [\"127.0.0.1:{port}\"]\nunreachable_after_ms = 1500\n";
        File.WriteAllText(P(name), text);
        return P(name);
    }

    private static int RunsDone(BackgroundEngine worker) => worker.Stderr.Split('\n').Count(l => l.Contains(" done here, ", StringComparison.Ordinal));

    private static void WaitFor(Func<bool> condition, TimeSpan timeout, string what, params BackgroundEngine[] engines)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > timeout)
                Assert.Fail($"{what} did not happen within {timeout.TotalSeconds:0} s;\n" + string.Join("\n", engines.Select(e => $"--- {e.Arguments}:\n{e.Stderr}")));
            Thread.Sleep(50);
        }
    }

    [Test]
    public void Three_processes_one_killed_mid_sweep_give_the_single_process_result()
    {
        int port = BackgroundEngine.FreePort();
        string config = Config("cluster.toml", port);
        var single = EngineProcess.Run("sweep", config, "--param", Grid, "--param", Grids, "--jobs", "2", "--out", P("single"));
        Assert.That(single.ExitCode, Is.Zero, single.Stderr);

        using var coordinator = new BackgroundEngine("sweep", config, "--param", Grid, "--param", Grids, "--cluster", "--jobs", "0", "--out", P("cluster"));
        coordinator.WaitForPort(port, TimeSpan.FromSeconds(60));
        using var doomed = new BackgroundEngine("sweep-worker", config, "--jobs", "1");
        using var survivor = new BackgroundEngine("sweep-worker", config, "--jobs", "1");
        WaitFor(() => RunsDone(doomed) >= 2, Limit, "two runs on the first worker", coordinator, doomed, survivor);
        doomed.Signal("KILL");
        doomed.WaitForExit(TimeSpan.FromSeconds(30));
        Assert.That(coordinator.HasExited, Is.False, "the sweep was not over when the worker was killed");

        coordinator.WaitForExit(Limit);
        survivor.WaitForExit(TimeSpan.FromSeconds(60));
        TestContext.Out.WriteLine(coordinator.Stderr.Split('\n').LastOrDefault(l => l.Contains("over the cluster", StringComparison.Ordinal)) ?? "");
        Assert.That(coordinator.ExitCode, Is.Zero, coordinator.Stderr);
        Assert.That(survivor.ExitCode, Is.Zero, survivor.Stderr);
        Assert.That(survivor.Stderr, Does.Contain("Sweep finished"));
        Assert.That(RunsDone(survivor), Is.GreaterThan(0));
        Assert.That(File.ReadAllBytes(P("cluster/sweep.csv")), Is.EqualTo(File.ReadAllBytes(P("single/sweep.csv"))), "sweep.csv differs from the single-process sweep");
        Assert.That(File.ReadAllBytes(P("cluster/sweep.html")), Is.EqualTo(File.ReadAllBytes(P("single/sweep.html"))));
        Assert.That(coordinator.Stdout, Is.EqualTo(single.Stdout), "the ranked table differs");
        Assert.That(coordinator.Stderr, Does.Contain("0 duplicate row(s) dropped"));
        if (coordinator.Stderr.Contains("was lost with", StringComparison.Ordinal))
            Assert.That(coordinator.Stderr, Does.Match(@"[1-9]\d* run\(s\) handed out again"));
    }

    [Test]
    public void A_worker_whose_files_differ_is_refused_and_says_why()
    {
        int port = BackgroundEngine.FreePort();
        string config = Config("coordinator.toml", port);
        // Same grid, another file: a changed default would change every row it ran.
        string other = Config("other.toml", port, "\n# another file\n");
        using var coordinator = new BackgroundEngine("sweep", config, "--param", "grid_num=2,4", "--cluster", "--jobs", "0", "--out", P("refused"));
        coordinator.WaitForPort(port, TimeSpan.FromSeconds(60));
        var worker = EngineProcess.Run("sweep-worker", other, "--jobs", "1");
        Assert.That(worker.ExitCode, Is.EqualTo(1), worker.Stderr);
        Assert.That(worker.Stderr, Does.Contain("is not the coordinator's configuration").And.Contain("SHA-256"));
        WaitFor(() => coordinator.Stderr.Contains("refused the sweep", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the coordinator logging the refusal", coordinator);
        coordinator.Signal("INT");
        coordinator.WaitForExit(TimeSpan.FromSeconds(60));
        Assert.That(coordinator.ExitCode, Is.EqualTo(130), coordinator.Stderr);
        Assert.That(coordinator.Stderr, Does.Contain("interrupted: 0 of 2 runs finished"));
    }

    [Test]
    public void Without_a_cluster_table_both_commands_say_what_is_missing()
    {
        string plain = P("plain.toml");
        File.WriteAllText(plain, File.ReadAllText(Path.Combine(ConfigTestKit.AppSettings, "backtest.toml"))
            .Replace("../samples/", Path.Combine(ConfigTestKit.RepositoryRoot, "samples").Replace('\\', '/') + "/", StringComparison.Ordinal));
        var sweep = EngineProcess.Run("sweep", plain, "--param", "grid_num=2,4", "--cluster");
        Assert.That(sweep.ExitCode, Is.EqualTo(1));
        Assert.That(sweep.Stderr, Does.Contain("--cluster: ").And.Contain("has no [cluster] table"));
        var worker = EngineProcess.Run("sweep-worker", plain);
        Assert.That(worker.ExitCode, Is.EqualTo(1));
        Assert.That(worker.Stderr, Does.Contain("has no [cluster] table"));
        var alone = EngineProcess.Run("sweep", plain, "--param", "grid_num=2,4", "--jobs", "0");
        Assert.That(alone.Stderr, Does.Contain("--jobs: must be at least 1, got 0"));
    }

    [Test]
    public void A_worker_with_no_coordinator_gives_up_after_its_wait()
    {
        string config = Config("lonely.toml", BackgroundEngine.FreePort());
        var worker = EngineProcess.Run("sweep-worker", config, "--wait", "2");
        Assert.That(worker.ExitCode, Is.EqualTo(1), worker.Stderr);
        Assert.That(worker.Stderr, Does.Contain("no coordinator came up at 127.0.0.1:").And.Contain("within 2 s"));
        Assert.That(worker.Stdout, Is.Empty, "Akka's last words must not reach standard output");
    }
}
