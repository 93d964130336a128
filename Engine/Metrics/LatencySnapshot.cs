using Hft.Core.Orders;

namespace Hft.Engine.Metrics;

/// <summary>A copy of a <see cref="LatencyHistogram"/> taken on the loop: bounds in ns, per-bucket counts and sums (the last bucket is open).</summary>
internal sealed record LatencySnapshot(IReadOnlyList<long> Bounds, long[] Counts, long[] Sums, long Count, long Sum)
{
    /// <summary>Copies <paramref name="histogram"/> (on the loop that writes it).</summary>
    public static LatencySnapshot Of(LatencyHistogram histogram)
    {
        var (counts, sums) = histogram.Copy();
        return new LatencySnapshot(histogram.Bounds, counts, sums, histogram.Count, histogram.Sum);
    }
}
