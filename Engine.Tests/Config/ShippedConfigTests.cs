using Akka.Actor;
using Hft.Core.Markets;
using Hft.Engine.Cli;
using Hft.Engine.Config;
using Hft.Engine.Config.Toml;
using Tomlyn.Model;

namespace Hft.Engine.Tests.Config;

/// <summary>Every file in <c>appsettings/</c> must load and pass <c>check</c>, and say what it claims to.</summary>
public sealed class ShippedConfigTests
{
    private static readonly string[] Expected =
        ["backtest.toml", "emulator-binance-futures.toml", "emulator-binance-spot.toml", "emulator-bybit.toml", "live-binance-futures.toml", "live-binance-spot.toml", "live-bybit.toml", "paper.toml"];

    public static IEnumerable<string> ShippedFiles() => Expected;

    [Test]
    public void The_shipped_set_is_complete()
    {
        var present = Directory.GetFiles(ConfigTestKit.AppSettings, "*.toml").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.That(present, Is.EqualTo(Expected));
    }

    [TestCaseSource(nameof(ShippedFiles))]
    public void Loads_without_problems(string name)
    {
        using var env = new EnvironmentScope(ConfigTestKit.FakeSecrets);
        var settings = SettingsLoader.Load(Path.Combine(ConfigTestKit.AppSettings, name));
        Assert.That(settings.Instruments, Is.Not.Empty);
        Assert.That(settings.Strategies, Is.Not.Empty);
    }

