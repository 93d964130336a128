using System.Globalization;
using System.Runtime.ExceptionServices;
using Hft.Backtest.Runs;
using Hft.Core.Time;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Hft.Engine.Cli;

/// <summary>
/// Runs a backtest with a progress bar on standard error: percent of events, event time reached, events per
/// second and time remaining. The core loop runs on its own thread and is never touched: this thread only reads
/// the run's counters (rows taken from the data, the clock) four times a second. Shown only when standard error
/// is a terminal and the output is not JSON, and only for runs that last more than a second.
/// </summary>
internal static class BacktestProgress
{
    // Short runs finish before a bar would be worth drawing. HFT_PROGRESS_DELAY_MS changes the wait (tests use 0).
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(
        int.TryParse(Environment.GetEnvironmentVariable("HFT_PROGRESS_DELAY_MS"), out int ms) && ms >= 0 ? ms : 1000);
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(250);

    /// <summary>True when standard error is an interactive terminal.</summary>
    public static bool CanShow => !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb";

    /// <summary>Runs <paramref name="run"/>; with <paramref name="show"/>, draws the progress of <paramref name="totalRows"/> while it goes.</summary>
    public static BacktestResult Execute(BacktestRun run, long totalRows, bool show)
    {
        if (!show || totalRows <= 0) return run.Execute();
        BacktestResult? result = null;
        ExceptionDispatchInfo? failure = null;
        var worker = new Thread(() =>
        {
            try
            {
                result = run.Execute();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        }, maxStackSize: 16 << 20) { Name = "core-loop" };
        worker.Start();
        if (!worker.Join(Delay))
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            console.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new EventRateColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask(Describe(run.EventTime), maxValue: totalRows);
                    do
                    {
                        task.Value = Math.Min(run.RowsRead, totalRows);
                        task.Description = Describe(run.EventTime);
                    }
                    while (!worker.Join(Refresh));
                    task.Value = totalRows;
                });
        }
        worker.Join();
        failure?.Throw();
        return result!;
    }

    private static string Describe(long eventTime) =>
        "event time " + Nanos.ToDateTime(eventTime).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Events per second, from Spectre's smoothed speed of the task.</summary>
    private sealed class EventRateColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(FormatRate(task.Speed), new Style(Color.Grey));
    }

    /// <summary>A rate as <c>6.8 M ev/s</c>, <c>950 k ev/s</c> or <c>12 ev/s</c>; "-" when unknown.</summary>
    internal static string FormatRate(double? perSecond)
    {
        if (perSecond is not { } r || !double.IsFinite(r) || r <= 0) return "- ev/s";
        var c = CultureInfo.InvariantCulture;
        if (r >= 1e6) return (r / 1e6).ToString("0.0", c) + " M ev/s";
        if (r >= 1e3) return (r / 1e3).ToString("0", c) + " k ev/s";
        return r.ToString("0", c) + " ev/s";
    }
}
