using Hft.Backtest.Feed;
using Hft.Backtest.Runs;
using Akka.Actor;
using Hft.Core.Markets;
using Hft.Core.Strategies;
using Hft.Engine.Cli;
using Hft.Engine.Plugins;
using Hft.Engine.Tests.Runtime;
using Hft.Engine.Tests.Data;
using static Hft.Engine.Tests.Venue.Events;

namespace Hft.Engine.Tests.Plugins;

/// <summary>
/// Each way a plugin can be broken gives exactly one readable problem naming the file and the cause, and the good
/// plugin beside it (the sample, in <c>plugins/MyStrategy/</c>) still loads and runs.
/// </summary>
public sealed class PluginFailureTests : TempDirectoryTest
{
    private string Plugins => PathOf("plugins");

    [SetUp]
    public void CreatePluginsFolder()
    {
        Directory.CreateDirectory(Plugins);
        SamplePlugin.CopyTo(Plugins);
    }

    /// <summary>Loads the folder (shown as "plugins" in messages) and returns its single problem; the sample must have loaded.</summary>
    private StrategyRegistry LoadExpectingOneProblem(out PluginLoadProblem problem)
    {
        var registry = StrategyRegistry.Load(Plugins, "plugins");
        Assert.That(registry.Problems, Has.Count.EqualTo(1), string.Join(Environment.NewLine, registry.Problems));
        problem = registry.Problems[0];
        Assert.That(registry.Find(SamplePlugin.StrategyName), Is.Not.Null, "the good plugin still loads");
        Assert.That(registry.Resolve(SamplePlugin.StrategyName, StrategyParameters.Empty)(), Is.Not.Null);
        return registry;
    }

    private static string Shown(params string[] parts) => Path.Combine(["plugins", .. parts]);

