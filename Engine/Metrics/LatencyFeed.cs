using Prometheus;

namespace Hft.Engine.Metrics;

/// <summary>
/// A prometheus-net histogram kept equal to a loop-side <see cref="Core.Orders.LatencyHistogram"/> with the same
/// bounds: at each scrape every bucket's new values go in as one observation of their mean, counted as many times
/// as there were, which keeps the bucket counts, the count and the sum exact.
/// </summary>
internal sealed class LatencyFeed(IMetricFactory factory, string name, string help)
{
    private Histogram? _histogram;
    private long[] _counts = [];
    private long[] _sums = [];

    /// <summary>Adds what <paramref name="s"/> holds beyond the previous update.</summary>
    public void Update(LatencySnapshot s)
    {
        // Created on the first update: the buckets are the loop histogram's bounds, in seconds.
        _histogram ??= factory.CreateHistogram(name, help + " (seconds)",
            new HistogramConfiguration { Buckets = s.Bounds.Select(b => b / 1e9).ToArray() });
        if (_counts.Length == 0)
        {
            _counts = new long[s.Counts.Length];
            _sums = new long[s.Sums.Length];
        }
        for (int i = 0; i < s.Counts.Length; i++)
        {
            long count = s.Counts[i] - _counts[i];
            if (count <= 0) continue;
            long sum = s.Sums[i] - _sums[i];
            _histogram.Observe((double)sum / count / 1e9, count);
            _counts[i] = s.Counts[i];
            _sums[i] = s.Sums[i];
        }
    }
}
