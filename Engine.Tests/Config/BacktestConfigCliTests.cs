using Hft.Core.Risk;
using System.Text.Json;
using Hft.Backtest.Data.Synthetic;
using Akka.Actor;
using Hft.Core.Markets;
using Hft.Engine.Cli;
using Hft.Engine.Config;
using Hft.Engine.Tests.Cli;
using Hft.Engine.Tests.Data;

namespace Hft.Engine.Tests.Config;

/// <summary><c>backtest --config</c>: the file's settings, overridden only by options given explicitly; and <c>check</c> as a process.</summary>
public sealed class BacktestConfigCliTests : TempDirectoryTest
{
    private const string Config = """
        mode = "backtest"

        [[instruments]]
        symbol = "FILEUSDT"
        tick_size = 0.5
        lot_size = 0.1
        contract = "inverse"
        contract_size = 10
        data = ["data/a.npz"]

        [risk]
        max_order_qty = 3

        [[strategies]]
        name = "g"
        kind = "grid"
        on_error = "stop"

        [strategies.params]
        grid_num = 4
        order_qty = 0.5

        [backtest.latency]
        entry_ms = 5
        response_ms = 7

        [backtest.fees]
        maker = 0.0001
        taker = 0.0002

        [output]
        dir = "out"
        """;

    private string WriteConfig(string text = Config)
    {
        string path = PathOf("bt.toml");
        File.WriteAllText(path, text);
        return path;
    }

    [Test]
    public void Without_options_the_file_decides_even_where_an_option_has_a_default()
    {
        var s = BacktestCommand.Resolve("--config", WriteConfig());
        Assert.Multiple(() =>
        {
            Assert.That(s.Instruments.Single(), Is.EqualTo(s.Instruments.Single() with
            {
                Symbol = "FILEUSDT", Venue = "sim", TickSize = 0.5, LotSize = 0.1, Contract = ContractKind.Inverse, ContractSize = 10,
            }));
            Assert.That(s.Instruments.Single().Data, Is.EqualTo(new[] { PathOf(Path.Combine("data", "a.npz")) }));
            Assert.That(s.Backtest.Latency, Is.EqualTo(new LatencySettings(LatencyModelKind.Constant, 5, 7)));
            Assert.That(s.Backtest.Fees, Is.EqualTo(new FeeSettings(0.0001, 0.0002)));
            Assert.That(s.Risk, Is.EqualTo(new RiskLimits(3, double.PositiveInfinity)));
            Assert.That(s.Strategies.Single().OnError, Is.EqualTo(Directive.Stop));
            Assert.That(s.Output.Dir, Is.EqualTo(PathOf("out")));
        });
    }

    [Test]
    public void Explicit_options_override_the_file_and_only_them()
    {
        var s = BacktestCommand.Resolve("--config", WriteConfig(), "--taker-fee", "0.5", "--entry-latency-ms", "2", "--symbol", "CLIUSDT",
            "--max-position", "9", "--param", "grid_num=6", "--on-strategy-error", "resume", "--out", "cli-out", "extra.npz");
        var i = s.Instruments.Single();
        var strategy = s.Strategies.Single();
        Assert.Multiple(() =>
        {
            Assert.That(s.Backtest.Fees, Is.EqualTo(new FeeSettings(0.0001, 0.5)));
            Assert.That(s.Backtest.Latency, Is.EqualTo(new LatencySettings(LatencyModelKind.Constant, 2, 7)));
            Assert.That((i.Symbol, i.TickSize, i.Contract), Is.EqualTo(("CLIUSDT", 0.5, ContractKind.Inverse)));
            Assert.That(i.Data, Is.EqualTo(new[] { "extra.npz" }), "files on the command line replace the file's data");
            Assert.That(s.Risk, Is.EqualTo(new RiskLimits(3, 9)));
            Assert.That(strategy.OnError, Is.EqualTo(Directive.Resume));
            // The --param value comes last, so it wins over the file's grid_num = 4.
            Assert.That(strategy.ToParameters().GetInt("grid_num", 0), Is.EqualTo(6));
            Assert.That(strategy.ToParameters().GetDouble("order_qty", 0), Is.EqualTo(0.5));
            Assert.That(s.Output.Dir, Is.EqualTo("cli-out"));
        });
    }

    [Test]
    public void Strategy_option_replaces_the_files_strategies()
    {
        var s = BacktestCommand.Resolve("--config", WriteConfig(), "--strategy", "idle");
        var strategy = s.Strategies.Single();
        // The kind changes; the file's on_error stays, since --on-strategy-error was not given.
        Assert.That((strategy.Name, strategy.Kind, strategy.OnError), Is.EqualTo(("idle", "idle", Directive.Stop)));
        Assert.That(strategy.Parameters, Is.Empty, "the file's grid parameters belong to the grid");
    }

