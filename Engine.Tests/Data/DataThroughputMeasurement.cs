using System.Diagnostics;
using System.IO.Compression;
using Hft.Backtest.Data;
using Hft.Backtest.Data.Synthetic;
using Hft.Core.Markets;

namespace Hft.Engine.Tests.Data;

/// <summary>
/// Prints generation, write and replay speeds for 2 million synthetic rows. Explicit: it takes a while and its
/// numbers are for people (no timed assertions); it still checks that every row arrives intact.
/// Run with <c>dotnet test -c Release --filter "FullyQualifiedName~DataThroughputMeasurement"</c>.
/// </summary>
[Explicit("measurement; prints speeds")]
[Category("Measurement")]
public sealed class DataThroughputMeasurement : TempDirectoryTest
{
    private const long Rows = 2_000_000;

    [Test]
    public void Generate_write_and_replay_two_million_rows()
    {
        var options = new SyntheticMarketOptions(Rows, Seed: 1);
        var output = TestContext.Out;

        var buffer = new MarketEvent[65536];
        var sw = new Stopwatch();
        foreach (string pass in new[] { "cold", "warm" }) // the first pass includes JIT tiering
        {
            long generated = 0;
            sw.Restart();
            var market = new SyntheticMarket(options);
            int n;
            while ((n = market.Fill(buffer)) > 0) generated += n;
            sw.Stop();
            output.WriteLine($"generate {pass}    {Rate(generated, sw)}");
            Assert.That(generated, Is.EqualTo(Rows));
        }

        var files = new List<(string Name, string Path)>();
        try
        {
            foreach (var (name, level, compress) in new[]
                     {
                         ("optimal", CompressionLevel.Optimal, true),
                         ("fastest", CompressionLevel.Fastest, true),
                         ("stored", CompressionLevel.NoCompression, false),
                     })
            {
                EventFileWriter.DeflateLevel = level;
                string path = PathOf(name + ".npz");
                sw.Restart();
                SyntheticMarket.WriteFile(path, options, compress);
                sw.Stop();
                output.WriteLine($"write {name,-10} {Rate(Rows, sw)}  size {new FileInfo(path).Length / 1e6:F1} MB");
                files.Add((name, path));
            }
        }
        finally
        {
            EventFileWriter.DeflateLevel = CompressionLevel.Optimal;
        }

        foreach (var (name, path) in files)
        {
            foreach (int chunkRows in new[] { 65536, 4096 })
            {
                double best = double.MaxValue;
                for (int repeat = 0; repeat < 3; repeat++)
                {
                    sw.Restart();
                    using var stream = new EventChunkStream([path], chunkRows);
                    long sum = 0;
                    while (stream.TryTakeNext(out var chunk))
                    {
                        // Touch every row, as a consumer would.
                        foreach (ref readonly var row in chunk.Span) sum += row.ExchangeTime;
                        stream.Return(chunk);
                    }
                    sw.Stop();
                    Assert.That(stream.RowsRead, Is.EqualTo(Rows));
                    Assert.That(sum, Is.Not.Zero);
                    best = Math.Min(best, sw.Elapsed.TotalSeconds);
                }
                output.WriteLine($"replay {name,-9} chunk {chunkRows,6}: {Rows / best / 1e6:F1} M rows/s ({Rows * 64 / best / 1e9:F2} GB/s of rows)");
            }

            sw.Restart();
            using (var reader = EventFileReader.Open(path))
                while (reader.Read(buffer) > 0) { }
            sw.Stop();
            output.WriteLine($"read   {name,-9} direct reader: {Rate(Rows, sw)}");
        }
    }

    private static string Rate(long rows, Stopwatch sw) =>
        $"{rows / sw.Elapsed.TotalSeconds / 1e6:F1} M rows/s ({sw.Elapsed.TotalMilliseconds:F0} ms)";
}
