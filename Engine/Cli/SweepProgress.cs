using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using Hft.Engine.Sweeps;
using Spectre.Console;

namespace Hft.Engine.Cli;

/// <summary>
/// Runs a sweep while showing how far it is: on a terminal, a bar of runs done with the time remaining; otherwise one
/// line per finished run on standard error (with its main result and the estimated time left), so a log shows it too.
/// </summary>
internal static class SweepProgress
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(250);

    /// <summary>Runs <paramref name="jobs"/> on <paramref name="workers"/> workers; see <see cref="ISweepExecution.Run"/>.</summary>
    public static SweepRow?[] Execute(ISweepExecution runner, IReadOnlyList<SweepJob> jobs, int workers, SweepGrid grid, bool terminal)
    {
        if (!terminal) return RunWithLines(runner, jobs, workers, grid);
        SweepRow?[]? rows = null;
        ExceptionDispatchInfo? failure = null;
        var sweep = new Thread(() =>
        {
            try
            {
                rows = runner.Run(jobs, workers);
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        }) { Name = "sweep", IsBackground = true };
        sweep.Start();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Describe(0, jobs.Count), maxValue: jobs.Count);
                do
                {
                    task.Value = runner.Done;
                    task.Description = Describe(runner.Done, jobs.Count);
                }
                while (!sweep.Join(Refresh));
                task.Value = jobs.Count;
            });
        sweep.Join();
        failure?.Throw();
        return rows!;
    }

    private static SweepRow?[] RunWithLines(ISweepExecution runner, IReadOnlyList<SweepJob> jobs, int workers, SweepGrid grid)
    {
        var clock = Stopwatch.StartNew();
        var gate = new object();
        int done = 0;
        return runner.Run(jobs, workers, row =>
        {
            lock (gate)
            {
                done++;
                double elapsed = clock.Elapsed.TotalSeconds;
                var left = TimeSpan.FromSeconds(Math.Round(elapsed / done * (jobs.Count - done)));
                string point = string.Join(" ", grid.Parameters.Select((p, k) => p.Name + "=" + row.Point.Values[k]));
                string outcome = row.Error is not null ? "failed: " + row.Error : "pnl " + SweepTable.Cell(row, "pnl") + ", fills " + SweepTable.Cell(row, "fills");
                Console.Error.WriteLine($"[{done.ToString(CultureInfo.InvariantCulture)}/{jobs.Count.ToString(CultureInfo.InvariantCulture)}] {point}: {outcome}; about {left.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)} left");
            }
        });
    }

    private static string Describe(int done, int total) =>
        $"{done.ToString(CultureInfo.InvariantCulture)}/{total.ToString(CultureInfo.InvariantCulture)} runs";
}
