using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Text.Json;
using Hft.Backtest.Data.Synthetic;
using Hft.Backtest.Feed;
using Hft.Backtest.Models.Fees;
using Hft.Backtest.Runs;
using Hft.Core.Markets;
using Hft.Core.Strategies;
using Hft.Engine.Cli;
using Hft.Engine.Config;
using Hft.Engine.Plugins;
using Hft.Engine.Tests.Runtime;
using Hft.Engine.Tests.Cli;
using Hft.Engine.Tests.Data;

namespace Hft.Engine.Tests.Plugins;

/// <summary>
/// The sample plugin (<c>samples/MyStrategy</c>), built with <c>dotnet publish</c> as its README says, dropped into a
/// temporary plugins folder: found, listed, bound from parameters and TOML, run in a backtest, and unloaded.
/// </summary>
public sealed class PluginLoadingTests : TempDirectoryTest
{
    private string Plugins => PathOf("plugins");

    [SetUp]
    public void CreatePluginsFolder()
    {
        Directory.CreateDirectory(Plugins);
        SamplePlugin.CopyTo(Plugins);
    }

    [Test]
    public void The_published_sample_holds_the_plugin_but_not_its_own_copy_of_Hft_Core()
    {
        var files = Directory.GetFiles(SamplePlugin.Folder).Select(Path.GetFileName).ToList();
        Assert.That(files, Does.Contain("MyStrategy.dll").And.Contain("MyStrategy.deps.json"));
        Assert.That(files, Does.Not.Contain("Hft.Core.dll"), "the engine's Hft.Core is shared, so the plugin must not ship one");
    }

    [Test]
    public void The_plugin_strategy_is_found_with_its_parameters_in_its_own_collectible_context()
    {
        using var registry = StrategyRegistry.Load(Plugins, "plugins");
        Assert.That(registry.Problems, Is.Empty);
        var entry = registry.Find(SamplePlugin.StrategyName)!;
        Assert.That(entry, Is.Not.Null);
        Assert.That(entry.Source, Is.EqualTo(Path.Combine("plugins", "MyStrategy", "MyStrategy.dll")));
        Assert.That(entry.IsBuiltIn, Is.False);
        Assert.That(registry.Names, Is.EqualTo(new[] { "glft", "grid", "idle", "my_quoter", "obi" }));
        Assert.That(entry.Descriptor.Parameters.Select(p => (p.Name, p.Type, p.Default)), Is.EqualTo(new[]
        {
            ("offset_ticks", "integer", "0"), ("order_qty", "number", "1"), ("max_position", "number", "5"),
            ("interval_ms", "integer", "100"), ("instrument", "integer", "0"),
        }));
        Assert.That(entry.Descriptor.Parameters.All(p => p.Description.Length > 0), Is.True);

        var context = AssemblyLoadContext.GetLoadContext(entry.Descriptor.StrategyType.Assembly)!;
        Assert.That(context, Is.Not.SameAs(AssemblyLoadContext.Default));
        Assert.That(context.IsCollectible, Is.True);
        // Hft.Core is the engine's: the plugin's base class is this very Strategy type.
        Assert.That(entry.Descriptor.StrategyType.BaseType, Is.SameAs(typeof(Strategy)));
    }

    [Test]
    public void Parameters_are_bound_once_and_a_typo_is_reported_with_a_suggestion()
    {
        using var registry = StrategyRegistry.Load(Plugins);
        var entry = registry.Find(SamplePlugin.StrategyName)!;
        var settings = entry.Descriptor.BindSettings(StrategyParameters.Parse(["offset_ticks=3", "order_qty=0.5"]))!;
        Assert.That(settings.ToString(), Does.Contain("OffsetTicks = 3").And.Contain("OrderQuantity = 0.5"));
        Assert.That(() => registry.Resolve(SamplePlugin.StrategyName, StrategyParameters.Parse(["ofset_ticks=3"])),
            Throws.TypeOf<StrategyParameterException>().With.Message.Contains("did you mean 'offset_ticks'"));
        Assert.That(() => registry.Resolve(SamplePlugin.StrategyName, StrategyParameters.Parse(["offset_ticks=-1"])),
            Throws.TypeOf<StrategyParameterException>().With.Message.EqualTo("parameter 'offset_ticks': must be 0 or more"));
    }

