namespace Hft.Core.Orders;

/// <summary>
/// Latencies in fixed buckets (upper bounds in ns, ascending, the last one open-ended), with each bucket's count and
/// sum. Written on the loop and read on the loop (a metrics snapshot is taken there), so no synchronisation is needed;
/// <see cref="Observe"/> allocates nothing. Keeping each bucket's sum lets an exporter feed a histogram of its own
/// with exact bucket counts and an exact total.
/// </summary>
public sealed class LatencyHistogram
{
    /// <summary>The default bounds: 10 µs to 10 s, 1-2.5-5 steps, in ns.</summary>
    public static readonly IReadOnlyList<long> DefaultBounds = MakeDefaultBounds();

    private readonly long[] _bounds;
    private readonly long[] _counts;
    private readonly long[] _sums;

    /// <summary>A histogram with <paramref name="bounds"/> (ascending upper bounds in ns; default <see cref="DefaultBounds"/>).</summary>
    public LatencyHistogram(IReadOnlyList<long>? bounds = null)
    {
        _bounds = (bounds ?? DefaultBounds).ToArray();
        for (int i = 1; i < _bounds.Length; i++)
            if (_bounds[i] <= _bounds[i - 1]) throw new ArgumentException("bounds must ascend", nameof(bounds));
        // One more bucket for values above the last bound.
        _counts = new long[_bounds.Length + 1];
        _sums = new long[_bounds.Length + 1];
    }

    /// <summary>The buckets' upper bounds in ns (a value equal to a bound falls in that bucket).</summary>
    public IReadOnlyList<long> Bounds => _bounds;

    /// <summary>Values observed.</summary>
    public long Count { get; private set; }

    /// <summary>Sum of the values observed, ns.</summary>
    public long Sum { get; private set; }

    /// <summary>Records one latency of <paramref name="nanos"/> (negative values count as 0).</summary>
    public void Observe(long nanos)
    {
        if (nanos < 0) nanos = 0;
        int i = Array.BinarySearch(_bounds, nanos);
        if (i < 0) i = ~i;
        _counts[i]++;
        _sums[i] += nanos;
        Count++;
        Sum += nanos;
    }

    /// <summary>Copies the per-bucket counts and sums (index <c>Bounds.Count</c> is the open bucket) into new arrays.</summary>
    public (long[] Counts, long[] Sums) Copy() => ((long[])_counts.Clone(), (long[])_sums.Clone());

    private static long[] MakeDefaultBounds()
    {
        var bounds = new List<long>();
        for (long decade = 10_000; decade <= 10_000_000_000; decade *= 10)
        {
            bounds.Add(decade);
            if (decade < 10_000_000_000)
            {
                bounds.Add(decade * 25 / 10);
                bounds.Add(decade * 5);
            }
        }
        return bounds.ToArray();
    }
}
