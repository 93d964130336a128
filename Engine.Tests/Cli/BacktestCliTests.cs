using System.Text.Json;
using Hft.Backtest.Data;
using Hft.Backtest.Data.Synthetic;
using Hft.Core.Markets;

namespace Hft.Engine.Tests.Cli;

public sealed class BacktestCliTests
{
    private string _dir = null!;

    [OneTimeSetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("hft-cli-").FullName;
        SyntheticMarket.WriteFile(Path.Combine(_dir, "good.npz"), new SyntheticMarketOptions(60_000, 9));
    }

    [OneTimeTearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string P(string name) => Path.Combine(_dir, name);

    private static void AssertOneCleanErrorLine((int ExitCode, string Stdout, string Stderr) r, string expected)
    {
        Assert.That(r.ExitCode, Is.Not.Zero);
        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1), r.Stderr);
        Assert.That(lines[0], Does.StartWith("error: ").And.Contain(expected));
        Assert.That(r.Stderr, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void Json_output_is_exactly_one_object_with_the_run_figures()
    {
        var r = EngineProcess.Run("backtest", P("good.npz"), "--json");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        foreach (var key in new[] { "events", "wall_seconds", "events_per_second", "orders", "fills", "position", "pnl", "fees" })
            Assert.That(root.TryGetProperty(key, out _), Is.True, key);
        Assert.That(root.GetProperty("events").GetInt64(), Is.EqualTo(60_000));
        Assert.That(r.Stdout.Trim().Split('\n'), Has.Length.EqualTo(1));
    }

    [Test]
    public void Quantity_fees_are_the_rate_times_the_traded_volume()
    {
        // Maker and taker at one rate, so the total is known from the volume whatever the mix of fills.
        var r = EngineProcess.Run("backtest", P("good.npz"), "--json", "--fee-model", "trading-qty", "--maker-fee", "0.25", "--taker-fee", "0.25");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var instrument = doc.RootElement.GetProperty("instruments")[0];
        double volume = instrument.GetProperty("trading_volume").GetDouble();
        Assert.That(volume, Is.GreaterThan(0), "the grid trades on this data");
        Assert.That(instrument.GetProperty("fees").GetDouble(), Is.EqualTo(0.25 * volume).Within(1e-9 * volume));
        Assert.That(instrument.GetProperty("trading_value").GetDouble(), Is.Not.EqualTo(volume).Within(1e-6 * volume), "value and quantity differ here, so the test tells the models apart");
    }

    [Test]
    public void Out_writes_orders_and_fills_identically_on_a_second_run()
    {
        var a = EngineProcess.Run("backtest", P("good.npz"), "--out", P("run-a"));
        var b = EngineProcess.Run("backtest", P("good.npz"), "--out", P("run-b"));
        Assert.That(a.ExitCode, Is.Zero, a.Stderr);
        Assert.That(b.ExitCode, Is.Zero, b.Stderr);
        foreach (var f in new[] { "orders.csv", "fills.csv" })
            Assert.That(File.ReadAllBytes(P("run-b/" + f)), Is.EqualTo(File.ReadAllBytes(P("run-a/" + f))), f);
        Assert.That(a.Stdout, Does.Contain("events/s"));
    }

    [Test]
    public void A_missing_file_is_one_clear_line() =>
        AssertOneCleanErrorLine(EngineProcess.Run("backtest", P("nope.npz")), "nope.npz: no such file");

    [Test]
    public void An_empty_file_is_one_clear_line()
    {
        File.WriteAllBytes(P("empty.npz"), []);
        AssertOneCleanErrorLine(EngineProcess.Run("backtest", P("empty.npz")), "empty.npz: file is empty");
    }

    [Test]
    public void A_truncated_zip_is_one_clear_line()
    {
        var bytes = File.ReadAllBytes(P("good.npz"));
        File.WriteAllBytes(P("cut.npz"), bytes[..(bytes.Length / 2)]);
        AssertOneCleanErrorLine(EngineProcess.Run("backtest", P("cut.npz")), "cut.npz:");
    }

    [Test]
    public void A_file_of_another_dtype_is_one_clear_line()
    {
        // A valid .npy whose 'ev' column is <i8 (seen in an old notebook); the reference rejects it too.
        var rows = new MarketEvent[3];
        EventFileWriter.WriteAll(P("ok.npy"), rows, compress: false);
        var bytes = File.ReadAllBytes(P("ok.npy"));
        var text = System.Text.Encoding.ASCII.GetString(bytes, 0, 256);
        int at = text.IndexOf("('ev', '<u8')", StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThan(0));
        bytes[at + 9] = (byte)'i';
        File.WriteAllBytes(P("dtype.npy"), bytes);
        AssertOneCleanErrorLine(EngineProcess.Run("backtest", P("dtype.npy")), "dtype.npy:");
    }

    private string WriteDuplicateAddFile()
    {
        // Three market-by-order rows: orders 1 and 2 rest, then order 1 is added again.
        const ulong add = EventFlags.Both | EventFlags.AddOrder;
        const long t0 = 1_723_161_600_000_000_000;
        string path = P("dup.npz");
        EventFileWriter.WriteAll(path, new MarketEvent[]
        {
            new(add | EventFlags.Buy, t0, t0 + 1_000_000, 100.0, 1, 1),
            new(add | EventFlags.Sell, t0 + 1_000, t0 + 1_001_000, 100.5, 1, 2),
            new(add | EventFlags.Buy, t0 + 2_000, t0 + 1_002_000, 99.5, 1, 1),
        });
        return path;
    }

    [Test]
    public void A_duplicate_order_id_stops_the_run_with_one_line_naming_the_row()
    {
        var r = EngineProcess.Run("backtest", WriteDuplicateAddFile(), "--exchange", "l3", "--tick-size", "0.5", "--lot-size", "1");
        Assert.That(r.ExitCode, Is.EqualTo(1), r.Stderr);
        // The run had started, so its start-up log line comes first; the error is one line after it.
        var errors = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('[')).ToArray();
        Assert.That(errors, Has.Length.EqualTo(1), r.Stderr);
        Assert.That(errors[0], Does.StartWith("error: ").And.EndsWith(
            "dup.npz: row 2: exch_ts 1723161600000002000 (2024-08-09T00:00:00.000002000Z): add of order id 1, which is already resting; " +
            "the book is left unchanged and the run stops (--on-data-error skip leaves such rows out and goes on)"));
        Assert.That(r.Stdout, Is.Empty, "no summary of a run that stopped");
    }

