using System.Globalization;
using Hft.Engine.Tests.Cli;

namespace Hft.Engine.Tests.Live;

/// <summary>
/// <c>reset-breakers CONFIG</c> from a second process clears the tripped breaker of a running <c>live</c> session against
/// the futures emulator: the session's report shows the trip, then the reset with who asked; without a session the
/// command says nobody took it and leaves no stale file.
/// </summary>
[NonParallelizable]
public sealed class BreakerResetCommandTests : Data.TempDirectoryTest
{
    [Test]
    public void A_tripped_breaker_is_reset_from_a_second_process_and_the_report_says_so()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("runs the engine as processes side by side");
        int port = BackgroundEngine.FreePort();
        using var emulator = CrashRecoveryTests.Emulator(port, 90, "binance-futures");
        emulator.WaitForPort(port, TimeSpan.FromSeconds(60));
        string config = CrashRecoveryTests.Config(Dir, port, "binance-futures", "adjust", cancelOnStop: true);
        // The smallest drawdown trips on the first fee; no cool-down, so only a reset lifts it.
        File.AppendAllText(config, "\n[risk.breakers]\ndrawdown = 0.000001\n");
        using var live = new BackgroundEngine("live", config, "--duration", "20", "--json");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!live.Stderr.Contains("circuit breaker drawdown tripped", StringComparison.Ordinal) && !live.HasExited && watch.Elapsed < TimeSpan.FromSeconds(40))
            Thread.Sleep(50);
        Assert.That(live.Stderr, Does.Contain("circuit breaker drawdown tripped"), live.Stderr);
        var reset = EngineProcess.Run("reset-breakers", config);
        Assert.That(reset.ExitCode, Is.Zero, reset.Stderr);
        Assert.That(reset.Stderr, Does.Contain("took the reset"));
        live.WaitForExit(TimeSpan.FromSeconds(60));
        Assert.That(live.ExitCode, Is.Zero, live.Stderr);
        var summary = CrashRecoveryTests.LastJson(live.Stdout);
        var trips = summary.GetProperty("breaker_trips").EnumerateArray()
            .Select(t => (t.GetProperty("breaker").GetString(), t.GetProperty("reason").GetString())).ToArray();
        TestContext.Out.WriteLine(string.Join(Environment.NewLine, trips));
        Assert.Multiple(() =>
        {
            Assert.That(trips[0].Item1, Is.EqualTo("drawdown"));
            Assert.That(trips, Has.Some.Matches<(string?, string?)>(t => t.Item1 == "reset" && t.Item2!.Contains("reset-breakers", StringComparison.Ordinal)),
                "the reset is in the report with who asked");
            Assert.That(File.Exists(Path.ChangeExtension(config, ".reset")), Is.False, "the session took the file");
        });
    }

    [Test]
    public void Without_a_running_session_nobody_takes_it_and_no_stale_file_is_left()
    {
        string config = CrashRecoveryTests.Config(Dir, 1, "binance-futures", "adjust", cancelOnStop: true);
        var reset = EngineProcess.Run("reset-breakers", config, "--timeout", "0.3");
        Assert.That(reset.ExitCode, Is.EqualTo(1));
        Assert.That(reset.Stderr, Does.Contain("no running session"));
        Assert.That(File.Exists(Path.ChangeExtension(config, ".reset")), Is.False);
    }
}
