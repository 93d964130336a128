namespace Hft.Engine.Sweeps;

/// <summary>Something that runs a sweep's grid and can say how far it is: the workers of this process, or a cluster's.</summary>
internal interface ISweepExecution
{
    /// <summary>Runs finished so far (any thread).</summary>
    int Done { get; }

    /// <summary>
    /// Runs every job and returns the rows in job order; a job not run (the sweep was stopped) has no row.
    /// <paramref name="finished"/> hears of each row as it comes, on some other thread.
    /// </summary>
    SweepRow?[] Run(IReadOnlyList<SweepJob> jobs, int workers, Action<SweepRow>? finished = null);
}
