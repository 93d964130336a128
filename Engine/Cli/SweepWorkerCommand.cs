using System.CommandLine;
using System.Globalization;
using Akka.Actor;
using Hft.Core.Runtime;
using Hft.Engine.Hosting;
using Hft.Engine.Plugins;
using Hft.Engine.Sweeps;
using Hft.Engine.Sweeps.Cluster;

namespace Hft.Engine.Cli;

/// <summary>
/// <c>sweep-worker CONFIG.toml [--jobs N] [--port N]</c>: a worker node of a cluster sweep. It joins the cluster at
/// the config's <c>[cluster] seed_nodes</c>, waits for the coordinator (<c>sweep CONFIG --cluster</c>), checks that its
/// configuration and data are the coordinator's, plans the same grid, and runs the jobs it is given on N threads
/// over its own copy of the data, read once, until the sweep is finished. Exit 0 then; 1 when the coordinator is
/// lost or refuses it; 130 on Ctrl-C.
/// </summary>
internal static class SweepWorkerCommand
{
    private static readonly TimeSpan CoordinatorAnswer = TimeSpan.FromSeconds(30);

    public static Command Create()
    {
        var config = new Argument<string>("config") { Description = "The sweep's TOML configuration, with a [cluster] table (the same file and data as the coordinator's)" };
        var jobs = new Option<int>("--jobs") { Description = "Backtests run at the same time on this node (default: one per core)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var port = new Option<int>("--port") { Description = "TCP port this node listens on, at [cluster] host (default 0: a free one)", DefaultValueFactory = _ => 0 };
        var wait = new Option<double>("--wait") { Description = "Seconds to wait for the coordinator to come up before giving up", DefaultValueFactory = _ => 60 };
        var command = new Command("sweep-worker", "Join a cluster sweep as a worker node and run the jobs its coordinator hands out") { config, jobs, port, wait };
        command.SetAction(r => CliFailure.Guard(() => Run(r.GetValue(config)!, r.GetValue(jobs), r.GetValue(port), r.GetValue(wait))));
        return command;
    }

    private static int Run(string config, int workers, int port, double waitSeconds)
    {
        if (!(waitSeconds > 0 && waitSeconds <= 86_400)) throw new ArgumentException($"--wait: must be more than 0 and at most 86400 seconds, got {waitSeconds}");
        if (workers < 1) throw new ArgumentException($"--jobs: must be at least 1, got {workers}");
        if (port is < 0 or > 65535) throw new ArgumentException($"--port: must be a TCP port from 1 to 65535, or 0 for a free one, got {port}");
        var settings = BacktestCommand.Resolve("--config", config);
        var cluster = settings.Cluster ?? throw new ArgumentException(
            $"{config} has no [cluster] table: a worker joins the cluster at its seed_nodes = [\"host:port\", ...]");
        using var log = EngineLogging.Create(settings.Logging.Level, settings.Logging.File);
        using var starting = new StartingHost(SweepClusterConfig.For(cluster, SweepClusterConfig.WorkerRole, cluster.Host, port));
        var host = starting.Host;
        host.UseLogger(log, settings.Logging.Level, systemInfo: false);
        var system = host.System;
        // Neither is disposed: the host's shutdown, which outlives this method's scope, still uses them.
        var watch = new CoordinatorWatch();
        SweepRunner? runner = null;
        var stopping = new CancellationTokenSource();
        host.OnShutdown("stop-sweep-worker", () =>
        {
            stopping.Cancel();
            runner?.Stop();
            watch.Abandon();
        });
        system.ActorOf(new ActorFactory().Props(() => new CoordinatorTracker(watch)), "sweep-coordinator-tracker");
        log.Information("Worker node {Node} joining {Seeds}; waiting for the coordinator", Akka.Cluster.Cluster.Get(system).SelfAddress.ToString(),
            string.Join(", ", cluster.SeedNodes));
        Address at;
        try
        {
            if (!watch.Found.Wait(TimeSpan.FromSeconds(waitSeconds)))
            {
                Console.Error.WriteLine($"error: no coordinator came up at {string.Join(", ", cluster.SeedNodes)} within {waitSeconds:0.###} s (start `sweep CONFIG --param ... --cluster` there, or give --wait more)");
                return 1;
            }
            at = watch.Found.Result;
        }
        catch (AggregateException e) when (e.InnerException is TaskCanceledException)
        {
            throw new OperationCanceledException("the worker was stopped before a coordinator came up");
        }
        var coordinator = Resolve(system, at, watch.Gone);
        var spec = coordinator.Ask<SweepSpec>(new SweepSpecRequest(), CoordinatorAnswer, watch.Gone).GetAwaiter().GetResult();
        log.Information("Coordinator {Coordinator}: sweep of {Runs} runs of {Config}", at.ToString(), spec.Runs, spec.Config);

        // The same file and data as the coordinator's, or no part in the sweep: rows from other inputs would be wrong.
        string? refusal = null;
        if (SweepDigests.OfFile(config) != spec.ConfigDigest)
            refusal = $"{Path.GetFullPath(config)} is not the coordinator's configuration {spec.Config} (their SHA-256 differ)";
        var (grid, jobs) = SweepCommand.Plan(config, spec.Parameters, spec.Plugins);
        if (refusal is null && jobs.Count != spec.Runs) refusal = $"the grid here has {jobs.Count} runs, the coordinator's {spec.Runs}";
        if (refusal is null && SweepDigests.OfData(jobs[0].Settings) != spec.DataDigest)
            refusal = "the event files here are not the coordinator's (their SHA-256 differ): " + string.Join(", ", jobs[0].Settings.Instruments.SelectMany(i => i.Data));
        if (refusal is not null)
        {
            coordinator.Tell(new WorkerRefused(spec.SweepId, refusal));
            throw new ArgumentException(refusal);
        }
        var registry = StrategyRegistry.Shared(jobs[0].Settings.PluginsDir);
        foreach (var problem in registry.Problems) log.Warning("Plugin not loaded: {Problem}", problem.ToString());
        SweepCommand.BindStrategies(registry, grid, jobs);
        var data = SharedEventData.Load(jobs[0].Settings);
        runner = new SweepRunner(system, data, registry);
        if (watch.Gone.IsCancellationRequested) runner.Stop();
        var source = new CoordinatorJobSource(coordinator, spec.SweepId, watch.Gone);
        int here = 0;
        runner.Run(jobs, workers, source, (k, row) =>
        {
            coordinator.Tell(JobResult.Of(spec.SweepId, k, row));
            int n = Interlocked.Increment(ref here);
            string point = string.Join(" ", grid.Parameters.Select((p, i) => p.Name + "=" + row.Point.Values[i]));
            log.Information("Run {Run} ({Point}) done here, {Done} so far", (k + 1).ToString(CultureInfo.InvariantCulture), point, n);
        });
        if (source.Finished || watch.Left)
        {
            log.Information("Sweep finished: {Runs} of its {Total} runs were run here", here, spec.Runs);
            return 0;
        }
        if (stopping.IsCancellationRequested) throw new OperationCanceledException($"the worker was stopped after {here} run(s)");
        Console.Error.WriteLine($"error: the coordinator at {at} was lost; {here} run(s) were done here");
        return 1;
    }

    // The coordinator's node may be up before its actor is: ask again until it answers or goes.
    private static IActorRef Resolve(ActorSystem system, Address coordinator, CancellationToken gone)
    {
        var selection = system.ActorSelection(new RootActorPath(coordinator) / "user" / SweepClusterConfig.CoordinatorName);
        while (true)
        {
            gone.ThrowIfCancellationRequested();
            try
            {
                return selection.ResolveOne(TimeSpan.FromSeconds(2), gone).GetAwaiter().GetResult();
            }
            catch (ActorNotFoundException)
            {
                Thread.Sleep(200);
            }
        }
    }
}
