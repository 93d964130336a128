using Hft.Backtest.Data.Synthetic;
using Hft.Backtest.Data;
using Hft.Backtest.Feed;
using Hft.Core.Markets;
using Hft.Engine.Sweeps;

namespace Hft.Engine.Tests.Sweeps;

public sealed class SharedBlockSourceTests
{
    private static List<(int File, long Row, MarketEvent Event)> Drain(IEventBlockSource source)
    {
        var rows = new List<(int, long, MarketEvent)>();
        while (source.TryTake(out var b))
        {
            for (int i = 0; i < b.Count; i++) rows.Add((b.FileIndex, b.FileRow + i, b.Rows[b.Start + i]));
            source.Release(b);
        }
        return rows;
    }

    [Test]
    public void Files_in_memory_are_served_as_the_file_source_serves_them()
    {
        var dir = Directory.CreateTempSubdirectory("hft-shared-").FullName;
        try
        {
            string a = Path.Combine(dir, "a.npz"), b = Path.Combine(dir, "b.npz");
            SyntheticMarket.WriteFile(a, new SyntheticMarketOptions(5_000, 3));
            SyntheticMarket.WriteFile(b, new SyntheticMarketOptions(3_000, 4));
            string[] paths = [a, b];
            using var files = new FileBlockSource(paths, chunkRows: 1024);
            var expected = Drain(files);
            // Blocks of another size, so block edges fall elsewhere: the rows and their numbering must not change.
            var shared = new SharedBlockSource(paths, paths.Select(EventFileReader.ReadAll).ToArray(), blockRows: 777);
            var actual = Drain(shared);
            Assert.That(actual, Has.Count.EqualTo(8_000));
            Assert.That(actual, Is.EqualTo(expected));
            Assert.That(shared.TryTake(out _), Is.False, "stays at its end");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
