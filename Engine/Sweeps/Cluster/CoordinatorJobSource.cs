using Akka.Actor;

namespace Hft.Engine.Sweeps.Cluster;

/// <summary>
/// Jobs asked of a <see cref="SweepCoordinator"/>, one at a time per worker thread: the worker blocks until it is
/// given a run, told the sweep is finished, or the coordinator is lost.
/// </summary>
internal sealed class CoordinatorJobSource : ISweepJobSource
{
    private readonly IActorRef _coordinator;
    private readonly string _sweepId;
    private readonly CancellationToken _coordinatorLost;

    /// <summary>Asks <paramref name="coordinator"/> for runs of <paramref name="sweepId"/> until <paramref name="coordinatorLost"/> is cancelled.</summary>
    public CoordinatorJobSource(IActorRef coordinator, string sweepId, CancellationToken coordinatorLost)
    {
        _coordinator = coordinator;
        _sweepId = sweepId;
        _coordinatorLost = coordinatorLost;
    }

    /// <summary>True once the sweep said it is finished (rather than the coordinator being lost).</summary>
    public bool Finished { get; private set; }

    /// <inheritdoc />
    public bool TryTake(out int index)
    {
        index = -1;
        object answer;
        try
        {
            // No time limit: when every run is out, the coordinator keeps the question until one comes back or all are done.
            answer = _coordinator.Ask<ISweepClusterMessage>(new JobRequest(_sweepId), Timeout.InfiniteTimeSpan, _coordinatorLost).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        switch (answer)
        {
            case JobOffer offer:
                index = offer.Index;
                return true;
            case SweepFinished:
                Finished = true;
                return false;
            default:
                throw new InvalidOperationException($"the coordinator answered a job request with {answer.GetType().Name}");
        }
    }
}
