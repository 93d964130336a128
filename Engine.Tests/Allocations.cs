namespace Hft.Engine.Tests;

/// <summary>
/// Measures what a piece of code allocates on the calling thread. A per-call allocation shows on every pass;
/// a one-off allocation by the runtime (compiling a method to a higher tier while it runs) does not, so the
/// least of several passes is what the code itself allocates.
/// </summary>
internal static class Allocations
{
    /// <summary>Bytes below which a loop of many calls cannot be allocating per call.</summary>
    public const long OneOffBudget = 1024;

    /// <summary>
    /// Runs <paramref name="prepare"/>, then measures the action it returns; <paramref name="passes"/> times.
    /// Returns the least number of bytes allocated by one measured action.
    /// </summary>
    public static long Least(Func<Action> prepare, int passes = 3)
    {
        long least = long.MaxValue;
        for (int i = 0; i < passes; i++)
        {
            var measured = prepare();
            long before = GC.GetAllocatedBytesForCurrentThread();
            measured();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return least;
    }
}
