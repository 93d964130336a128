using System.Text.Json;
using Hft.Engine.Tests.Cli;

namespace Hft.Engine.Tests.Live;

/// <summary>
/// <c>paper --out DIR --record REC</c> against <c>emulate binance-futures</c>: the session writes its run as a backtest's
/// <c>--out</c> does, the recording is backtested with the same strategy, and <c>compare</c> sets the two side by side.
/// </summary>
public sealed class LiveRunFilesTests : Data.TempDirectoryTest
{
    [Test]
    public void A_paper_run_is_written_like_a_backtest_and_compares_with_the_backtest_of_its_recording()
    {
        int port = BackgroundEngine.FreePort();
        using var emulator = EmulatorSessionTests.Emulator(port, 60);
        emulator.WaitForPort(port, TimeSpan.FromSeconds(60));
        string config = EmulatorSessionTests.WriteConfig(PathOf, port);
        string run = PathOf("paper-run");
        var paper = EngineProcess.Run("paper", config, "--duration", "8", "--record", PathOf("recorded"), "--out", run, "--json");
        Assert.That(paper.ExitCode, Is.Zero, paper.Stderr);
        foreach (var file in new[] { "summary.json", "report.html", "equity.csv", "orders.csv", "fills.csv" })
            Assert.That(File.Exists(Path.Combine(run, file)), Is.True, file);
        var printed = EmulatorSessionTests.LastJson(paper.Stdout);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json")));
        Assert.That(File.ReadAllLines(Path.Combine(run, "orders.csv")).Length - 1, Is.GreaterThanOrEqualTo(printed.GetProperty("orders").GetInt64()),
            "every order the session sent is in orders.csv (a row per change)");
        Assert.That(File.ReadAllLines(Path.Combine(run, "equity.csv")).Length, Is.GreaterThan(10), "equity sampled through the session");
        Assert.That(paper.Stderr, Does.Contain("Wrote summary.json"));

        string npz = Directory.GetFiles(PathOf("recorded"), "*.npz", SearchOption.AllDirectories).Single();
        var backtest = EngineProcess.Run("backtest", npz, "--strategy", "grid", "--param", "relative_half_spread=0.0005", "--param", "relative_grid_interval=0.0005",
            "--param", "grid_num=10", "--param", "order_qty=1.0", "--param", "interval_ms=100", "--out", PathOf("backtest-run"));
        Assert.That(backtest.ExitCode, Is.Zero, backtest.Stderr);
        var compare = EngineProcess.Run("compare", run, PathOf("backtest-run"), "--json");
        Assert.That(compare.ExitCode, Is.Zero, compare.Stderr);
        using var table = JsonDocument.Parse(compare.Stdout);
        var runs = table.RootElement.GetProperty("runs");
        Assert.That(runs.GetArrayLength(), Is.EqualTo(2));
        TestContext.Out.WriteLine(compare.Stdout);
        Assert.That(summary.RootElement.ToString(), Does.Contain("paper session"), "the run says what it was");
    }
}