    [Test]
    public void A_plugin_strategy_runs_a_backtest_and_its_context_is_collected_after_unloading()
    {
        string data = PathOf("market.npz");
        SyntheticMarket.WriteFile(data, new SyntheticMarketOptions(30_000, 7));
        var holder = new StrongBox<StrategyRegistry?>(StrategyRegistry.Load(Plugins));
        var (weak, events, fills) = Run(holder.Value!, data);
        Assert.That(events, Is.EqualTo(30_000));
        Assert.That(fills, Is.GreaterThan(0), "the quoter trades on the synthetic market");

        Collect(weak);
        Assert.That(weak.IsAlive, Is.True, "while the registry holds the plugin, it stays loaded");

        holder.Value!.Dispose();
        holder.Value = null;
        Collect(weak);
        Assert.That(weak.IsAlive, Is.False, "something still holds the plugin after the run and the unload");
    }

    private static void Collect(WeakReference weak)
    {
        for (int i = 0; weak.IsAlive && i < 100; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Thread.Sleep(5);
        }
    }

    // Everything that touches the plugin's types stays in this frame, so nothing on the test's stack keeps them alive.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference Context, long Events, long Fills) Run(StrategyRegistry registry, string data)
    {
        var factory = registry.Resolve(SamplePlugin.StrategyName, StrategyParameters.Parse(["offset_ticks=1"]));
        var options = new SyntheticMarketOptions(1, 1);
        var setup = new BacktestSetup
        {
            Instruments = [new InstrumentSetup(new Instrument("SIMUSDT", "sim", options.TickSize, options.LotSize), () => new FileBlockSource([data]))],
            Strategies = [new StrategySetup(SamplePlugin.StrategyName, factory)],
            Fees = new TradingValueFeeModel(-0.00005, 0.0007),
            System = TestActorSystems.Shared,
        };
        BacktestResult result;
        using (var run = new BacktestRun(setup))
        {
            Assert.That(run.StrategyRefs.Single().Path.ToStringWithoutAddress(), Is.EqualTo(run.Root.Path.ToStringWithoutAddress() + "/strategies/my_quoter"));
            result = run.Execute();
        }
        return (registry.Plugins.Single().ContextReference(), result.Events, result.Fills);
    }

