using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hft.Core.Journal;
using Hft.Engine.Tests.Cli;
using Hft.Engine.Tests.Config;

namespace Hft.Engine.Tests.Live;

/// <summary>
/// Crash recovery end to end, with the engine as a separate process against each venue's emulator on 127.0.0.1: a live
/// grid session is killed with SIGKILL at random moments (every other run anywhere from start-up on, the others while
/// quoting, up to 3 s after the start reconciliation) and started
/// again with the same config and journal, each time reconciling with the venue under policy <c>halt</c>: after each
/// restart the engine's open orders (its journal's, brought up to date) and positions must equal the venue's. At the end
/// a last session stops cleanly and cancels, and its position, the journal's fills and the emulator's own counts
/// (fills, open orders, duplicate client ids) must all agree. The suite kills
/// <see cref="KillRuns"/> times per venue (default 3); <c>HFT_KILL_RUNS=100</c> runs the issue's full count.
/// </summary>
[NonParallelizable]
public sealed partial class CrashRecoveryTests : Data.TempDirectoryTest
{
    private const string EqualLine = "open orders and positions equal the venue's";

    private static int KillRuns =>
        int.TryParse(Environment.GetEnvironmentVariable("HFT_KILL_RUNS"), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 3;

    [GeneratedRegex(@"reconciliation \(start\)[^\n]*")]
    private static partial Regex StartReconciliation();

    /// <summary>
    /// The shipped emulator config of <paramref name="venue"/> on <paramref name="port"/> in <paramref name="folder"/>,
    /// reconciling under <paramref name="policy"/> every 5 s, cancelling at the stop or not.
    /// </summary>
    internal static string Config(string folder, int port, string venue, string policy, bool cancelOnStop)
    {
        string path = EmulatorSessionTests.WriteConfig(name => Path.Combine(folder, name), port, venue);
        string text = File.ReadAllText(path).Replace("cancel_on_stop = true", "cancel_on_stop = " + (cancelOnStop ? "true" : "false"), StringComparison.Ordinal);
        File.WriteAllText(path, text + $"\n[reconciliation]\npolicy = \"{policy}\"\nevery_s = 5\n");
        return path;
    }

    internal static BackgroundEngine Emulator(int port, int seconds, string venue) => EmulatorSessionTests.Emulator(port, seconds, venue);

    internal static JsonElement LastJson(string stdout) => EmulatorSessionTests.LastJson(stdout);

    [TestCase("binance-futures")]
    [TestCase("binance-spot")]
    [TestCase("bybit")]
    public void Killed_at_random_moments_and_restarted_the_engine_owns_what_the_venue_says(string venueName)
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("kills the engine with SIGKILL through kill(1)");
        int port = BackgroundEngine.FreePort();
        using var emulator = Emulator(port, 60 + KillRuns * 12, venueName);
        emulator.WaitForPort(port, TimeSpan.FromSeconds(60));
        string config = Config(Dir, port, venueName, "halt", cancelOnStop: false);
        var random = new Random(20261203 + venueName.Length);
        int reconciledRuns = 0;
        for (int run = 0; run < KillRuns; run++)
        {
            using var live = new BackgroundEngine("live", config, "--json");
            if (run % 2 == 0)
            {
                // Anywhere from the middle of start-up (the journal, the reconciliation) to well into quoting.
                Thread.Sleep(TimeSpan.FromMilliseconds(random.Next(400, 5000)));
            }
            else
            {
                // While quoting: up to 3 s after the start reconciliation (start-up takes longer on some venues).
                var started = System.Diagnostics.Stopwatch.StartNew();
                while (!live.Stderr.Contains("reconciliation (start)", StringComparison.Ordinal) && !live.HasExited && started.Elapsed < TimeSpan.FromSeconds(30))
                    Thread.Sleep(20);
                Thread.Sleep(TimeSpan.FromMilliseconds(random.Next(0, 3000)));
            }
            Assert.That(live.HasExited, Is.False, $"run {run} ended by itself:\n{live.Stderr}");
            live.Signal("KILL");
            live.WaitForExit(TimeSpan.FromSeconds(30));
            var lines = StartReconciliation().Matches(live.Stderr).Select(m => m.Value).ToArray();
            if (lines.Length > 0) reconciledRuns++;
            foreach (var line in lines) Assert.That(line, Does.Contain(EqualLine), $"run {run}: after the restart the engine's state differed from the venue's:\n{live.Stderr}");
            TestContext.Out.WriteLine($"run {run}: killed; {(lines.Length > 0 ? lines[0] : "killed before its start reconciliation finished")}");
            foreach (var found in live.Stderr.Split('\n').Where(l => l.Contains("reconciliation: ", StringComparison.Ordinal))) TestContext.Out.WriteLine("    " + found.Trim());
        }
        // The last session: started on the journal of all the killed ones, stopped cleanly with its orders cancelled (an order
        // left open could fill after the engine's exit, and the emulator's counts would rightly differ).
        config = Config(Dir, port, venueName, "halt", cancelOnStop: true);
        var last = EngineProcess.Run("live", config, "--duration", "6", "--json");
        Assert.That(last.ExitCode, Is.Zero, last.Stderr);
        var summary = LastJson(last.Stdout);
        emulator.Signal("INT");
        emulator.WaitForExit(TimeSpan.FromSeconds(60));
        var venue = LastJson(emulator.Stdout);
        var journal = JournalReader.Read(Path.ChangeExtension(config, ".journal"));
        TestContext.Out.WriteLine("last session: " + summary);
        TestContext.Out.WriteLine("emulator: " + venue);
        Assert.Multiple(() =>
        {
            Assert.That(StartReconciliation().Match(last.Stderr).Value, Does.Contain(EqualLine), last.Stderr);
            // A run killed early in start-up never opened the journal; every run that got as far as reconciling is in it.
            Assert.That(summary.GetProperty("recovered").GetProperty("sessions").GetInt32(), Is.InRange(reconciledRuns, KillRuns), "the killed sessions are in the journal");
            Assert.That(summary.GetProperty("reconciliation").GetProperty("failures").GetInt64(), Is.Zero);
            Assert.That(summary.GetProperty("reconciliation").GetProperty("position_differences").GetInt64(), Is.Zero);
            Assert.That(venue.GetProperty("duplicate_client_order_ids").GetInt32(), Is.Zero, "no client order id was sent twice");
            Assert.That(summary.GetProperty("local_open_orders").GetInt32(), Is.Zero, "the engine holds nothing open after its cancels");
            Assert.That(summary.GetProperty("open_orders_at_exit").GetInt32(), Is.Zero);
            Assert.That(venue.GetProperty("open_orders").GetInt32(), Is.Zero, "nothing the engine forgot stays open on the venue");
            Assert.That(journal.Entries.OfType<JournalFillEntry>().LongCount(), Is.EqualTo(venue.GetProperty("fills").GetInt64()),
                "every fill the venue made is in the journal once, across all the killed sessions");
            Assert.That(summary.GetProperty("fills").GetInt64(), Is.EqualTo(venue.GetProperty("fills").GetInt64()), "the rebuilt state counts each fill once");
            double venuePosition = venue.GetProperty("positions").TryGetProperty("SIMUSDT", out var p) ? p.GetDouble() : 0;
            if (venueName != "binance-spot")
                Assert.That(summary.GetProperty("position").GetDouble(), Is.EqualTo(venuePosition).Within(1e-9), "the engine's position is the venue's");
        });
        TestContext.Out.WriteLine($"{KillRuns} kills, {reconciledRuns} of them after the start reconciliation; {venue.GetProperty("fills").GetInt64()} fills");
    }
}
