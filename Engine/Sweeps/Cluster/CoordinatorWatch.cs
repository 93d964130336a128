using Akka.Actor;

namespace Hft.Engine.Sweeps.Cluster;

/// <summary>What a worker node knows of the coordinator, filled in by <see cref="CoordinatorTracker"/>; read from any thread.</summary>
internal sealed class CoordinatorWatch
{
    private readonly TaskCompletionSource<Address> _found = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _gone = new();
    private volatile bool _left;

    /// <summary>Completes with the coordinator's address once it is up.</summary>
    public Task<Address> Found => _found.Task;

    /// <summary>Cancelled when the coordinator has gone, by leaving or lost.</summary>
    public CancellationToken Gone => _gone.Token;

    /// <summary>True when it went by leaving the cluster (its sweep ended), false when it was lost (or has not gone).</summary>
    public bool Left => _left;

    internal void Up(Address coordinator) => _found.TrySetResult(coordinator);

    internal void Away(bool left)
    {
        if (_gone.IsCancellationRequested) return;
        _left = left;
        _gone.Cancel();
    }

    /// <summary>Ends every wait on the coordinator (the worker is stopping).</summary>
    public void Abandon()
    {
        _found.TrySetCanceled();
        Away(left: false);
    }
}
