namespace Hft.Engine.Sweeps;

/// <summary>Hands a sweep's workers the grid indices to run, each once; called from every worker thread.</summary>
internal interface ISweepJobSource
{
    /// <summary>The next run to do; false when there is none left for this worker (it then stops).</summary>
    bool TryTake(out int index);
}
