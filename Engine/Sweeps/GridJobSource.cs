namespace Hft.Engine.Sweeps;

/// <summary>The runs of a grid in grid order, for the workers of one process.</summary>
internal sealed class GridJobSource : ISweepJobSource
{
    private readonly int _count;
    private int _next = -1;

    /// <summary>Runs 0 to <paramref name="count"/> - 1.</summary>
    public GridJobSource(int count) => _count = count;

    /// <inheritdoc />
    public bool TryTake(out int index)
    {
        index = Interlocked.Increment(ref _next);
        return index < _count;
    }
}