    [TestCaseSource(nameof(ShippedFiles))]
    public void Passes_check_and_the_output_never_shows_a_secret(string name)
    {
        using var env = new EnvironmentScope(ConfigTestKit.FakeSecrets);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = CheckCommand.Run(Path.Combine(ConfigTestKit.AppSettings, name), stdout, stderr);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(0), stderr.ToString());
            Assert.That(stderr.ToString(), Is.Empty);
            foreach (var secret in ConfigTestKit.FakeSecrets.Values)
                Assert.That(stdout.ToString(), Does.Not.Contain(secret));
        });
    }

    [TestCaseSource(nameof(ShippedFiles))]
    public void Check_output_is_itself_a_valid_config_with_the_same_settings(string name)
    {
        using var env = new EnvironmentScope(ConfigTestKit.FakeSecrets);
        string path = Path.Combine(ConfigTestKit.AppSettings, name);
        var settings = SettingsLoader.Load(path);
        string printed = SettingsWriter.Write(settings);
        var reread = SettingsBinder.Bind(ConfigDocument.Parse(printed, "printed.toml"), "printed.toml", ConfigTestKit.AppSettings);
        Assert.That(SettingsWriter.Write(reread), Is.EqualTo(printed));
    }

    [Test]
    public void Every_key_of_the_shipped_files_is_documented()
    {
        using var env = new EnvironmentScope(ConfigTestKit.FakeSecrets);
        string doc = File.ReadAllText(Path.Combine(ConfigTestKit.RepositoryRoot, "docs", "configuration.md"));
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in Expected)
        {
            // The resolved form lists every key with its default, not only those the file spells out.
            var table = SettingsWriter.ToToml(SettingsLoader.Load(Path.Combine(ConfigTestKit.AppSettings, name)));
            CollectKeys(table, keys);
        }
        var undocumented = keys.Where(k => !doc.Contains($"`{k}`", StringComparison.Ordinal)).ToList();
        Assert.That(undocumented, Is.Empty);
        Assert.That(keys, Has.Count.GreaterThan(30), "the walk found the keys");
    }

    private static void CollectKeys(object? value, ISet<string> keys)
    {
        switch (value)
        {
            case TomlTable t:
                foreach (var (key, item) in t)
                {
                    keys.Add(key);
                    CollectKeys(item, keys);
                }
                break;
            case TomlTableArray a:
                foreach (var item in a) CollectKeys(item, keys);
                break;
        }
    }

    [Test]
    public void Live_configs_take_their_keys_from_the_environment()
    {
        using var env = new EnvironmentScope(ConfigTestKit.FakeSecrets);
        var cases = new (string File, string KeyVar, string SecretVar)[]
        {
            ("live-binance-futures.toml", "BINANCE_API_KEY", "BINANCE_API_SECRET"),
            ("live-binance-spot.toml", "BINANCE_SPOT_API_KEY", "BINANCE_SPOT_API_SECRET"),
            ("live-bybit.toml", "BYBIT_API_KEY", "BYBIT_API_SECRET"),
        };
        foreach (var (file, keyVar, secretVar) in cases)
        {
            var settings = SettingsLoader.Load(Path.Combine(ConfigTestKit.AppSettings, file));
            Assert.That(settings.Mode, Is.EqualTo(EngineMode.Live), file);
            var credentials = settings.Venues.Single() switch
            {
                BinanceVenueSettings b => b.Credentials,
                BybitVenueSettings y => y.Credentials,
                _ => null,
            };
            Assert.That(credentials, Is.Not.Null, file);
            Assert.That(credentials!.ApiKey.Reveal(), Is.EqualTo(ConfigTestKit.FakeSecrets[keyVar]), file);
            Assert.That(credentials.ApiSecret.Reveal(), Is.EqualTo(ConfigTestKit.FakeSecrets[secretVar]), file);
        }
    }

    [Test]
    public void Live_configs_fail_when_the_key_variables_are_unset()
    {
        using var env = new EnvironmentScope([]);
        foreach (var name in ConfigTestKit.FakeSecrets.Keys) env.Set(name, null);
        var error = Assert.Throws<ConfigException>(() => SettingsLoader.Load(Path.Combine(ConfigTestKit.AppSettings, "live-bybit.toml")))!;
        Assert.That(error.Problems.Select(p => p.Message), Is.EqualTo(new[]
        {
            "venues[0].api_key: environment variable BYBIT_API_KEY is not set",
            "venues[0].api_secret: environment variable BYBIT_API_SECRET is not set",
        }));
    }

    [Test]
    public void Live_configs_point_at_the_testnets()
    {
        using var env = new EnvironmentScope(ConfigTestKit.FakeSecrets);
        var futures = (BinanceVenueSettings)SettingsLoader.Load(Path.Combine(ConfigTestKit.AppSettings, "live-binance-futures.toml")).Venues.Single();
        Assert.That((futures.Kind, futures.RestUrl.ToString(), futures.WsUrl.ToString()),
            Is.EqualTo((VenueKind.BinanceFutures, "https://demo-fapi.binance.com/", "wss://fstream.binancefuture.com/")));

        var spot = (BinanceVenueSettings)SettingsLoader.Load(Path.Combine(ConfigTestKit.AppSettings, "live-binance-spot.toml")).Venues.Single();
        Assert.That((spot.Kind, spot.RestUrl.ToString(), spot.WsUrl.ToString(), spot.WsApiUrl?.ToString()),
            Is.EqualTo((VenueKind.BinanceSpot, "https://testnet.binance.vision/", "wss://stream.testnet.binance.vision/",
                "wss://ws-api.testnet.binance.vision/ws-api/v3")));

        var bybit = (BybitVenueSettings)SettingsLoader.Load(Path.Combine(ConfigTestKit.AppSettings, "live-bybit.toml")).Venues.Single();
        Assert.That((bybit.RestUrl.ToString(), bybit.PublicWsUrl.ToString(), bybit.PrivateWsUrl.ToString(), bybit.TradeWsUrl.ToString(), bybit.Category),
            Is.EqualTo(("https://api-testnet.bybit.com/", "wss://stream-testnet.bybit.com/v5/public/linear",
                "wss://stream-testnet.bybit.com/v5/private", "wss://stream-testnet.bybit.com/v5/trade", "linear")));

        var paper = SettingsLoader.Load(Path.Combine(ConfigTestKit.AppSettings, "paper.toml"));
        Assert.That(paper.Mode, Is.EqualTo(EngineMode.Paper));
        Assert.That(((BinanceVenueSettings)paper.Venues.Single()).Credentials, Is.Null, "paper trading sends nothing to the venue, so it needs no keys");
    }

    [Test]
    public void Backtest_config_runs_the_sample_with_the_grid_strategy()
    {
        var s = SettingsLoader.Load(Path.Combine(ConfigTestKit.AppSettings, "backtest.toml"));
        var instrument = s.Instruments.Single();
        Assert.Multiple(() =>
        {
            Assert.That(s.Mode, Is.EqualTo(EngineMode.Backtest));
            Assert.That(instrument.ToInstrument(), Is.EqualTo(new Instrument("SIMUSDT", "sim", 0.01, 0.01, ContractKind.Linear, 1.0)));
            // Relative to the config file, not to the working directory.
            Assert.That(instrument.Data, Is.EqualTo(new[] { Path.Combine(ConfigTestKit.RepositoryRoot, "samples", "data", "sample.npz") }));
            Assert.That(s.Backtest, Is.EqualTo(new BacktestSettings(new LatencySettings(LatencyModelKind.Constant, 1.0, 1.0),
                new QueueSettings("risk-averse"), new FeeSettings(-0.00005, 0.0007))));
            var strategy = s.Strategies.Single();
            Assert.That((strategy.Name, strategy.Kind, strategy.OnError), Is.EqualTo(("grid", "grid", Directive.Restart)));
            Assert.That(strategy.Parameters, Is.EqualTo(new Dictionary<string, string>
            {
                ["relative_half_spread"] = "0.0005", ["relative_grid_interval"] = "0.0005", ["grid_num"] = "10",
                ["order_qty"] = "1", ["interval_ms"] = "100",
            }));
            Assert.That(Hft.Strategies.GridTradingSettings.From(strategy.ToParameters()), Is.EqualTo(new Hft.Strategies.GridTradingSettings()),
                "the file spells out hftbacktest's defaults, which are also the strategy's own");
        });
    }
}
