using System.Text.Json;
using Hft.Backtest.Data.Synthetic;
using Hft.Backtest.Recording;
using Hft.Backtest.Statistics;
using Hft.Engine.Cli;
using Hft.Engine.Config;
using Hft.Engine.Tests.Config;

namespace Hft.Engine.Tests.Cli;

/// <summary><c>backtest --out</c> writes the five result files; <c>compare</c> reads them back.</summary>
public sealed class ReportCliTests
{
    private static readonly string[] Files = ["summary.json", "report.html", "equity.csv", "orders.csv", "fills.csv"];
    private string _dir = null!;
    private (int ExitCode, string Stdout, string Stderr) _a;

    [OneTimeSetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("hft-report-cli-").FullName;
        SyntheticMarket.WriteFile(P("m.npz"), new SyntheticMarketOptions(120_000, 21));
        _a = EngineProcess.Run("backtest", P("m.npz"), "--out", P("a"), "--json");
    }

    [OneTimeTearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string P(string name) => Path.Combine(_dir, name);

    [Test]
    public void Out_writes_every_result_file_and_json_stays_one_clean_object()
    {
        Assert.That(_a.ExitCode, Is.Zero, _a.Stderr);
        foreach (var f in Files) Assert.That(File.Exists(P(Path.Combine("a", f))), Is.True, f);
        Assert.That(_a.Stdout.Trim().Split('\n'), Has.Length.EqualTo(1));
        using var doc = JsonDocument.Parse(_a.Stdout);
        var stats = doc.RootElement.GetProperty("statistics");
        foreach (var m in MetricCatalog.All) Assert.That(stats.TryGetProperty(m.Key, out _), Is.True, m.Key);
        // Redirected output: no progress bar, no terminal control codes.
        Assert.That(_a.Stderr, Does.Not.Contain("\u001b").And.Not.Contain("\r").And.Not.Contain("━"));
    }

    [Test]
    public void Summary_json_holds_the_statistics_settings_and_configuration()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(P("a/summary.json")));
        var root = doc.RootElement;
        Assert.That(root.GetProperty("format").GetString(), Is.EqualTo("hft-engine-backtest-summary/1"));
        Assert.That(root.GetProperty("run").GetProperty("events").GetInt64(), Is.EqualTo(120_000));
        var settings = root.GetProperty("statistics_settings");
        Assert.That(settings.GetProperty("record_interval_ms").GetDouble(), Is.EqualTo(100));
        Assert.That(settings.GetProperty("resample_interval_s").GetDouble(), Is.EqualTo(10));
        Assert.That(settings.GetProperty("days_per_year").GetDouble(), Is.EqualTo(365));
        Assert.That(settings.GetProperty("book_size").ValueKind, Is.EqualTo(JsonValueKind.Null));
        var instrument = root.GetProperty("instruments")[0];
        Assert.That(instrument.GetProperty("symbol").GetString(), Is.EqualTo("SIMUSDT"));
        Assert.That(instrument.GetProperty("trades").GetInt64(), Is.EqualTo(root.GetProperty("run").GetProperty("fills").GetInt64()));
        Assert.That(instrument.GetProperty("return").ValueKind, Is.EqualTo(JsonValueKind.Null), "no book size");
        var config = root.GetProperty("configuration");
        Assert.That(config.GetProperty("strategies[0].kind").GetString(), Is.EqualTo("\"grid\""));
        Assert.That(config.TryGetProperty("output.dir", out _), Is.False, "where the files went is not part of the run");
        Assert.That(config.GetProperty("output.record_interval_ms").GetString(), Is.EqualTo("100.0"));

