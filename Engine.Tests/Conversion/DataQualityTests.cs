using System.CommandLine;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Hft.Backtest.Conversion;
using Hft.Engine.Cli;
using Hft.Engine.Tests.Data;
using static Hft.Engine.Tests.Conversion.RawFiles;

namespace Hft.Engine.Tests.Conversion;

/// <summary>The data-quality report at the end of every conversion: time span, update-id gaps, corrected rows.</summary>
[NonParallelizable]
public sealed class DataQualityTests : TempDirectoryTest
{
    private static DepthUpdateIds Ids(long first, long last, long? previous = null, long time = 0) =>
        new(true, first, last, previous is not null, previous ?? 0, time, time + 5);

    [Test]
    public void Futures_messages_chain_by_pu_and_a_break_is_a_gap_with_its_times()
    {
        var t = new UpdateIdTracker();
        t.Next(Ids(10, 20, 5, time: 1));      // first: nothing to continue from
        t.Next(Ids(21, 30, 20, time: 2));
        t.Next(Ids(45, 50, 40, time: 3));     // pu 40, but the last u was 30
        t.Next(Ids(51, 60, 50, time: 4));
        Assert.That((t.Checked, t.GapCount), Is.EqualTo((3L, 1L)));
        Assert.That(t.Gaps.Single(), Is.EqualTo(new UpdateIdGap(8, 3, 30, 40)));
    }

    [Test]
    public void Consecutive_ids_must_continue_by_one_and_a_restart_forgets_the_last()
    {
        var t = new UpdateIdTracker();
        t.Next(Ids(1, 3));
        t.Next(Ids(4, 9));
        t.Next(Ids(11, 12, time: 7));
        t.Restart();
        t.Next(Ids(1, 1));
        t.Next(new DepthUpdateIds(false, 0, 0, false, 0, 9, 9));
        t.Next(Ids(2, 2));
        Assert.That((t.Checked, t.GapCount, t.WithoutIds), Is.EqualTo((3L, 1L, 1L)));
        Assert.That((t.Gaps[0].Expected, t.Gaps[0].Found, t.Gaps[0].ExchangeTime), Is.EqualTo((10L, 11L, 7L)));
    }

    private static (int Code, string Out, string Error) Run(params string[] args)
    {
        var root = new RootCommand { ConvertCommand.Create() };
        TextWriter savedOut = Console.Out, savedError = Console.Error;
        StringWriter output = new(), error = new();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            return (root.Parse(args).Invoke(), output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(savedOut);
            Console.SetError(savedError);
        }
    }

    [Test]
    public void Convert_reports_span_gaps_and_corrections_in_the_summary_and_in_json()
    {
        long local0 = Ns(BaseMs) - 2_000_000; // the local clock is 2 ms behind: every row needs the shift
        string raw = WriteGz(PathOf("raw.gz"),
            Line(local0, DepthWithIds(BaseMs, 100, 110, 99)),
            Line(local0 + 1_000_000, DepthWithIds(BaseMs + 1, 111, 120, 110)),
            Line(local0 + 2_000_000, Trade(BaseMs + 2, "100.0", "1", true)),
            Line(local0 + 3_000_000, DepthWithIds(BaseMs + 3, 131, 140, 130)),
            Line(local0 + 4_000_000, DepthWithIds(BaseMs + 4, 141, 150, 140)));
        string output = PathOf("out.npz");

        var text = Run("convert", "binance-futures", raw, "--out", output);
        Assert.That(text.Code, Is.Zero, text.Error);
        Assert.That(text.Error, Does.Contain("time span       exch 2024-08-08T23:54:16.298000000Z .. 2024-08-08T23:54:16.302000000Z (0.0 s)"));
        Assert.That(text.Error, Does.Contain("update ids      1 gap(s) (3 depth messages checked against the one before)"));
        Assert.That(text.Error, Does.Contain("    gap at 2024-08-08T23:54:16.299000000Z (exch 2024-08-08T23:54:16.301000000Z): expected 120, found 130"));
        Assert.That(text.Error, Does.Contain("corrected       5 rows arrived before their exchange time, 5 local times shifted"));

        var json = Run("convert", "binance-futures", raw, "--out", output, "--json");
        Assert.That(json.Code, Is.Zero, json.Error);
        using var doc = JsonDocument.Parse(json.Out);
        var root = doc.RootElement;
        Assert.That(root.GetProperty("lines").GetInt64(), Is.EqualTo(5));
        Assert.That(root.GetProperty("messages").GetProperty("depth_update").GetInt64(), Is.EqualTo(4));
        Assert.That(root.GetProperty("messages").GetProperty("trade").GetInt64(), Is.EqualTo(1));
        Assert.That(root.GetProperty("time_span").GetProperty("first_exch_ts").GetInt64(), Is.EqualTo(Ns(BaseMs)));
        Assert.That(root.GetProperty("time_span").GetProperty("last_exch_ts").GetInt64(), Is.EqualTo(Ns(BaseMs + 4)));
        var gap = root.GetProperty("update_ids").GetProperty("gaps").EnumerateArray().Single();
        Assert.That((gap.GetProperty("local_ts").GetInt64(), gap.GetProperty("exch_ts").GetInt64(), gap.GetProperty("expected").GetInt64(), gap.GetProperty("found").GetInt64()),
            Is.EqualTo((local0 + 3_000_000, Ns(BaseMs + 3), 120L, 130L)));
        Assert.That(root.GetProperty("corrected").GetProperty("local_time_shifted_rows").GetInt64(), Is.EqualTo(5));
        Assert.That(root.GetProperty("corrected").GetProperty("local_time_offset_ns").GetInt64(), Is.EqualTo(2_000_000));
    }