    [Test]
    public void Without_a_file_the_options_and_their_defaults_apply_as_before()
    {
        var s = BacktestCommand.Resolve("x.npz");
        Assert.Multiple(() =>
        {
            Assert.That(s.Instruments.Single().ToInstrument(), Is.EqualTo(new Instrument("SIMUSDT", "sim", 0.01, 0.01)));
            Assert.That(s.Instruments.Single().Data, Is.EqualTo(new[] { "x.npz" }));
            Assert.That(s.Backtest, Is.EqualTo(new BacktestSettings(new LatencySettings(LatencyModelKind.Constant, 1, 1),
                new QueueSettings("risk-averse"), new FeeSettings(-0.00005, 0.0007))));
            Assert.That(s.Risk, Is.EqualTo(new RiskLimits()));
            Assert.That((s.Strategies.Single().Name, s.Strategies.Single().Kind, s.Strategies.Single().OnError), Is.EqualTo(("grid", "grid", Directive.Restart)));
            Assert.That(s.Output.Dir, Is.Null);
        });
    }

    [Test]
    public void A_live_file_is_refused()
    {
        string path = WriteConfig("""
            mode = "paper"
            [[venues]]
            kind = "binance-futures"
            rest_url = "https://a"
            ws_url = "wss://b"
            [[instruments]]
            symbol = "X"
            tick_size = 1
            lot_size = 1
            [[strategies]]
            kind = "idle"
            """);
        var error = Assert.Throws<ArgumentException>(() => BacktestCommand.Resolve("--config", path))!;
        Assert.That(error.Message, Is.EqualTo($"--config: {path} is a paper configuration; backtest needs mode = \"backtest\""));
    }

    [Test]
    public void Instrument_options_need_a_single_instrument()
    {
        string two = Config.Replace("[risk]", "[[instruments]]\nsymbol = \"B\"\ntick_size = 1\nlot_size = 1\n\n[risk]");
        var error = Assert.Throws<ArgumentException>(() => BacktestCommand.Resolve("--config", WriteConfig(two), "--tick-size", "1"))!;
        Assert.That(error.Message, Does.StartWith("--tick-size: the config defines 2 instruments"));
    }

