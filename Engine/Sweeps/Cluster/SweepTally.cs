namespace Hft.Engine.Sweeps.Cluster;

/// <summary>What a cluster sweep's coordinator counted, readable from any thread while it goes.</summary>
internal sealed class SweepTally
{
    private int _done;
    private int _reissued;
    private int _duplicates;
    private int _refused;

    /// <summary>Runs with their row.</summary>
    public int Done => Volatile.Read(ref _done);

    /// <summary>Runs handed out again because the node that had them was lost.</summary>
    public int Reissued => Volatile.Read(ref _reissued);

    /// <summary>Rows that came for a run that already had one (ignored: a run's row is the same wherever it ran).</summary>
    public int Duplicates => Volatile.Read(ref _duplicates);

    /// <summary>Worker nodes that could not take part.</summary>
    public int Refused => Volatile.Read(ref _refused);

    internal void CountDone() => Interlocked.Increment(ref _done);

    internal void CountReissued(int runs) => Interlocked.Add(ref _reissued, runs);

    internal void CountDuplicate() => Interlocked.Increment(ref _duplicates);

    internal void CountRefused() => Interlocked.Increment(ref _refused);
}
