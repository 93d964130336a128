using Hft.Core.Orders;
using Hft.Engine.Metrics;
using Prometheus;

namespace Hft.Engine.Tests.Metrics;

/// <summary>
/// The loop's latency histogram, fed into a prometheus-net histogram at each scrape, exports exactly the observed
/// distribution: every cumulative bucket, the count and the sum, across several scrapes.
/// </summary>
public sealed class LatencyFeedTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public async Task Buckets_count_and_sum_equal_the_observed_values_across_scrapes(int seed)
    {
        var random = new Random(seed);
        var loop = new LatencyHistogram();
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var feed = new LatencyFeed(Prometheus.Metrics.WithCustomRegistry(registry), "test_latency_seconds", "test");
        var observed = new List<long>();
        PrometheusText? text = null;
        for (int scrape = 0; scrape < 4; scrape++)
        {
            for (int i = 0; i < 500; i++)
            {
                // Log-uniform from 1 µs to 100 s, plus some exactly on a bound.
                long v = i % 50 == 0 ? loop.Bounds[random.Next(loop.Bounds.Count)] : (long)Math.Pow(10, 3 + random.NextDouble() * 8);
                loop.Observe(v);
                observed.Add(v);
            }
            feed.Update(LatencySnapshot.Of(loop));
            using var stream = new MemoryStream();
            await registry.CollectAndExportAsTextAsync(stream, ExpositionFormat.PrometheusText);
            text = PrometheusText.Parse(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            Assert.That(text.Value("test_latency_seconds_count"), Is.EqualTo(observed.Count));
            Assert.That(text.Value("test_latency_seconds_sum"), Is.EqualTo(observed.Sum() / 1e9).Within(1e-9 * observed.Count));
        }
        foreach (var bucket in text!.Find("test_latency_seconds_bucket"))
        {
            string le = bucket.Labels["le"];
            double bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, System.Globalization.CultureInfo.InvariantCulture);
            long expected = observed.Count(v => v / 1e9 <= bound * (1 + 1e-12));
            Assert.That(bucket.Value, Is.EqualTo(expected), "le=" + le);
        }
    }
}
