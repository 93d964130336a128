using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace Hft.Engine.Sweeps.Cluster;

/// <summary>
/// Hands out a sweep's runs to whoever asks (the pull model: each worker asks for its next run when it is free) and
/// collects their rows. Each run given out is remembered with the node that took it; when the cluster says that node
/// is unreachable or gone, its runs go back to the front of the queue (in grid order) for the next worker that asks.
/// A run's first row counts; a later one (from a node thought lost that came back) is counted as a duplicate and
/// dropped. When every run has its row, everyone waiting is told <see cref="SweepFinished"/>.
/// </summary>
internal sealed class SweepCoordinator : ReceiveActor
{
    private readonly SweepSpec _spec;
    private readonly Action<JobResult> _onRow;
    private readonly Action<WorkerRefused, Address> _onRefused;
    private readonly SweepTally _tally;
    private readonly TaskCompletionSource _finished;
    private readonly SortedSet<int> _pending = new();
    private readonly Dictionary<int, Address> _running = new();
    private readonly bool[] _done;
    private readonly List<IActorRef> _waiting = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();

    /// <summary>
    /// A coordinator of <paramref name="spec"/>'s runs; <paramref name="onRow"/> hears of each run's first row and
    /// <paramref name="onRefused"/> of a worker that could not take part (both on the actor's thread);
    /// <paramref name="finished"/> completes once every run has its row.
    /// </summary>
    public SweepCoordinator(SweepSpec spec, SweepTally tally, TaskCompletionSource finished, Action<JobResult> onRow, Action<WorkerRefused, Address> onRefused)
    {
        _spec = spec;
        _tally = tally;
        _finished = finished;
        _onRow = onRow;
        _onRefused = onRefused;
        _done = new bool[spec.Runs];
        for (int k = 0; k < spec.Runs; k++) _pending.Add(k);

        Receive<SweepSpecRequest>(_ => Sender.Tell(_spec));
        Receive<JobRequest>(r => r.SweepId == _spec.SweepId, _ => Offer(Sender));
        Receive<JobResult>(r => r.SweepId == _spec.SweepId, Collect);
        Receive<WorkerRefused>(r => r.SweepId == _spec.SweepId, r =>
        {
            _tally.CountRefused();
            _onRefused(r, Sender.Path.Address);
        });
        Receive<ClusterEvent.UnreachableMember>(m => Lose(m.Member.Address));
        Receive<ClusterEvent.MemberRemoved>(m => Lose(m.Member.Address));
        Receive<NodeLost>(m => Lose(m.Address));
        Receive<ClusterEvent.IMemberEvent>(_ => { });
        Receive<ClusterEvent.IReachabilityEvent>(_ => { });
    }

    /// <inheritdoc />
    protected override void PreStart()
    {
        if (InCluster)
            Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
                typeof(ClusterEvent.UnreachableMember), typeof(ClusterEvent.MemberRemoved));
        if (_spec.Runs == 0) Finish();
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        if (InCluster) Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
    }

    // In a system without the cluster provider (a test, one process) no node is ever lost.
    private static bool InCluster => ((ExtendedActorSystem)Context.System).Provider is ClusterActorRefProvider;

    private void Offer(IActorRef asker)
    {
        if (_finished.Task.IsCompleted)
        {
            asker.Tell(new SweepFinished(_spec.SweepId));
            return;
        }
        if (_pending.Count == 0)
        {
            // Every run is out; one may come back if its node is lost, so the asker waits rather than stops.
            _waiting.Add(asker);
            return;
        }
        int k = _pending.Min;
        _pending.Remove(k);
        _running[k] = asker.Path.Address;
        asker.Tell(new JobOffer(_spec.SweepId, k));
    }

    private void Collect(JobResult result)
    {
        int k = result.Index;
        if (k < 0 || k >= _done.Length)
        {
            _log.Warning("A row for run {0} of a grid of {1} runs was dropped", k, _done.Length);
            return;
        }
        if (_done[k])
        {
            _tally.CountDuplicate();
            return;
        }
        _done[k] = true;
        _running.Remove(k);
        _pending.Remove(k);
        _tally.CountDone();
        _onRow(result);
        if (_tally.Done == _done.Length) Finish();
    }

    private void Lose(Address node)
    {
        var runs = _running.Where(r => r.Value == node).Select(r => r.Key).OrderBy(k => k).ToList();
        _waiting.RemoveAll(w => w.Path.Address == node);
        if (runs.Count == 0) return;
        foreach (int k in runs)
        {
            _running.Remove(k);
            _pending.Add(k);
        }
        _tally.CountReissued(runs.Count);
        _log.Warning("Node {0} was lost with {1} run(s) under way: run(s) {2} go to the other workers", node, runs.Count, string.Join(", ", runs));
        while (_waiting.Count > 0 && _pending.Count > 0)
        {
            var next = _waiting[0];
            _waiting.RemoveAt(0);
            Offer(next);
        }
    }

    private void Finish()
    {
        _finished.TrySetResult();
        foreach (var w in _waiting) w.Tell(new SweepFinished(_spec.SweepId));
        _waiting.Clear();
    }
}