    private static readonly (string File, BinanceVenue Venue)[] Recordings =
    [
        ("usdm/btcusdt_20240808.gz", BinanceVenue.Futures),
        ("cm/btcusd_perp_20240808.gz", BinanceVenue.Futures),
        ("spot/btcusdt_20240808.gz", BinanceVenue.Spot),
        ("spot/btcusdt_20240809.gz", BinanceVenue.Spot),
    ];

    [Test]
    public void The_real_recordings_have_no_gaps([Values(0, 1, 2, 3)] int which)
    {
        var (file, venue) = Recordings[which];
        string raw = BinanceRecordings.Require(file);
        var s = new BinanceConverter(new ConversionOptions { Venue = venue }).Convert([raw], PathOf("out.npz"));
        Assert.That(s.Quality.UpdateIds.GapCount, Is.Zero);
        Assert.That(s.Quality.UpdateIds.Checked, Is.EqualTo(s.DepthUpdates - 1), "every depth update after the first was checked");
        Assert.That(s.Quality.UpdateIds.WithoutIds, Is.Zero);
        Assert.That(s.Quality.LastExchangeTime - s.Quality.FirstExchangeTime, Is.InRange(60L * 1_000_000_000, 3_600L * 1_000_000_000), "minutes of data");
    }

    [Test]
    public void Gaps_injected_into_real_recordings_are_found_at_the_next_message([Values(0, 2)] int which)
    {
        var (file, venue) = Recordings[which];
        string raw = BinanceRecordings.Require(file);
        var lines = ReadLines(raw);
        var depth = lines.Select((l, i) => (l, i)).Where(x => x.l.Contains("\"depthUpdate\"")).Select(x => x.i).ToList();
        // Drop two separate depth updates: each leaves one gap, found at the update that follows it.
        int[] dropped = [depth[100], depth[2000]];
        int[] after = [depth[101], depth[2001]];
        var kept = lines.Where((_, i) => !dropped.Contains(i)).ToArray();
        string broken = WriteGz(PathOf("broken.gz"), kept);

        var s = new BinanceConverter(new ConversionOptions { Venue = venue }).Convert([broken], PathOf("out.npz"));
        Assert.That(s.Quality.UpdateIds.GapCount, Is.EqualTo(2));
        Assert.That(s.Quality.UpdateIds.Gaps.Select(g => g.LocalTime), Is.EqualTo(after.Select(i => long.Parse(lines[i][..19]))));
        foreach (var (gap, i) in s.Quality.UpdateIds.Gaps.Zip(dropped))
        {
            using var doc = JsonDocument.Parse(lines[i][20..]);
            var data = doc.RootElement.GetProperty("data");
            // The expected id is what the dropped message would have continued from: its own pu (futures) or U.
            long expected = venue == BinanceVenue.Futures ? data.GetProperty("pu").GetInt64() : data.GetProperty("U").GetInt64();
            Assert.That(gap.Expected, Is.EqualTo(expected));
        }
    }

    private static string[] ReadLines(string gzPath)
    {
        using var gz = new GZipStream(File.OpenRead(gzPath), CompressionMode.Decompress);
        using var reader = new StreamReader(gz, Encoding.UTF8);
        var list = new List<string>();
        while (reader.ReadLine() is { } line) list.Add(line);
        return list.ToArray();
    }
}
