using System.Text.Json;
using Hft.Backtest.Data.Synthetic;
using Hft.Engine.Tests.Config;

namespace Hft.Engine.Tests.Cli;

/// <summary><c>sweep</c> as a user runs it: every row is the backtest run alone, whatever the number of workers.</summary>
public sealed class SweepCliTests
{
    private string _dir = null!;

    [OneTimeSetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("hft-sweep-").FullName;
        SyntheticMarket.WriteFile(P("market.npz"), new SyntheticMarketOptions(60_000, 9));
        File.WriteAllText(P("sweep.toml"), """
            mode = "backtest"

            [[instruments]]
            symbol = "SIMUSDT"
            tick_size = 0.01
            lot_size = 0.01
            data = ["market.npz"]

            [[strategies]]
            name = "grid"
            kind = "grid"

            [strategies.params]
            grid_num = 5
            order_qty = 1.0
            interval_ms = 100

            [backtest.latency]
            entry_ms = 1.0
            response_ms = 1.0
            """);
    }

    [OneTimeTearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string P(string name) => Path.Combine(_dir, name);

    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        // The test's values never hold commas or quotes, so a plain split reads them.
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    // The value at a dotted path of a summary, written as sweep.csv writes it.
    private static string? At(JsonElement root, string column)
    {
        var e = root;
        foreach (var part in column.Split('.'))
        {
            if (!e.TryGetProperty(part, out e)) return null;
        }
        return e.ValueKind switch { JsonValueKind.String => e.GetString(), JsonValueKind.Null => "", _ => e.GetRawText() };
    }

    [Test]
    public void Each_row_equals_the_backtest_run_alone_and_the_csv_is_the_same_for_one_or_two_workers()
    {
        string[] grid = ["--param", "relative_half_spread=0.0005..0.001:0.0005", "--param", "backtest.latency.entry_ms=1,20"];
        var two = EngineProcess.Run(["sweep", P("sweep.toml"), .. grid, "--jobs", "2", "--out", P("two")]);
        Assert.That(two.ExitCode, Is.Zero, two.Stderr);
        var one = EngineProcess.Run(["sweep", P("sweep.toml"), .. grid, "--jobs", "1", "--out", P("one")]);
        Assert.That(one.ExitCode, Is.Zero, one.Stderr);
        Assert.That(File.ReadAllBytes(P("one/sweep.csv")), Is.EqualTo(File.ReadAllBytes(P("two/sweep.csv"))), "sweep.csv");
        Assert.That(File.ReadAllBytes(P("one/sweep.html")), Is.EqualTo(File.ReadAllBytes(P("two/sweep.html"))), "sweep.html");

        var rows = ReadCsv(P("two/sweep.csv"));
        Assert.That(rows.Select(r => r["relative_half_spread"] + "/" + r["backtest.latency.entry_ms"]),
            Is.EqualTo(new[] { "0.0005/1", "0.0005/20", "0.001/1", "0.001/20" }), "grid order, first parameter slowest");
        Assert.That(rows.Select(r => r["pnl"]).Distinct().Count(), Is.GreaterThan(1), "the swept values change the result, so equality below means something");
        foreach (var row in rows)
        {
            // --out so the run alone computes its statistics too.
            var alone = EngineProcess.Run("backtest", "--config", P("sweep.toml"), "--param", "relative_half_spread=" + row["relative_half_spread"],
                "--entry-latency-ms", row["backtest.latency.entry_ms"], "--out", P("alone"), "--json");
            Assert.That(alone.ExitCode, Is.Zero, alone.Stderr);
            using var doc = JsonDocument.Parse(alone.Stdout);
            var columns = row.Keys.Where(k => k is not "relative_half_spread" and not "backtest.latency.entry_ms").ToList();
            Assert.That(columns, Does.Contain("statistics.sharpe").And.Contain("fills").And.Contain("messages"));
            foreach (var column in columns)
                Assert.That(row[column], Is.EqualTo(At(doc.RootElement, column)), $"{column} at {row["relative_half_spread"]}/{row["backtest.latency.entry_ms"]}");
        }
    }

    [Test]
    public void Two_parameters_give_a_heatmap_and_the_table_is_ranked()
    {
        var r = EngineProcess.Run("sweep", P("sweep.toml"), "--param", "grid_num=2,5,10", "--param", "relative_half_spread=0.0002,0.0005", "--rank-by", "pnl", "--out", P("map"));
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        string html = File.ReadAllText(P("map/sweep.html"));
        Assert.That(html, Does.Contain("pnl by grid_num and relative_half_spread"));
        Assert.That(System.Text.RegularExpressions.Regex.Matches(html, "<td style=\"background:#").Count, Is.EqualTo(6), "one coloured cell per run");
        var lines = r.Stdout.Trim().Split('\n');
        Assert.That(lines[0], Does.StartWith("rank  grid_num  relative_half_spread  pnl"));
        Assert.That(lines, Has.Length.EqualTo(7));
        var pnl = lines.Skip(1).Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.That(pnl, Is.Ordered.Descending);
        Assert.That(r.Stderr, Does.Contain("[6/6]"), "progress on a non-terminal: a line per run");
    }

    private static void AssertOneCleanErrorLine((int ExitCode, string Stdout, string Stderr) r, string expected)
    {
        Assert.That(r.ExitCode, Is.EqualTo(1), r.Stderr);
        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1), r.Stderr);
        Assert.That(lines[0], Does.StartWith("error: ").And.Contain(expected));
    }

    [Test]
    public void A_setting_that_cannot_be_swept_is_one_clear_line() =>
        AssertOneCleanErrorLine(EngineProcess.Run("sweep", P("sweep.toml"), "--param", "backtest.speed=1,2"), "'backtest.speed' cannot be swept");

    [Test]
    public void A_bad_value_names_the_run_before_anything_runs() =>
        AssertOneCleanErrorLine(EngineProcess.Run("sweep", P("sweep.toml"), "--param", "grid_num=5,many"), "run 2 (grid_num=many)");

    [Test]
    public void A_bad_setting_value_names_the_run() =>
        AssertOneCleanErrorLine(EngineProcess.Run("sweep", P("sweep.toml"), "--param", "backtest.queue.model=log,nosuch"), "run 2 (backtest.queue.model=nosuch)");

    [Test]
    public void An_unknown_strategy_parameter_is_refused() =>
        AssertOneCleanErrorLine(EngineProcess.Run("sweep", P("sweep.toml"), "--param", "no_such_knob=1"), "no_such_knob");

    /// <summary>
    /// The issue's check on the bundled sample data: every row equal to the backtest run alone. The suite sweeps 4 runs;
    /// <c>HFT_SWEEP_FULL=1</c> sweeps the full 64 (and runs 64 backtests beside it, a few minutes).
    /// </summary>
    [Test]
    public void A_sweep_of_the_sample_data_equals_each_backtest_alone()
    {
        bool full = Environment.GetEnvironmentVariable("HFT_SWEEP_FULL") == "1";
        string config = Path.Combine(ConfigTestKit.AppSettings, "backtest.toml");
        string sample = Path.Combine(ConfigTestKit.RepositoryRoot, "samples", "data", "sample.npz");
        if (!File.Exists(sample)) Assert.Fail($"{sample} is missing: the sample data is part of the repository");
        var sweep = EngineProcess.Run("sweep", config, "--param", full ? "relative_half_spread=0.0001..0.0008:0.0001" : "relative_half_spread=0.0001,0.0005",
            "--param", full ? "grid_num=2..16:2" : "grid_num=4,16", "--jobs", "2", "--out", P("full"));
        Assert.That(sweep.ExitCode, Is.Zero, sweep.Stderr);
        var rows = ReadCsv(P("full/sweep.csv"));
        Assert.That(rows, Has.Count.EqualTo(full ? 64 : 4));
        TestContext.Out.WriteLine(sweep.Stderr.Split('\n').LastOrDefault(l => l.Contains("runs/s")) ?? "");
        foreach (var row in rows)
        {
            var alone = EngineProcess.Run("backtest", "--config", config, "--param", "relative_half_spread=" + row["relative_half_spread"],
                "--param", "grid_num=" + row["grid_num"], "--out", P("full-alone"), "--json");
            Assert.That(alone.ExitCode, Is.Zero, alone.Stderr);
            using var doc = JsonDocument.Parse(alone.Stdout);
            foreach (var column in row.Keys.Where(k => k is not "relative_half_spread" and not "grid_num"))
                Assert.That(row[column], Is.EqualTo(At(doc.RootElement, column)), $"{column} at {row["relative_half_spread"]}/{row["grid_num"]}");
        }
    }
}