    [Test]
    public void On_data_error_skip_counts_the_duplicate_and_goes_on()
    {
        var r = EngineProcess.Run("backtest", WriteDuplicateAddFile(), "--exchange", "l3", "--tick-size", "0.5", "--lot-size", "1", "--on-data-error", "skip", "--json");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.That(doc.RootElement.GetProperty("events").GetInt64(), Is.EqualTo(3));
        Assert.That(doc.RootElement.GetProperty("skipped_rows").GetInt64(), Is.EqualTo(1));
        Assert.That(doc.RootElement.GetProperty("skipped_by_reason").GetProperty("duplicate_add").GetInt64(), Is.EqualTo(1));
        Assert.That(doc.RootElement.GetProperty("instruments")[0].GetProperty("last_mid").GetDouble(), Is.EqualTo(100.25), "the duplicate did not move the bid");
        Assert.That(r.Stderr, Does.Contain("dup.npz: row 2:"), "the skipped row is logged");
        var text = EngineProcess.Run("backtest", WriteDuplicateAddFile(), "--tick-size", "0.5", "--lot-size", "1", "--on-data-error", "skip");
        Assert.That(text.Stdout, Does.Contain("skipped rows   1").And.Contain("1 add(s) of a resting id"));
    }

    [Test]
    public void A_strategy_that_never_quoted_says_why_in_the_summary()
    {
        // good.npz covers about 27 s of event time; GLFT's default calibration window is 10 minutes.
        var text = EngineProcess.Run("backtest", P("good.npz"), "--strategy", "glft");
        Assert.That(text.ExitCode, Is.Zero, text.Stderr);
        Assert.That(text.Stdout, Does.Match(@"never quoted   glft: calibration window not reached: \d[\d,]* of 6,000 steps \(\d+ of 600 s of event time\)"));
        var json = EngineProcess.Run("backtest", P("good.npz"), "--strategy", "glft", "--json");
        using (var doc = JsonDocument.Parse(json.Stdout))
        {
            var entry = doc.RootElement.GetProperty("never_quoted").EnumerateArray().Single();
            Assert.That(entry.GetProperty("strategy").GetString(), Is.EqualTo("glft"));
            Assert.That(entry.GetProperty("reason").GetString(), Does.StartWith("calibration window not reached"));
            Assert.That(doc.RootElement.GetProperty("orders").GetInt64(), Is.Zero);
        }
        // With a window the data covers, it quotes and says nothing.
        var quoting = EngineProcess.Run("backtest", P("good.npz"), "--strategy", "glft", "--param", "window_steps=100", "--json");
        using (var doc = JsonDocument.Parse(quoting.Stdout))
        {
            Assert.That(doc.RootElement.GetProperty("orders").GetInt64(), Is.GreaterThan(0));
            Assert.That(doc.RootElement.TryGetProperty("never_quoted", out _), Is.False);
        }
        Assert.That(EngineProcess.Run("backtest", P("good.npz"), "--strategy", "idle").Stdout, Does.Contain("never quoted   idle: it never quotes"));
    }

