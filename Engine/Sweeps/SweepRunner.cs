using System.Runtime.ExceptionServices;
using Akka.Actor;
using Hft.Backtest.Runs;
using Hft.Engine.Backtests;
using Hft.Engine.Cli;
using Hft.Engine.Plugins;

namespace Hft.Engine.Sweeps;

/// <summary>
/// Runs a sweep's jobs on worker threads in one long-lived actor system: each worker takes the next job of the grid,
/// builds a fresh graph on a core loop of its own (on the worker's thread) over the shared data, and runs it to the end.
/// Nothing a run computes depends on which worker ran it or when, so the rows are the same for any number of workers.
/// </summary>
internal sealed class SweepRunner : ISweepExecution
{
    private readonly ActorSystem _system;
    private readonly SharedEventData _data;
    private readonly StrategyRegistry _registry;
    private readonly object _gate = new();
    private readonly HashSet<BacktestRun> _active = new();
    private readonly SweepColumnNames _columnNames = new();
    private int _done;
    private volatile bool _stopped;

    /// <summary>A runner whose graphs live in <paramref name="system"/> and read <paramref name="data"/>.</summary>
    public SweepRunner(ActorSystem system, SharedEventData data, StrategyRegistry registry)
    {
        _system = system;
        _data = data;
        _registry = registry;
    }

    /// <summary>Runs finished so far (any thread).</summary>
    public int Done => Volatile.Read(ref _done);

    /// <summary>True once <see cref="Stop"/> was called.</summary>
    public bool Stopped => _stopped;

    /// <summary>
    /// Runs every job on <paramref name="workers"/> threads and returns the rows in job order; a job not run (the sweep
    /// was stopped first, or stopped while it ran) has no row. <paramref name="finished"/> hears of each row as it
    /// comes, on the worker's thread.
    /// </summary>
    public SweepRow?[] Run(IReadOnlyList<SweepJob> jobs, int workers, Action<SweepRow>? finished = null)
    {
        var rows = new SweepRow?[jobs.Count];
        Run(jobs, Math.Min(workers, Math.Max(1, jobs.Count)), new GridJobSource(jobs.Count), (k, row) =>
        {
            rows[k] = row;
            finished?.Invoke(row);
        });
        return rows;
    }

    /// <summary>
    /// Runs the jobs <paramref name="source"/> hands out on <paramref name="workers"/> threads until it has none left
    /// or the sweep is stopped; <paramref name="finished"/> hears of each row (with its job index) on the worker's thread.
    /// </summary>
    public void Run(IReadOnlyList<SweepJob> jobs, int workers, ISweepJobSource source, Action<int, SweepRow> finished)
    {
        ExceptionDispatchInfo? crash = null;
        // One dispatcher id a worker, reused by each of its runs' loops: the system keeps every id it was given.
        string idPrefix = "hft-sweep-" + Guid.NewGuid().ToString("N")[..8] + "-worker-";
        var threads = Enumerable.Range(0, Math.Max(1, workers)).Select(w => new Thread(() =>
        {
            string dispatcherId = idPrefix + w;
            try
            {
                while (!_stopped && source.TryTake(out int k))
                {
                    if (k < 0 || k >= jobs.Count) throw new InvalidOperationException($"job {k} is not in the grid of {jobs.Count}");
                    var row = RunOne(jobs[k], dispatcherId);
                    if (row is null) break;
                    Interlocked.Increment(ref _done);
                    finished(k, row);
                }
            }
            catch (Exception e)
            {
                // Not a run's failure (those become rows): a fault of the sweep itself ends it.
                Interlocked.CompareExchange(ref crash, ExceptionDispatchInfo.Capture(e), null);
                Stop();
            }
        }, maxStackSize: 16 << 20) { Name = "sweep-worker-" + w, IsBackground = true }).ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();
        crash?.Throw();
    }

    /// <summary>Stops taking jobs and ends the runs under way (their rows are dropped). Safe from any thread.</summary>
    public void Stop()
    {
        _stopped = true;
        lock (_gate)
        {
            foreach (var run in _active) run.Loop.RequestStop();
        }
    }

    // Null when the sweep was stopped before or during the run: a cut-short run is not a result.
    private SweepRow? RunOne(SweepJob job, string dispatcherId)
    {
        try
        {
            var settings = job.Settings;
            var instruments = BacktestPlan.Instruments(settings);
            var recorder = BacktestCommand.RecorderOptions(settings.Output, sink: null);
            var plan = BacktestPlan.Create(settings, _registry, _data.Setups(instruments), journal: null, recorder);
            using var run = new BacktestRun(plan.Setup with { System = _system, LoopDispatcherId = dispatcherId });
            lock (_gate)
            {
                if (_stopped) return null;
                _active.Add(run);
            }
            BacktestResult result;
            try
            {
                result = run.Execute();
            }
            finally
            {
                lock (_gate) _active.Remove(run);
            }
            if (_stopped) return null;
            string json = BacktestCommand.ToJson(result, plan.StrategyNames, _data.Skipped, plan.NotQuoting(result));
            return SweepRow.FromSummary(job.Point, json, _columnNames);
        }
        catch (Exception e) when (!_stopped)
        {
            return new SweepRow(job.Point, [], e.Message);
        }
        catch (Exception) when (_stopped)
        {
            return null;
        }
    }
}
