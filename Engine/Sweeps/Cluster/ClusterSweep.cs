using System.Runtime.ExceptionServices;
using Akka.Actor;
using Hft.Core.Runtime;

namespace Hft.Engine.Sweeps.Cluster;

/// <summary>
/// The coordinator's side of a cluster sweep: the <see cref="SweepCoordinator"/> actor hands the runs to the worker
/// nodes that ask (and to this process's own workers, which ask it the same way), and its rows, in grid order, are
/// the sweep's result, the same as a sweep in one process.
/// </summary>
internal sealed class ClusterSweep : ISweepExecution
{
    private readonly ActorSystem _system;
    private readonly SweepSpec _spec;
    private readonly SweepRunner? _local;
    private readonly Action<WorkerRefused, Address> _onRefused;
    private readonly SweepColumnNames _names = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();

    /// <summary>
    /// A sweep of <paramref name="spec"/> in <paramref name="system"/> (a cluster node); <paramref name="local"/> runs
    /// this process's share of the runs, none when null; <paramref name="onRefused"/> hears of a worker that could not
    /// take part.
    /// </summary>
    public ClusterSweep(ActorSystem system, SweepSpec spec, SweepRunner? local, Action<WorkerRefused, Address> onRefused)
    {
        _system = system;
        _spec = spec;
        _local = local;
        _onRefused = onRefused;
    }

    /// <summary>What the coordinator counted: rows, runs handed out again, duplicates.</summary>
    public SweepTally Tally { get; } = new();

    /// <inheritdoc />
    public int Done => Tally.Done;

    /// <summary>True once <see cref="Stop"/> was called.</summary>
    public bool Stopped => _stop.IsCancellationRequested;

    /// <inheritdoc />
    public SweepRow?[] Run(IReadOnlyList<SweepJob> jobs, int workers, Action<SweepRow>? finished = null)
    {
        if (jobs.Count != _spec.Runs) throw new ArgumentException($"the sweep has {_spec.Runs} runs, not {jobs.Count}");
        var rows = new SweepRow?[jobs.Count];
        var props = new ActorFactory().Props(() => new SweepCoordinator(_spec, Tally, _finished, result =>
        {
            var row = result.ToRow(jobs[result.Index].Point, _names);
            rows[result.Index] = row;
            finished?.Invoke(row);
        }, _onRefused));
        var coordinator = _system.ActorOf(props, SweepClusterConfig.CoordinatorName);
        Thread? local = null;
        ExceptionDispatchInfo? localFailure = null;
        if (_local is not null && workers > 0)
        {
            local = new Thread(() =>
            {
                try
                {
                    var source = new CoordinatorJobSource(coordinator, _spec.SweepId, _stop.Token);
                    _local.Run(jobs, workers, source, (k, row) => coordinator.Tell(JobResult.Of(_spec.SweepId, k, row)));
                }
                catch (Exception e)
                {
                    localFailure = ExceptionDispatchInfo.Capture(e);
                    Stop();
                }
            }) { Name = "sweep-local-workers", IsBackground = true };
            local.Start();
        }
        try
        {
            Task.WaitAny([_finished.Task], _stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopped (Ctrl-C): the rows that came are kept.
        }
        // Finished: the local workers were told so (or are told at their next question); stopped: Stop ended them.
        local?.Join();
        localFailure?.Throw();
        // A row that arrives after this moment is not written: the coordinator stops before the rows are read.
        coordinator.GracefulStop(TimeSpan.FromSeconds(5)).Wait(TimeSpan.FromSeconds(6));
        return rows;
    }

    /// <summary>Ends the sweep with the rows it has (Ctrl-C). Safe from any thread.</summary>
    public void Stop()
    {
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
        _local?.Stop();
    }
}