    [Test]
    public void An_unknown_strategy_parameter_is_one_clear_line() =>
        AssertOneCleanErrorLine(EngineProcess.Run("backtest", P("good.npz"), "--param", "grid_nmu=3"), "did you mean 'grid_num'");

    [Test]
    public void Generate_is_deterministic_for_a_seed()
    {
        var a = EngineProcess.Run("generate", "--out", P("g1.npz"), "--events", "5000", "--seed", "4");
        var b = EngineProcess.Run("generate", "--out", P("g2.npz"), "--events", "5000", "--seed", "4");
        Assert.That(a.ExitCode, Is.Zero, a.Stderr);
        Assert.That(b.ExitCode, Is.Zero, b.Stderr);
        Assert.That(File.ReadAllBytes(P("g2.npz")), Is.EqualTo(File.ReadAllBytes(P("g1.npz"))));
        Assert.That(EventFileReader.ReadAll(P("g1.npz")), Has.Length.EqualTo(5000));
    }

    [Test]
    public void Bench_prints_the_four_figures_and_the_ratio_as_json()
    {
        var r = EngineProcess.Run("bench", "--events", "20000", "--runs", "1", "--json");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        foreach (var key in new[] { "read_eps", "book_eps", "graph_eps", "strategy_eps", "graph_over_book", "toml_1mb_ms" })
            Assert.That(doc.RootElement.GetProperty(key).GetDouble(), Is.GreaterThan(0), key);
        Assert.That(doc.RootElement.GetProperty("tick_to_order_p50_us").GetDouble(), Is.GreaterThan(0));
        Assert.That(doc.RootElement.GetProperty("tick_to_order_p99_us").GetDouble(), Is.GreaterThanOrEqualTo(doc.RootElement.GetProperty("tick_to_order_p50_us").GetDouble()));
        var parse = doc.RootElement.GetProperty("parse");
        string[] market = ["binance_futures_depth_20_levels", "binance_spot_depth_20_levels", "bybit_linear_orderbook_delta_20_levels",
            "binance_futures_trade", "bybit_linear_public_trade"];
        foreach (var type in market.Concat(["binance_futures_order_update", "bybit_execution"]))
            Assert.That(parse.GetProperty(type).GetProperty("messages_per_second").GetDouble(), Is.GreaterThan(0), type);
        // The market path of every venue (depth diffs, trades) allocates nothing per level, nor per message.
        foreach (var type in market)
            Assert.That(parse.GetProperty(type).GetProperty("bytes_per_message").GetDouble(), Is.LessThan(1), type);
    }
}