    private string EmitStrategy(string name, TestAssemblies.StrategySpec spec)
    {
        string folder = Path.Combine(Plugins, name);
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, name + ".dll");
        TestAssemblies.WriteStrategy(path, spec);
        return path;
    }

    [Test]
    public void A_file_that_is_not_a_dotnet_assembly()
    {
        File.WriteAllBytes(Path.Combine(Plugins, "native.dll"), [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        using var registry = LoadExpectingOneProblem(out var problem);
        Assert.That(problem.File, Is.EqualTo(Shown("native.dll")));
        Assert.That(problem.Message, Does.StartWith("not a .NET assembly"));
    }

    [Test]
    public void A_plugin_whose_dependency_is_missing_and_the_same_plugin_with_it()
    {
        string libraries = PathOf("libraries");
        Directory.CreateDirectory(libraries);
        string helperPath = Path.Combine(libraries, "Missing.Dependency.dll");
        TestAssemblies.WriteLibrary(helperPath, "Missing.Dependency", new Version(1, 2, 0, 0), "Missing.Dependency.Helper", isAbstract: false);
        var helper = TestAssemblies.LoadType(helperPath, "Missing.Dependency.Helper");
        EmitStrategy("NeedsHelper", new("NeedsHelper", "NeedsHelper.Quoter", "needs_helper") { FieldType = helper });

        using (var registry = LoadExpectingOneProblem(out var problem))
        {
            Assert.That(problem.File, Is.EqualTo(Shown("NeedsHelper", "NeedsHelper.dll")));
            Assert.That(problem.Message, Does.StartWith("missing dependency 'Missing.Dependency' (version 1.2.0.0): not in " + Shown("NeedsHelper")));
            Assert.That(registry.Find("needs_helper"), Is.Null);
        }

        // A plugin brings its own dependencies: with the library beside it, it loads.
        File.Copy(helperPath, Path.Combine(Plugins, "NeedsHelper", "Missing.Dependency.dll"));
        using var fixedRegistry = StrategyRegistry.Load(Plugins, "plugins");
        Assert.That(fixedRegistry.Problems, Is.Empty);
        // Plugins load from a copy of their bytes (no file path to compare): the dependency came through the plugin's
        // own load context, which finds it only in the plugin's folder.
        var strategyType = fixedRegistry.Find("needs_helper")!.Descriptor.StrategyType;
        var dependency = strategyType.GetField("Helper")!.FieldType.Assembly;
        Assert.That(System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(dependency), Is.SameAs(System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(strategyType.Assembly))
            .And.Not.SameAs(System.Runtime.Loader.AssemblyLoadContext.Default), "loaded from the plugin's folder by its own context");
        Assert.That(dependency.GetName().Name, Is.EqualTo("Missing.Dependency"));
    }

    [Test]
    public void Two_plugins_declaring_the_same_strategy_name()
    {
        // The sample once more, directly in the folder: loaded first (files before folders), so the folder's copy is refused.
        File.Copy(Path.Combine(SamplePlugin.Folder, "MyStrategy.dll"), Path.Combine(Plugins, "MyStrategy.dll"));
        using var registry = LoadExpectingOneProblem(out var problem);
        Assert.That(problem.File, Is.EqualTo(Shown("MyStrategy", "MyStrategy.dll")));
        Assert.That(problem.Message, Is.EqualTo(
            $"strategy 'my_quoter' (MyStrategy.OneLevelQuoter) is not loaded: the name is already taken by a strategy of {Shown("MyStrategy.dll")} (MyStrategy.OneLevelQuoter); rename one of them"));
        Assert.That(registry.Find("my_quoter")!.Source, Is.EqualTo(Shown("MyStrategy.dll")));
        Assert.That(registry.Plugins, Has.Count.EqualTo(1), "the refused plugin contributed nothing and was unloaded");
    }

    [Test]
    public void A_plugin_strategy_named_like_a_built_in()
    {
        EmitStrategy("MyGrid", new("MyGrid", "MyGrid.Grid", "grid"));
        using var registry = LoadExpectingOneProblem(out var problem);
        Assert.That(problem.File, Is.EqualTo(Shown("MyGrid", "MyGrid.dll")));
        Assert.That(problem.Message, Does.Contain("strategy 'grid' (MyGrid.Grid) is not loaded: the name is already taken by a built-in strategy (Hft.Strategies.GridTrading)"));
        Assert.That(registry.Find("grid")!.IsBuiltIn, Is.True);
    }

    [Test]
    public void A_strategy_whose_constructor_throws()
    {
        EmitStrategy("Thrower", new("Thrower", "Thrower.Broken", "broken") { ConstructorThrows = "no config file found" });
        using var registry = LoadExpectingOneProblem(out var problem);
        Assert.That(problem.ToString(), Is.EqualTo(
            $"{Shown("Thrower", "Thrower.dll")}: strategy 'broken' (Thrower.Broken): its constructor threw InvalidOperationException: no config file found"));
        Assert.That(registry.Find("broken"), Is.Null);
    }

    [Test]
    public void A_plugin_built_against_an_incompatible_Core()
    {
        // A stand-in Hft.Core 99.0 with a Strategy class; the plugin derives from it, so it references Hft.Core 99.0.0.0.
        string libraries = PathOf("libraries");
        Directory.CreateDirectory(libraries);
        string fakeCore = Path.Combine(libraries, "Hft.Core.dll");
        TestAssemblies.WriteLibrary(fakeCore, "Hft.Core", new Version(99, 0, 0, 0), "Hft.Core.Strategies.Strategy", isAbstract: true);
        var fakeStrategy = TestAssemblies.LoadType(fakeCore, "Hft.Core.Strategies.Strategy");
        EmitStrategy("Future", new("Future", "Future.Quoter", null) { BaseType = fakeStrategy });

        using var registry = LoadExpectingOneProblem(out var problem);
        var host = typeof(Strategy).Assembly.GetName().Version!;
        Assert.That(problem.ToString(), Is.EqualTo(
            $"{Shown("Future", "Future.dll")}: built against Hft.Core 99.0.0, but the engine's Hft.Core is {host.Major}.{host.Minor}.{host.Build}; " +
            $"rebuild the plugin against Hft.Core {(host.Major == 0 ? $"0.{host.Minor}" : $"{host.Major}.x (at most {host.Major}.{host.Minor})")}"));
    }

    [TestCase(0, 1, 0, 1, true)]
    [TestCase(0, 1, 0, 2, false)]   // before 1.0 every minor version may break
    [TestCase(1, 2, 1, 4, true)]    // a plugin built on an older minor runs on a newer engine
    [TestCase(1, 4, 1, 2, false)]   // but not the reverse: it may use API the engine lacks
    [TestCase(2, 0, 1, 9, false)]
    public void Core_versions_are_compatible_by_semantic_versioning(int pluginMajor, int pluginMinor, int hostMajor, int hostMinor, bool compatible)
    {
        var reason = CoreCompatibility.Check(new Version(pluginMajor, pluginMinor, 3, 0), new Version(hostMajor, hostMinor, 0, 0));
        Assert.That(reason is null, Is.EqualTo(compatible), reason);
    }

    [Test]
    public void A_folder_without_its_main_assembly_and_a_dll_that_declares_no_strategy()
    {
        Directory.CreateDirectory(Path.Combine(Plugins, "Empty"));
        File.WriteAllText(Path.Combine(Plugins, "Empty", "readme.txt"), "nothing here");
        using (var registry = LoadExpectingOneProblem(out var problem))
        {
            Assert.That(problem.File, Is.EqualTo(Shown("Empty")));
            Assert.That(problem.Message, Does.StartWith("no Empty.dll in this folder"));
        }
        Directory.Delete(Path.Combine(Plugins, "Empty"), recursive: true);

        EmitStrategy("NoAttribute", new("NoAttribute", "NoAttribute.Quoter", null));
        using (var registry = LoadExpectingOneProblem(out var problem))
        {
            Assert.That(problem.File, Is.EqualTo(Shown("NoAttribute", "NoAttribute.dll")));
            Assert.That(problem.Message, Does.StartWith("declares no strategy"));
        }
    }

    [Test]
    public void A_strategy_attribute_on_a_class_that_is_not_a_strategy()
    {
        EmitStrategy("NotAStrategy", new("NotAStrategy", "NotAStrategy.Thing", "thing") { BaseType = typeof(object) });
        using var registry = LoadExpectingOneProblem(out var problem);
        Assert.That(problem.ToString(), Is.EqualTo(
            $"{Shown("NotAStrategy", "NotAStrategy.dll")}: NotAStrategy.Thing: [Strategy(\"thing\")] is on a type that does not derive from Hft.Core.Strategies.Strategy"));
    }

    [Test]
    public void Every_failure_at_once_gives_one_problem_each_and_the_good_plugin_runs()
    {
        File.WriteAllText(Path.Combine(Plugins, "notes.dll"), "not a dll");
        EmitStrategy("Thrower", new("Thrower", "Thrower.Broken", "broken") { ConstructorThrows = "boom" });
        EmitStrategy("MyGrid", new("MyGrid", "MyGrid.Grid", "grid"));
        Directory.CreateDirectory(Path.Combine(Plugins, "Empty"));

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = StrategiesCommand.Run(Plugins, json: false, stdout, stderr);
        var lines = stderr.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(1), "a plugin problem makes the listing fail");
            Assert.That(lines, Has.Length.EqualTo(4));
            Assert.That(lines, Has.Some.StartsWith($"error: {Path.Combine(Plugins, "notes.dll")}: not a .NET assembly"));
            Assert.That(lines, Has.Some.StartsWith($"error: {Path.Combine(Plugins, "Thrower", "Thrower.dll")}: strategy 'broken'"));
            Assert.That(lines, Has.Some.StartsWith($"error: {Path.Combine(Plugins, "MyGrid", "MyGrid.dll")}: strategy 'grid'"));
            Assert.That(lines, Has.Some.StartsWith($"error: {Path.Combine(Plugins, "Empty")}: no Empty.dll"));
            Assert.That(stdout.ToString(), Does.Contain("my_quoter  ("));
        });
    }

    [Test]
    public void A_broken_plugin_does_not_invalidate_a_config_using_a_good_one_and_check_warns_about_it()
    {
        File.WriteAllText(Path.Combine(Plugins, "notes.dll"), "not a dll");
        // No plugins_dir: the plugins/ folder beside the file is used.
        string config = PathOf("run.toml");
        File.WriteAllText(config, """
            mode = "backtest"

            [[instruments]]
            symbol = "SIMUSDT"
            tick_size = 0.01
            lot_size = 0.01

            [[strategies]]
            kind = "my_quoter"
            """);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = CheckCommand.Run(config, stdout, stderr);
        Assert.That(exit, Is.EqualTo(0), stderr.ToString());
        Assert.That(stderr.ToString().Trim(), Does.StartWith($"warning: plugin not loaded: {Path.Combine(Plugins, "notes.dll")}: not a .NET assembly"));
        Assert.That(stdout.ToString(), Does.Contain("kind = \"my_quoter\"").And.Contain($"plugins_dir = \"{Plugins}\""));
    }

    [TestCase(Directive.Stop, 1)]
    [TestCase(Directive.Restart, 11)]   // ten restarts in a run are allowed, then it is stopped
    public void A_plugin_strategy_that_throws_while_running_follows_the_supervision_directive(Directive directive, int failures)
    {
        EmitStrategy("Starter", new("Starter", "Starter.Failing", "failing") { OnStartThrows = "plugin bug" });
        using var registry = StrategyRegistry.Load(Plugins);
        using var log = new LogCapture(TestActorSystems.Shared);
        const long t0 = 1_000_000_000;
        var rows = new[] { Bid(t0, 100.0, 5), Ask(t0, 100.1, 5), Bid(t0 + 1_000_000, 99.9, 1), Bid(t0 + 2_000_000, 99.8, 1) };
        var setup = new BacktestSetup
        {
            Instruments = [new InstrumentSetup(new Instrument("T", "sim", 0.1, 1.0), () => new MemoryBlockSource(rows, blockRows: 2))],
            Strategies = [new StrategySetup("failing", registry.Resolve("failing", StrategyParameters.Empty))],
            OnStrategyError = directive,
            System = TestActorSystems.Shared,
        };
        using var run = new BacktestRun(setup);
        var result = run.Execute();
        Assert.That(result.Events, Is.EqualTo(4), "the run completes");
        Assert.That(log.Lines().Count(l => l == $"ERR {run.Root.Path}/strategies/failing: plugin bug"), Is.EqualTo(failures));
    }
}
