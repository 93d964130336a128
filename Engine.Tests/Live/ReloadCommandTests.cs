using System.Globalization;
using Hft.Engine.Tests.Cli;
using Hft.Engine.Tests.Plugins;

namespace Hft.Engine.Tests.Live;

/// <summary>
/// <c>reload CONFIG</c> from a second process while <c>live</c> quotes on <c>emulate binance-futures</c> with the
/// sample plugin: changed <c>[strategies.params]</c> replace the running strategy; a config that does not load is
/// refused by the command and the session runs on; the session still stops with nothing open.
/// </summary>
public sealed class ReloadCommandTests : Data.TempDirectoryTest
{
    private static string WithQuoter(string text, int offset)
    {
        int from = text.IndexOf("[[strategies]]", StringComparison.Ordinal);
        int to = text.IndexOf("# Prometheus", StringComparison.Ordinal);
        Assert.That(from >= 0 && to > from, Is.True, "the shipped emulator config changed shape; this test rewrites its strategy");
        string strategy = $"""
            [[strategies]]
            name = "quoter"
            kind = "my_quoter"

            [strategies.params]
            offset_ticks = {offset.ToString(CultureInfo.InvariantCulture)}
            order_qty = 1.0
            interval_ms = 100


            """;
        return "plugins_dir = \"plugins\"\n" + text[..from] + strategy + text[to..];
    }

    [Test]
    public void Changed_parameters_replace_the_running_strategy_and_a_broken_config_is_refused()
    {
        SamplePlugin.CopyTo(PathOf("plugins"));
        int port = BackgroundEngine.FreePort();
        using var emulator = EmulatorSessionTests.Emulator(port, 90);
        emulator.WaitForPort(port, TimeSpan.FromSeconds(60));
        string config = EmulatorSessionTests.WriteConfig(PathOf, port);
        string shipped = File.ReadAllText(config);
        File.WriteAllText(config, WithQuoter(shipped, 0));
        using var live = new BackgroundEngine("live", config, "--duration", "30", "--json");
        WaitFor(() => live.Stderr.Contains("Starting a live session", StringComparison.Ordinal), live, "the session to start");
        Thread.Sleep(3000);

        File.WriteAllText(config, WithQuoter(shipped, -1));
        var broken = EngineProcess.Run("reload", config);
        Assert.That(broken.ExitCode, Is.EqualTo(1), broken.Stderr);
        Assert.That(broken.Stderr, Does.Contain("offset_ticks"));

        File.WriteAllText(config, WithQuoter(shipped, 25));
        var reload = EngineProcess.Run("reload", config, "--strategy", "quoter");
        Assert.That(reload.ExitCode, Is.Zero, reload.Stderr + "\n--- live:\n" + live.Stderr);
        Assert.That(reload.Stderr, Does.Contain("the running session took the reload"));
        WaitFor(() => live.Stderr.Contains("Strategy quoter replaced by my_quoter", StringComparison.Ordinal), live, "the replacement");
        Assert.That(EngineProcess.Run("reload", config, "--strategy", "nosuch").Stderr, Does.Contain("has no strategy named 'nosuch'"));

        live.WaitForExit(TimeSpan.FromSeconds(90));
        Assert.That(live.ExitCode, Is.Zero, live.Stderr);
        var summary = EmulatorSessionTests.LastJson(live.Stdout);
        Assert.That(summary.GetProperty("open_orders_at_exit").GetInt32(), Is.Zero, "no order left behind");
        Assert.That(summary.GetProperty("orders").GetInt64(), Is.GreaterThan(2));
        Assert.That(live.Stderr, Does.Match(@"Strategy quoter replaced by my_quoter from .*\(reload file: strategy=quoter.*\): \d+ open order\(s\) cancelled"));
    }

    private static void WaitFor(Func<bool> condition, BackgroundEngine live, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (live.HasExited || DateTime.UtcNow > deadline) Assert.Fail($"waiting for {what}; live:\n{live.Stderr}");
            Thread.Sleep(100);
        }
    }
}