    /// <summary>The shipped backtest.toml, run as a process from a copy whose ../samples/data/sample.npz is generated here.</summary>
    [Test]
    public void Shipped_backtest_config_runs_end_to_end_and_options_override_it()
    {
        Directory.CreateDirectory(PathOf("appsettings"));
        Directory.CreateDirectory(PathOf(Path.Combine("samples", "data")));
        string config = PathOf(Path.Combine("appsettings", "backtest.toml"));
        File.Copy(Path.Combine(ConfigTestKit.AppSettings, "backtest.toml"), config);
        const long events = 300_000;
        SyntheticMarket.WriteFile(PathOf(Path.Combine("samples", "data", "sample.npz")), new SyntheticMarketOptions(events, 1));

        var (exit, stdout, stderr) = EngineProcess.Run("backtest", "--config", config, "--json");
        Assert.That(exit, Is.EqualTo(0), stderr);
        using var result = JsonDocument.Parse(stdout);
        var root = result.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("events").GetInt64(), Is.EqualTo(events));
            Assert.That(root.GetProperty("strategy").GetString(), Is.EqualTo("grid"));
            Assert.That(root.GetProperty("instruments")[0].GetProperty("symbol").GetString(), Is.EqualTo("SIMUSDT"));
            Assert.That(root.GetProperty("fills").GetInt64(), Is.GreaterThan(0));
            // Maker fills with the file's rebate (-0.00005) earn fees.
            Assert.That(root.GetProperty("fees").GetDouble(), Is.LessThan(0));
            // [output] dir = "../runs/backtest" is relative to the config file.
            Assert.That(File.Exists(PathOf(Path.Combine("runs", "backtest", "fills.csv"))), Is.True);
        });

        var (exit2, stdout2, stderr2) = EngineProcess.Run("backtest", "--config", config, "--json", "--maker-fee", "0.001");
        Assert.That(exit2, Is.EqualTo(0), stderr2);
        using var overridden = JsonDocument.Parse(stdout2);
        var o = overridden.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(o.GetProperty("fills").GetInt64(), Is.EqualTo(root.GetProperty("fills").GetInt64()), "fees do not change fills");
            double value = o.GetProperty("instruments")[0].GetProperty("trading_value").GetDouble();
            Assert.That(o.GetProperty("fees").GetDouble(), Is.EqualTo(0.001 * value).Within(1e-9), "every fill is a maker fill at the overriding rate");
            Assert.That(root.GetProperty("fees").GetDouble(), Is.EqualTo(-0.00005 * value).Within(1e-9));
        });
    }

    [Test]
    public void Logging_file_and_level_come_from_the_file_and_verbose_overrides_the_level()
    {
        Directory.CreateDirectory(PathOf("data"));
        SyntheticMarket.WriteFile(PathOf(Path.Combine("data", "a.npz")), new SyntheticMarketOptions(20_000, 3));
        string path = WriteConfig(Config + "\n[logging]\nlevel = \"warning\"\nfile = \"logs/engine.log\"\n");
        string logFile = PathOf(Path.Combine("logs", "engine.log"));
        const string line = " INF] Backtest of 1 file(s), 20,000 rows, strategy g";

        var (exit, _, stderr) = EngineProcess.Run("backtest", "--config", path, "--json");
        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(stderr, Does.Not.Contain(line), "level = warning hides information");
        Assert.That(File.Exists(logFile) ? File.ReadAllText(logFile) : "", Does.Not.Contain(line));

        (exit, _, stderr) = EngineProcess.Run("backtest", "--config", path, "--json", "--verbose");
        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.Multiple(() =>
        {
            Assert.That(stderr, Does.Contain(line));
            Assert.That(File.ReadAllText(logFile), Does.Contain(line), "the log file gets what standard error gets");
            Assert.That(File.Exists(PathOf(Path.Combine("out", "orders.csv"))), Is.True);
        });
    }

    [Test]
    public void Backtest_without_data_anywhere_fails_clearly()
    {
        string path = WriteConfig(Config.Replace("data = [\"data/a.npz\"]\n", ""));
        var (exit, stdout, stderr) = EngineProcess.Run("backtest", "--config", path);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(1));
            Assert.That(stdout, Is.Empty);
            Assert.That(stderr.Trim(), Is.EqualTo("error: instrument FILEUSDT has no data: give event files on the command line or data = [...] in the config"));
        });
    }

    [Test]
    public void Backtest_with_a_broken_config_prints_every_problem_and_exits_1()
    {
        string path = WriteConfig(Config.Replace("tick_size = 0.5", "tick_size = \"0.5\"").Replace("entry_ms = 5", "entry_ms = -5"));
        var (exit, stdout, stderr) = EngineProcess.Run("backtest", "--config", path, "--json");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(1));
            Assert.That(stdout, Is.Empty);
            Assert.That(stderr.ReplaceLineEndings("\n"), Is.EqualTo(
                $"{path}:5:13: instruments[0].tick_size: expected a number, found string \"0.5\"\n" +
                $"{path}:24:12: backtest.latency.entry_ms: must be a number of milliseconds, 0 or more, got -5\n" +
                "error: the configuration has 2 problems\n"));
        });
    }

    [Test]
    public void Check_as_a_process_prints_every_problem_and_exits_1()
    {
        string path = WriteConfig("mode = \"backtest\"\n[[instruments]]\nsymbol = \"S\"\ntick_size = 0\n[[strategies]]\nkind = \"grid\"\n[risk]\nmax_order = 1\n");
        var (exit, stdout, stderr) = EngineProcess.Run("check", path);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(1));
            Assert.That(stdout, Is.Empty);
            Assert.That(stderr.ReplaceLineEndings("\n"), Is.EqualTo(
                $"{path}:2:1: instruments[0]: missing required key 'lot_size'\n" +
                $"{path}:4:13: instruments[0].tick_size: must be a positive number, got 0\n" +
                $"{path}:8:1: risk.max_order: unknown key (did you mean 'max_order_qty'?)\n" +
                $"{path}: 3 problems\n"));
        });
    }

    [Test]
    public void Check_as_a_process_prints_the_resolved_settings_and_exits_0()
    {
        string path = WriteConfig();
        var (exit, stdout, stderr) = EngineProcess.Run("check", path);
        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(stdout.ReplaceLineEndings("\n"), Does.StartWith($"# {path}: valid (mode backtest; secrets shown as ***)\nmode = \"backtest\"\n"));
        Assert.That(stdout.ReplaceLineEndings("\n"), Does.Contain(
            "[[instruments]]\nsymbol = \"FILEUSDT\"\nvenue = \"sim\"\ntick_size = 0.5\nlot_size = 0.1\ncontract = \"inverse\"\ncontract_size = 10.0\n" +
            $"data = [\"{PathOf(Path.Combine("data", "a.npz"))}\"]\n"));
        Assert.That(stdout.ReplaceLineEndings("\n"), Does.Contain("[backtest.queue]\nmodel = \"risk-averse\"\n"), "defaults are shown");
    }
}