    [Test]
    public void The_strategies_command_lists_built_ins_and_the_plugin_with_parameters()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = StrategiesCommand.Run(Plugins, json: false, stdout, stderr);
        string text = stdout.ToString();
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(0), stderr.ToString());
            Assert.That(stderr.ToString(), Is.Empty);
            Assert.That(text, Does.Contain("grid  (built-in)").And.Contain("glft  (built-in)").And.Contain("obi  (built-in)"));
            Assert.That(text, Does.Contain($"my_quoter  ({Path.Combine(Plugins, "MyStrategy", "MyStrategy.dll")})"));
            Assert.That(text, Does.Contain("sample plugin: one post-only bid and ask offset_ticks outside the touch"));
            Assert.That(text, Does.Match(@"offset_ticks\s+integer\s+0\s+ticks between the touch and each quote"));
            Assert.That(text, Does.Match(@"relative_half_spread\s+number\s+0\.0005\s+half spread as a fraction of mid"));
            Assert.That(text, Does.Match(@"min_grid_step\s+number\s+one tick\s+smallest grid interval"));
        });

        var json = new StringWriter();
        Assert.That(StrategiesCommand.Run(Plugins, json: true, json, TextWriter.Null), Is.EqualTo(0));
        using var doc = JsonDocument.Parse(json.ToString());
        var quoter = doc.RootElement.GetProperty("strategies").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "my_quoter");
        var first = quoter.GetProperty("parameters")[0];
        Assert.That((first.GetProperty("name").GetString(), first.GetProperty("type").GetString(), first.GetProperty("default").GetString()),
            Is.EqualTo(("offset_ticks", "integer", "0")));
        Assert.That(doc.RootElement.GetProperty("problems").GetArrayLength(), Is.Zero);
    }

    [Test]
    public void A_config_binds_plugin_parameters_from_its_table_and_reports_typos_at_their_key()
    {
        string Config(string parameters) => $"""
            mode = "backtest"
            plugins_dir = "plugins"

            [[instruments]]
            symbol = "SIMUSDT"
            tick_size = 0.01
            lot_size = 0.01

            [[strategies]]
            kind = "my_quoter"

            [strategies.params]
            {parameters}
            """;
        string good = PathOf("good.toml");
        File.WriteAllText(good, Config("offset_ticks = 2\norder_qty = 0.5"));
        var settings = SettingsLoader.Load(good);
        Assert.That(settings.PluginsDir, Is.EqualTo(Path.GetFullPath(Plugins)));
        Assert.That(settings.Strategies.Single().Kind, Is.EqualTo("my_quoter"));
        Assert.That(SettingsWriter.Write(settings), Does.Contain($"plugins_dir = \"{Path.GetFullPath(Plugins)}\""));

        string bad = PathOf("bad.toml");
        File.WriteAllText(bad, Config("offset_tiks = 2"));
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Load(bad))!;
        Assert.That(e.Problems.Single().ToString(), Does.StartWith($"{bad}:13:1: strategies[0].params.offset_tiks: strategy 'my_quoter' has no parameter 'offset_tiks' (did you mean 'offset_ticks'?)"));

        string missing = PathOf("missing.toml");
        File.WriteAllText(missing, Config("").Replace("plugins_dir = \"plugins\"", "plugins_dir = \"nowhere\""));
        var m = Assert.Throws<ConfigException>(() => SettingsLoader.Load(missing))!;
        Assert.That(m.Problems.Select(p => p.ToString()), Has.Some.StartsWith($"{missing}:2:15: plugins_dir: no such directory"));
        Assert.That(m.Problems.Select(p => p.ToString()), Has.Some.Contains("unknown strategy 'my_quoter'"));
    }

    [Test]
    public void The_engine_runs_a_plugin_strategy_from_the_command_line_and_from_a_config_beside_the_plugins_folder()
    {
        string data = PathOf("market.npz");
        SyntheticMarket.WriteFile(data, new SyntheticMarketOptions(20_000, 3));
        var (exit, stdout, stderr) = EngineProcess.Run("backtest", data, "--plugins", Plugins, "--strategy", "my_quoter", "--param", "offset_ticks=1", "--json");
        Assert.That(exit, Is.EqualTo(0), stderr);
        using (var doc = JsonDocument.Parse(stdout))
        {
            Assert.That(doc.RootElement.GetProperty("strategy").GetString(), Is.EqualTo("my_quoter"));
            Assert.That(doc.RootElement.GetProperty("events").GetInt64(), Is.EqualTo(20_000));
            Assert.That(doc.RootElement.GetProperty("fills").GetInt64(), Is.GreaterThan(0));
        }

        // No plugins_dir and no --plugins: the plugins/ folder beside the config file is used.
        string config = PathOf("run.toml");
        File.WriteAllText(config, """
            mode = "backtest"

            [[instruments]]
            symbol = "SIMUSDT"
            tick_size = 0.01
            lot_size = 0.01
            data = ["market.npz"]

            [[strategies]]
            name = "quoter"
            kind = "my_quoter"
            on_error = "stop"

            [strategies.params]
            order_qty = 0.5
            """);
        var fromConfig = EngineProcess.Run("backtest", "--config", config, "--json");
        Assert.That(fromConfig.ExitCode, Is.EqualTo(0), fromConfig.Stderr);
        using var result = JsonDocument.Parse(fromConfig.Stdout);
        Assert.That(result.RootElement.GetProperty("strategy").GetString(), Is.EqualTo("quoter"));
        Assert.That(result.RootElement.GetProperty("fills").GetInt64(), Is.GreaterThan(0));
    }
}
