using System.Diagnostics;
using Hft.Core.Journal;
using Hft.Core.Markets;
using Hft.Core.Orders;

namespace Hft.Engine.Cli;

/// <summary>
/// <c>bench --only journal</c>: what the journal costs the engine's loop per order event (the append: serialize and
/// queue; time and bytes allocated per record) and how many records a second it makes durable with fsync when it
/// commits every 1, 10, 100 or 1000 records.
/// </summary>
internal static class JournalBench
{
    /// <summary>One figure: records made durable a second when committing every <paramref name="CommitEvery"/>.</summary>
    public sealed record Durability(int CommitEvery, double RecordsPerSecond);

    /// <summary>Measures in a temporary folder of <paramref name="directory"/>.</summary>
    public static (double AppendNs, double BytesPerAppend, IReadOnlyList<Durability> Durable) Measure(string directory)
    {
        string dir = Path.Combine(directory, "hft-journal-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        try
        {
            var order = new Order(0, 1, Side.Buy, 1_000_000, 0.1, 0.5, TimeInForce.Gtx, OrderType.Limit, 0);
            // The loop's side: appends only; the writer commits every 100 records or 10 ms as live does by default.
            double appendNs, bytes;
            using (var j = JournalWriter.Open(Path.Combine(dir, "append.journal")))
            {
                for (int i = 0; i < 20_000; i++) j.OnOrder(order, i);
                j.Flush(TimeSpan.FromSeconds(30));
                const int n = 200_000;
                long allocated = GC.GetAllocatedBytesForCurrentThread();
                var watch = Stopwatch.StartNew();
                for (int i = 0; i < n; i++) j.OnOrder(order, i);
                appendNs = watch.Elapsed.TotalNanoseconds / n;
                bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)n;
                j.Flush(TimeSpan.FromSeconds(60));
            }
            var durable = new List<Durability>();
            foreach (int every in new[] { 1, 10, 100, 1000 })
            {
                int n = every == 1 ? 2_000 : every == 10 ? 20_000 : 100_000;
                using var j = JournalWriter.Open(Path.Combine(dir, $"commit-{every}.journal"), new JournalWriterOptions { CommitEvery = every });
                var watch = Stopwatch.StartNew();
                for (int i = 0; i < n; i++) j.OnOrder(order, i);
                j.Flush(TimeSpan.FromMinutes(5));
                durable.Add(new Durability(every, n / watch.Elapsed.TotalSeconds));
            }
            return (appendNs, bytes, durable);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