        var csv = File.ReadAllLines(P("a/equity.csv"));
        Assert.That(csv[0], Is.EqualTo(EquityCsvWriter.Header));
        Assert.That(csv.Length - 1, Is.EqualTo(settings.GetProperty("recorded_rows").GetInt64()));
    }

    [Test]
    public void The_report_is_one_self_contained_page_with_charts_and_statistics()
    {
        string html = File.ReadAllText(P("a/report.html"));
        Assert.That(html, Does.StartWith("<!DOCTYPE html>"));
        foreach (var chart in new[] { "price", "equity", "drawdown", "position" })
            Assert.That(html, Does.Contain($"data-chart=\"{chart}\""), chart);
        Assert.That(html, Does.Contain("<path class=\"buy\"").And.Contain("<path class=\"sell\""), "fills are marked");
        Assert.That(html, Does.Not.Contain("<script").And.Not.Contain("http://").And.Not.Contain("https://").And.Not.Contain("src="));
        foreach (var m in MetricCatalog.All) Assert.That(html, Does.Contain($"data-metric=\"{m.Key}\""), m.Key);
        Assert.That(html, Does.Contain("strategies[0].kind"), "the configuration table");
    }

    [Test]
    public void A_second_run_writes_byte_identical_files()
    {
        var b = EngineProcess.Run("backtest", P("m.npz"), "--out", P("b"));
        Assert.That(b.ExitCode, Is.Zero, b.Stderr);
        foreach (var f in Files) Assert.That(File.ReadAllBytes(P(Path.Combine("b", f))), Is.EqualTo(File.ReadAllBytes(P(Path.Combine("a", f)))), f);
        Assert.That(b.Stdout, Does.Contain("sharpe"), "the console summary has the statistics");
    }

    [Test]
    public void Compare_prints_statistics_side_by_side_and_the_changed_setting()
    {
        var c = EngineProcess.Run("backtest", P("m.npz"), "--out", P("c"), "--param", "grid_num=5", "--book-size", "10000");
        Assert.That(c.ExitCode, Is.Zero, c.Stderr);
        var r = EngineProcess.Run("compare", P("a"), P("c"));
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        var lines = r.Stdout.Split('\n');
        Assert.That(lines.Any(l => l.Contains(" a ", StringComparison.Ordinal) && l.Contains(" c ", StringComparison.Ordinal)), Is.True, r.Stdout);
        Assert.That(lines.Single(l => l.Contains("strategies[0].params.grid_num", StringComparison.Ordinal)), Does.Contain("\"5\""));
        Assert.That(lines.Single(l => l.Contains("Sharpe ratio", StringComparison.Ordinal)), Does.Match(@"Sharpe ratio.*│.*│"));
        Assert.That(r.Stdout, Does.Not.Contain("\u001b"), "plain text when redirected");

        var j = EngineProcess.Run("compare", P("a"), P("c"), "--json");
        Assert.That(j.ExitCode, Is.Zero, j.Stderr);
        using var doc = JsonDocument.Parse(j.Stdout);
        var root = doc.RootElement;
        Assert.That(root.GetProperty("runs").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "a", "c" }));
        Assert.That(root.GetProperty("section").GetString(), Is.EqualTo("SIMUSDT"), "one instrument each: its own figures");
        using var a = JsonDocument.Parse(File.ReadAllText(P("a/summary.json")));
        var sharpe = root.GetProperty("metrics").GetProperty("sharpe");
        var expected = a.RootElement.GetProperty("instruments")[0].GetProperty("sharpe");
        Assert.That(sharpe[0].ValueKind, Is.EqualTo(expected.ValueKind));
        if (expected.ValueKind == JsonValueKind.Number) Assert.That(sharpe[0].GetDouble(), Is.EqualTo(expected.GetDouble()));
        Assert.That(root.GetProperty("metrics").GetProperty("return")[0].ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(root.GetProperty("metrics").GetProperty("return")[1].ValueKind, Is.EqualTo(JsonValueKind.Number));
        Assert.That(root.GetProperty("configuration_differences").GetProperty("output.book_size")[1].GetString(), Is.EqualTo("10000.0"));
    }

    [Test]
    public void Compare_of_a_directory_without_a_summary_is_one_clear_line()
    {
        Directory.CreateDirectory(P("empty"));
        var r = EngineProcess.Run("compare", P("a"), P("empty"));
        Assert.That(r.ExitCode, Is.EqualTo(1));
        Assert.That(r.Stderr.Trim(), Does.StartWith("error: ").And.Contain("no summary.json"));
        File.WriteAllText(P("empty/summary.json"), "{\"x\": 1}");
        var bad = EngineProcess.Run("compare", P("empty"));
        Assert.That(bad.ExitCode, Is.EqualTo(1));
        Assert.That(bad.Stderr.Trim(), Does.Contain("not a backtest summary"));
    }

    [Test]
    public void Compare_picks_the_best_value_only_for_metrics_with_a_direction()
    {
        var sharpe = MetricCatalog.Find("sharpe")!;
        var drawdown = MetricCatalog.Find("max_drawdown")!;
        var trades = MetricCatalog.Find("trades")!;
        Assert.That(CompareCommand.Best(sharpe, [1.0, 3.0, null, 2.0]), Is.EqualTo(1));
        Assert.That(CompareCommand.Best(drawdown, [5.0, 3.0, 4.0]), Is.EqualTo(1));
        Assert.That(CompareCommand.Best(trades, [5L, 3L]), Is.EqualTo(-1));
        Assert.That(CompareCommand.Best(sharpe, [2.0, 2.0]), Is.EqualTo(-1), "a tie has no best");
        Assert.That(CompareCommand.Best(sharpe, [2.0, null]), Is.EqualTo(-1), "one value has nothing to beat");
        Assert.That(CompareCommand.Names(["x/run1", "y/run2/"]), Is.EqualTo(new[] { "run1", "run2" }));
        Assert.That(CompareCommand.Names(["x/run", "y/run"]), Is.EqualTo(new[] { "x/run", "y/run" }));
    }

    [Test]
    public void Output_keys_come_from_the_file_and_options_override_them()
    {
        string path = Path.Combine(_dir, "o.toml");
        File.WriteAllText(path, """
            mode = "backtest"
            [[instruments]]
            symbol = "X"
            tick_size = 0.1
            lot_size = 1
            data = ["m.npz"]
            [[strategies]]
            name = "grid"
            kind = "grid"
            [output]
            dir = "out"
            record_interval_ms = 50
            stats_interval_s = 60
            days_per_year = 252
            book_size = 5000
            """);
        var s = BacktestCommand.Resolve("--config", path);
        Assert.That(s.Output, Is.EqualTo(new OutputSettings(Path.Combine(_dir, "out")) { RecordIntervalMs = 50, StatsIntervalS = 60, DaysPerYear = 252, BookSize = 5000 }));
        var o = BacktestCommand.Resolve("--config", path, "--record-interval-ms", "250", "--stats-interval-s", "1", "--days-per-year", "365", "--book-size", "1e6");
        Assert.That(o.Output, Is.EqualTo(new OutputSettings(Path.Combine(_dir, "out")) { RecordIntervalMs = 250, StatsIntervalS = 1, DaysPerYear = 365, BookSize = 1e6 }));
        var r = BacktestCommand.RecorderOptions(o.Output, null);
        Assert.That(r.IntervalNanos, Is.EqualTo(250_000_000));
        Assert.That(r.Statistics, Is.EqualTo(new StatisticsOptions { IntervalNanos = 1_000_000_000, DaysPerYear = 365, BookSize = 1e6 }));
        Assert.Throws<ArgumentException>(() => BacktestCommand.Resolve("--config", path, "--record-interval-ms", "0"));
        Assert.Throws<ArgumentException>(() => BacktestCommand.Resolve("--config", path, "--book-size", "-3"));

        File.WriteAllText(path, File.ReadAllText(path).Replace("record_interval_ms = 50", "record_interval_ms = -1", StringComparison.Ordinal)
            .Replace("days_per_year = 252", "days_per_year = 400", StringComparison.Ordinal));
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Load(path))!;
        Assert.That(e.Problems.Select(p => p.ToString()), Has.Some.Contains("output.record_interval_ms").And.Some.Contains("output.days_per_year"));
    }
}
