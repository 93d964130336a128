using System.CommandLine;
using System.Globalization;
using System.Text;
using Hft.Engine.Backtests;
using Hft.Engine.Config;
using Hft.Engine.Hosting;
using Hft.Engine.Plugins;
using Hft.Engine.Sweeps;
using Hft.Engine.Sweeps.Cluster;

namespace Hft.Engine.Cli;

/// <summary>
/// <c>sweep CONFIG.toml --param NAME=VALUES ... [--jobs N] [--out DIR]</c>: runs the backtest of the config for every
/// combination of the swept values on all cores, in one actor system, over data read once, and writes a ranked
/// table, <c>sweep.csv</c> and <c>sweep.html</c>. Every run is the backtest <c>backtest --config CONFIG --param ...</c>
/// would run alone, so its row equals that command's <c>--json</c> summary.
/// </summary>
internal static class SweepCommand
{
    public static Command Create()
    {
        var config = new Argument<string>("config") { Description = "TOML configuration with mode = \"backtest\" (the runs' common settings)" };
        var param = new Option<string[]>("--param")
        {
            Description = "Swept setting NAME=v1,v2,... or NAME=FROM..TO:STEP (repeatable; the grid is every combination). A NAME without a dot is a strategy parameter; settings: "
                + string.Join(", ", SweepParameter.SettingNames),
            AllowMultipleArgumentsPerToken = false,
            Required = true,
        };
        var jobs = new Option<int>("--jobs") { Description = "Backtests run at the same time (default: one per core)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var output = new Option<string>("--out") { Description = "Directory for sweep.csv and sweep.html", DefaultValueFactory = _ => Path.Combine("runs", "sweep") };
        var rankBy = new Option<string>("--rank-by") { Description = "Column to rank by: a statistic (sharpe, max_drawdown, ...) or a summary key (pnl, fills, ...)", DefaultValueFactory = _ => "sharpe" };
        var top = new Option<int>("--top") { Description = "Runs shown in the ranked table (all are in sweep.csv)", DefaultValueFactory = _ => 20 };
        var plugins = new Option<string?>("--plugins") { Description = "Plugins folder (default: plugins/ beside the config file or in the working directory)" };
        var cluster = new Option<bool>("--cluster")
        {
            Description = "Coordinate the sweep over an Akka.Cluster: listen at the first of [cluster] seed_nodes and hand the runs to the `sweep-worker` nodes that join (and to --jobs workers here; 0 for none)",
        };
        var command = new Command("sweep", "Run a grid of backtests on all cores and rank them") { config, param, jobs, output, rankBy, top, plugins, cluster };
        command.SetAction(r => CliFailure.Guard(() => Run(r.GetValue(config)!, r.GetValue(param) ?? [], r.GetValue(jobs), r.GetValue(output)!,
            r.GetValue(rankBy)!, r.GetValue(top), r.GetValue(plugins), r.GetValue(cluster))));
        return command;
    }

    /// <summary>The grid and each run's settings, resolved as <c>backtest</c> resolves its command line.</summary>
    internal static (SweepGrid Grid, IReadOnlyList<SweepJob> Jobs) Plan(string config, IReadOnlyList<string> parameters, string? plugins)
    {
        var grid = SweepGrid.Create(parameters.Select(SweepParameter.Parse).ToList());
        var jobs = grid.Points.Select(point =>
        {
            var args = new List<string> { "--config", config };
            if (plugins is not null) args.AddRange(["--plugins", plugins]);
            for (int k = 0; k < grid.Parameters.Count; k++) args.AddRange(grid.Parameters[k].Arguments(point.Values[k]));
            try
            {
                return new SweepJob(point, BacktestCommand.Resolve(args.ToArray()));
            }
            catch (Exception e) when (e is ArgumentException or FormatException && e is not ConfigException)
            {
                throw new ArgumentException($"{Describe(grid, point)}: {e.Message}", e);
            }
        }).ToList();
        return (grid, jobs);
    }

    /// <summary>
    /// Binds every run's strategy parameters, so that a bad value fails before the first run rather than in the middle.
    /// </summary>
    internal static void BindStrategies(StrategyRegistry registry, SweepGrid grid, IReadOnlyList<SweepJob> jobs)
    {
        foreach (var job in jobs)
        {
            foreach (var s in job.Settings.Strategies)
            {
                try
                {
                    registry.Resolve(s.Kind, s.ToParameters());
                }
                catch (Exception e) when (e is ArgumentException or FormatException)
                {
                    throw new ArgumentException($"{Describe(grid, job.Point)}: {e.Message}", e);
                }
            }
        }
    }

    private static int Run(string config, string[] parameters, int workers, string outDir, string rankBy, int top, string? plugins, bool cluster)
    {
        if (workers < (cluster ? 0 : 1)) throw new ArgumentException($"--jobs: must be at least {(cluster ? 0 : 1)}, got {workers}");
        if (top < 0) throw new ArgumentException($"--top: must be 0 or more, got {top}");
        var (grid, jobs) = Plan(config, parameters, plugins);
        var first = jobs[0].Settings;
        using var log = EngineLogging.Create(first.Logging.Level, first.Logging.File);
        BacktestPlan.RequireData(first);
        var clusterSettings = cluster ? first.Cluster ?? throw new ArgumentException(
            $"--cluster: {config} has no [cluster] table (seed_nodes = [\"host:port\", ...], the first being this coordinator's address)") : null;
        using var starting = new StartingHost(clusterSettings is null ? null
            : SweepClusterConfig.For(clusterSettings, SweepClusterConfig.CoordinatorRole, clusterSettings.SeedNodes[0].Host, clusterSettings.SeedNodes[0].Port));
        var registry = StrategyRegistry.Shared(first.PluginsDir);
        foreach (var problem in registry.Problems) log.Warning("Plugin not loaded: {Problem}", problem.ToString());
        BindStrategies(registry, grid, jobs);
        var data = SharedEventData.Load(first);
        log.Information("Sweep of {Runs} backtests on {Workers} worker(s){Where} over {Rows:N0} rows read once", jobs.Count, Math.Min(workers, jobs.Count),
            cluster ? " here and the cluster's" : "", data.TotalRows);
        var host = starting.Host;
        host.UseLogger(log, first.Logging.Level, systemInfo: clusterSettings is null);
        if (host.IsShuttingDown) throw new OperationCanceledException("the sweep was stopped before its first run");
        var runner = new SweepRunner(host.System, data, registry);
        ClusterSweep? clusterSweep = null;
        if (clusterSettings is not null)
        {
            var spec = new SweepSpec(Guid.NewGuid().ToString("N"), Path.GetFullPath(config), SweepDigests.OfFile(config), SweepDigests.OfData(first),
                parameters, plugins, jobs.Count);
            clusterSweep = new ClusterSweep(host.System, spec, workers > 0 ? runner : null,
                (refused, node) => log.Error("Worker node {Node} refused the sweep: {Reason}", node.ToString(), refused.Reason));
            log.Information("Coordinating at {Address}: worker nodes join with `sweep-worker {Config}`", SweepClusterConfig.Address(clusterSettings.SeedNodes[0]), config);
        }
        ISweepExecution execution = clusterSweep is null ? runner : clusterSweep;
        // Ctrl-C stops the runs under way; the runs already finished are still written.
        host.OnShutdown("stop-sweep", clusterSweep is null ? runner.Stop : clusterSweep.Stop);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var rows = SweepProgress.Execute(execution, jobs, workers, grid, terminal: BacktestProgress.CanShow);
        double seconds = clock.Elapsed.TotalSeconds;
        var finished = rows.OfType<SweepRow>().ToList();
        if (clusterSweep is null)
            log.Information("{Runs} runs in {Seconds:F2} s on {Workers} worker(s): {RunsPerSecond:F1} runs/s, {EventsPerSecond:N0} events/s",
                finished.Count, seconds, Math.Min(workers, jobs.Count), finished.Count / seconds, finished.Count * (double)data.TotalRows / seconds);
        else
            log.Information("{Runs} runs in {Seconds:F2} s over the cluster ({Local} worker(s) here): {RunsPerSecond:F1} runs/s; {Reissued} run(s) handed out again after a node was lost, {Duplicates} duplicate row(s) dropped",
                finished.Count, seconds, workers, finished.Count / seconds, clusterSweep.Tally.Reissued, clusterSweep.Tally.Duplicates);

        var ranking = SweepRanking.Rank(finished, rankBy);
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "sweep.csv"), SweepCsv.Format(grid, finished), new UTF8Encoding(false));
        string title = $"Sweep of {Path.GetFileName(config)}: {string.Join(" x ", grid.Parameters.Select(p => p.Name))}";
        File.WriteAllText(Path.Combine(outDir, "sweep.html"), SweepPage.Format(title, grid, ranking, finished), new UTF8Encoding(false));
        Console.Out.WriteLine(SweepTable.Format(grid, ranking, top));
        log.Information("Wrote sweep.csv ({Rows} rows) and sweep.html to {Dir}", finished.Count, outDir);

        if (runner.Stopped || clusterSweep is { Stopped: true })
        {
            Console.Error.WriteLine($"interrupted: {finished.Count} of {jobs.Count} runs finished and were written; the others were left out");
            return 130;
        }
        var failed = finished.Where(r => r.Error is not null).ToList();
        if (failed.Count > 0)
        {
            Console.Error.WriteLine($"error: {failed.Count} of {jobs.Count} runs failed; the first, {Describe(grid, failed[0].Point)}: {failed[0].Error}");
            return 1;
        }
        return 0;
    }

    private static string Describe(SweepGrid grid, SweepPoint point) =>
        "run " + (point.Index + 1).ToString(CultureInfo.InvariantCulture) + " (" + string.Join(", ", grid.Parameters.Select((p, k) => p.Name + "=" + point.Values[k])) + ")";
}
