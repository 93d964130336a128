using System.Globalization;
using System.Text.Json;
using Hft.Engine.Tests.Cli;
using Hft.Engine.Tests.Config;

namespace Hft.Engine.Tests.Live;

/// <summary>
/// End to end over real sockets on 127.0.0.1: <c>emulate VENUE</c> replays the bundled sample as the venue, and
/// <c>live</c>, <c>paper</c> and <c>record</c> run the shipped emulator config of that venue against it as separate processes.
/// The suite runs sessions of <see cref="SessionSeconds"/> (default 15 s); <c>HFT_E2E_SECONDS=60</c> runs the issue's
/// full minute.
/// </summary>
[NonParallelizable]
public sealed class EmulatorSessionTests : Data.TempDirectoryTest
{
    private static int SessionSeconds =>
        int.TryParse(Environment.GetEnvironmentVariable("HFT_E2E_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out int s) && s > 0 ? s : 15;

    private static string Sample => Path.Combine(ConfigTestKit.RepositoryRoot, "samples", "data", "sample.npz");

    /// <summary>The shipped emulator config of <paramref name="venue"/>, pointed at <paramref name="port"/>, logging into the test's folder.</summary>
    private string Config(int port, string venue = "binance-futures") => WriteConfig(PathOf, port, venue);

    /// <summary>
    /// Writes the shipped emulator config of <paramref name="venue"/>, pointed at <paramref name="port"/>, logging into
    /// <c>runs/</c> of a test's folder (<paramref name="pathOf"/> maps a name into it); returns its path.
    /// </summary>
    internal static string WriteConfig(Func<string, string> pathOf, int port, string venue = "binance-futures")
    {
        string defaultPort = venue switch { "binance-spot" => "18092", "bybit" => "18093", _ => "18091" };
        string text = File.ReadAllText(Path.Combine(ConfigTestKit.AppSettings, $"emulator-{venue}.toml"))
            .Replace("127.0.0.1:" + defaultPort, "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace($"../runs/emulator-{venue}", pathOf("runs").Replace('\\', '/'), StringComparison.Ordinal);
        string path = pathOf($"emulator-{venue}.toml");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary><c>emulate VENUE</c> on <paramref name="port"/>, replaying the bundled sample for <paramref name="seconds"/> s, as a process.</summary>
    internal static BackgroundEngine Emulator(int port, int seconds, string venue = "binance-futures") =>
        new("emulate", venue, "--port", port.ToString(CultureInfo.InvariantCulture), "--data", Sample,
            "--duration", seconds.ToString(CultureInfo.InvariantCulture), "--json");

    /// <summary>The last JSON line a command printed.</summary>
    internal static JsonElement LastJson(string stdout)
    {
        string line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last(l => l.StartsWith('{'));
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    [TestCase("binance-futures")]
    [TestCase("binance-spot")]
    [TestCase("bybit")]
    public void Live_grid_session_quotes_fills_and_stops_with_nothing_open_and_the_venue_s_position(string venueName)
    {
        int port = BackgroundEngine.FreePort();
        using var emulator = Emulator(port, SessionSeconds + 40, venueName);
        emulator.WaitForPort(port, TimeSpan.FromSeconds(60));
        var live = EngineProcess.Run("live", Config(port, venueName), "--duration", SessionSeconds.ToString(CultureInfo.InvariantCulture), "--json");
        Assert.That(live.ExitCode, Is.Zero, live.Stderr);
        var summary = LastJson(live.Stdout);
        emulator.Signal("INT");
        emulator.WaitForExit(TimeSpan.FromSeconds(60));
        Assert.That(emulator.ExitCode, Is.Zero, emulator.Stderr);
        var venue = LastJson(emulator.Stdout);
        TestContext.Out.WriteLine("live: " + summary);
        TestContext.Out.WriteLine("emulator: " + venue);
        Assert.Multiple(() =>
        {
            Assert.That(summary.GetProperty("mode").GetString(), Is.EqualTo("live"));
            Assert.That(venue.GetProperty("venue").GetString(), Is.EqualTo(venueName));
            Assert.That(summary.GetProperty("events").GetInt64(), Is.GreaterThan(0), "market data reached the books");
            Assert.That(summary.GetProperty("orders").GetInt64(), Is.GreaterThan(0), "the grid quoted");
            Assert.That(summary.GetProperty("open_orders_at_exit").GetInt32(), Is.Zero);
            Assert.That(venue.GetProperty("open_orders").GetInt32(), Is.Zero, "the emulator holds nothing open after the stop");
            Assert.That(venue.GetProperty("duplicate_client_order_ids").GetInt32(), Is.Zero);
            // Orders the strategy made but the rate limit still held back at the stop are never sent.
            Assert.That(venue.GetProperty("orders_received").GetInt64(), Is.LessThanOrEqualTo(summary.GetProperty("orders").GetInt64()));
            Assert.That(venue.GetProperty("orders_received").GetInt64(), Is.GreaterThan(0));
            double venuePosition = venue.GetProperty("positions").TryGetProperty("SIMUSDT", out var p) ? p.GetDouble() : 0;
            Assert.That(summary.GetProperty("position").GetDouble(), Is.EqualTo(venuePosition).Within(1e-9), "the engine's position is the venue's");
            Assert.That(summary.GetProperty("fills").GetInt64(), Is.EqualTo(venue.GetProperty("fills").GetInt64()), "every fill the venue made was counted once");
        });
        // The journal beside the config holds the session: its start, every fill the venue made, its stop.
        var journal = Hft.Core.Journal.JournalReader.Read(PathOf($"emulator-{venueName}.journal"));
        Assert.Multiple(() =>
        {
            Assert.That(journal.TornTailAt, Is.Null);
            Assert.That(journal.Entries[0], Is.TypeOf<Hft.Core.Journal.JournalSessionEntry>().With.Property("Started").True);
            Assert.That(journal.Entries[^1], Is.TypeOf<Hft.Core.Journal.JournalSessionEntry>().With.Property("Started").False);
            Assert.That(journal.Entries.OfType<Hft.Core.Journal.JournalFillEntry>().LongCount(), Is.EqualTo(venue.GetProperty("fills").GetInt64()));
            Assert.That(journal.Entries.OfType<Hft.Core.Journal.JournalOrderEntry>().Select(o => o.OrderId).Distinct().LongCount(), Is.GreaterThan(0));
            Assert.That(summary.GetProperty("journal").GetProperty("records").GetInt64(), Is.EqualTo(journal.Entries.Count));
        });
        // Keys and signatures appear in no output: standard output, standard error, the log file.
        string everything = live.Stdout + live.Stderr + File.ReadAllText(PathOf("runs/engine.log"));
        Assert.That(everything, Does.Not.Contain("hft-emulator-api-secret"));
        Assert.That(everything, Does.Not.Contain("hft-emulator-api-key"));
        Assert.That(everything, Does.Not.Contain("signature="));
    }

    [Test]
    public void Sigterm_stops_a_live_session_gracefully()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("sends SIGTERM with kill(1)");
        int port = BackgroundEngine.FreePort();
        using var emulator = Emulator(port, 90);
        emulator.WaitForPort(port, TimeSpan.FromSeconds(60));
        using var live = new BackgroundEngine("live", Config(port), "--json");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!live.Stderr.Contains("book synced", StringComparison.Ordinal) && watch.Elapsed < TimeSpan.FromSeconds(60) && !live.HasExited) Thread.Sleep(50);
        Assert.That(live.HasExited, Is.False, live.Stderr);
        Thread.Sleep(3000);
        live.Signal("TERM");
        live.WaitForExit(TimeSpan.FromSeconds(60));
        Assert.That(live.ExitCode, Is.Zero, live.Stderr);
        var summary = LastJson(live.Stdout);
        Assert.That(summary.GetProperty("open_orders_at_exit").GetInt32(), Is.Zero, live.Stderr);
    }

    [Test]
    public async Task Kill_from_a_second_process_halts_the_running_session_and_leaves_nothing_open()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("stops the session with SIGINT through kill(1)");
        int port = BackgroundEngine.FreePort();
        using var emulator = Emulator(port, 120);
        emulator.WaitForPort(port, TimeSpan.FromSeconds(60));
        string config = Config(port);
        // Nothing is cancelled at the stop: whatever is not open at the end, the kill switch cancelled.
        File.WriteAllText(config, File.ReadAllText(config).Replace("cancel_on_stop = true", "cancel_on_stop = false", StringComparison.Ordinal));
        using var venue = new Hft.Exchanges.Binance.Common.BinanceKillSwitchVenue("binance-futures", new Hft.Exchanges.Binance.Futures.FuturesMarket(
            new Hft.Exchanges.Binance.Common.BinanceGatewayOptions
            {
                Name = "binance-futures", RestUrl = new Uri($"http://127.0.0.1:{port}"), WsUrl = new Uri($"ws://127.0.0.1:{port}"), Trading = true,
                ApiKey = Hft.Exchanges.Emulators.EmulatorCredentials.ApiKey, ApiSecret = Hft.Exchanges.Emulators.EmulatorCredentials.ApiSecret,
            }));
        Assert.That(await venue.Connect(), Is.Null);
        using var live = new BackgroundEngine("live", config, "--json");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        int open = 0;
        while (watch.Elapsed < TimeSpan.FromSeconds(60) && !live.HasExited && (open = (await venue.OpenOrders("SIMUSDT")).Open ?? 0) < 5) await Task.Delay(200);
        Assert.That(open, Is.GreaterThanOrEqualTo(5), "the grid quoted: " + live.Stderr);

        var kill = EngineProcess.Run("kill", config, "--json");
        TestContext.Out.WriteLine($"kill with {open} open orders: " + kill.Stdout.Trim() + " | " + kill.Stderr.Trim());
        Assert.That(kill.ExitCode, Is.Zero, kill.Stdout + kill.Stderr);
        var report = LastJson(kill.Stdout);
        Assert.That(report.GetProperty("open_orders").GetInt32(), Is.Zero);
        Assert.That(report.GetProperty("succeeded").GetBoolean(), Is.True);
        Assert.That(File.Exists(PathOf("emulator-binance-futures.kill")), Is.True, "the kill file beside the config");

        // The session saw the file and halted: it quotes no more.
        Thread.Sleep(2000);
        Assert.That((await venue.OpenOrders("SIMUSDT")).Open, Is.Zero, "nothing open 2 s after the kill");
        Assert.That(live.HasExited, Is.False, "the session keeps running, halted");
        live.Signal("INT");
        live.WaitForExit(TimeSpan.FromSeconds(60));
        Assert.That(live.ExitCode, Is.Zero, live.Stderr);
        var summary = LastJson(live.Stdout);
        Assert.Multiple(() =>
        {
            Assert.That(live.Stderr, Does.Contain("Kill switch engaged"));
            Assert.That(summary.GetProperty("kill_switch").GetString(), Does.StartWith("kill file ").And.Contain("engaged by kill at"));
            Assert.That(summary.GetProperty("open_orders_at_exit").GetInt32(), Is.Zero);
            Assert.That(Hft.Core.Journal.JournalReader.Read(PathOf("emulator-binance-futures.journal")).Entries.OfType<Hft.Core.Journal.JournalTradingStateEntry>()
                .Select(t => t.Cause), Does.Contain("kill_switch"), "the journal records the halt");
        });

        // While the file is there, live does not start; once it is removed, it does.
        var refused = EngineProcess.Run("live", config, "--duration", "1");
        Assert.That(refused.ExitCode, Is.EqualTo(1));
        Assert.That(refused.Stderr, Does.Contain("the kill switch is engaged").And.Contain("emulator-binance-futures.kill"));
    }

    [Test]
    public void A_damaged_journal_stops_live_before_it_connects_naming_the_file_and_the_byte()
    {
        string config = Config(BackgroundEngine.FreePort());
        string journal = PathOf("emulator-binance-futures.journal");
        using (var j = Hft.Core.Journal.JournalWriter.Open(journal))
        {
            for (int i = 0; i < 3; i++) j.OnSession(i, true, "earlier");
        }
        var second = Hft.Core.Journal.JournalReader.Read(journal).Entries[1].Offset;
        byte[] bytes = File.ReadAllBytes(journal);
        bytes[second + 10] ^= 0x20;
        File.WriteAllBytes(journal, bytes);
        var live = EngineProcess.Run("live", config, "--duration", "1");
        Assert.That(live.ExitCode, Is.EqualTo(1), live.Stderr);
        Assert.That(live.Stderr, Does.Contain(journal).And.Contain($"byte {second}").And.Contain("rebuild_from_venue"));
        Assert.That(File.ReadAllBytes(journal), Is.EqualTo(bytes), "the damaged file is left as it was");
    }

    [TestCase("binance-futures")]
    [TestCase("binance-spot")]
    [TestCase("bybit")]
    public void Paper_session_trades_locally_and_sends_nothing_to_the_venue(string venueName)
    {
        int port = BackgroundEngine.FreePort();
        using var emulator = Emulator(port, SessionSeconds + 40, venueName);
        emulator.WaitForPort(port, TimeSpan.FromSeconds(60));
        var paper = EngineProcess.Run("paper", Config(port, venueName), "--duration", Math.Min(SessionSeconds, 10).ToString(CultureInfo.InvariantCulture), "--json");
        Assert.That(paper.ExitCode, Is.Zero, paper.Stderr);
        var summary = LastJson(paper.Stdout);
        emulator.Signal("INT");
        emulator.WaitForExit(TimeSpan.FromSeconds(60));
        var venue = LastJson(emulator.Stdout);
        Assert.Multiple(() =>
        {
            Assert.That(summary.GetProperty("mode").GetString(), Is.EqualTo("paper"));
            Assert.That(summary.GetProperty("events").GetInt64(), Is.GreaterThan(0));
            Assert.That(summary.GetProperty("orders").GetInt64(), Is.GreaterThan(0), "the grid quoted against the simulated venue");
            Assert.That(venue.GetProperty("orders_received").GetInt64(), Is.Zero, "paper trading sends no order");
        });
    }

    [TestCase("binance-futures")]
    [TestCase("bybit")]
    public void Record_writes_an_event_file_that_backtest_replays(string venueName)
    {
        int port = BackgroundEngine.FreePort();
        using var emulator = Emulator(port, 60, venueName);
        emulator.WaitForPort(port, TimeSpan.FromSeconds(60));
        string outDir = PathOf("recorded");
        var record = EngineProcess.Run("record", Config(port, venueName), "--out", outDir, "--duration", "6", "--raw", "--json");
        Assert.That(record.ExitCode, Is.Zero, record.Stderr);
        emulator.Signal("INT");
        emulator.WaitForExit(TimeSpan.FromSeconds(60));
        var files = LastJson(record.Stdout).GetProperty("files");
        Assert.That(files.GetArrayLength(), Is.EqualTo(1), record.Stdout);
        string npz = files[0].GetProperty("file").GetString()!;
        Assert.That(files[0].GetProperty("rows").GetInt64(), Is.GreaterThan(0));
        Assert.That(File.Exists(Path.ChangeExtension(npz, ".gz")), Is.True, "--raw keeps the collector file");
        var converted = EngineProcess.Run("convert", venueName, Path.ChangeExtension(npz, ".gz"), "--out", PathOf("again.npz"), "--json");
        Assert.That(converted.ExitCode, Is.Zero, converted.Stderr);
        Assert.That(File.ReadAllBytes(PathOf("again.npz")), Is.EqualTo(File.ReadAllBytes(npz)), "the recording is what convert makes of the raw frames");
        var backtest = EngineProcess.Run("backtest", npz, "--json");
        Assert.That(backtest.ExitCode, Is.Zero, backtest.Stderr);
        Assert.That(LastJson(backtest.Stdout).GetProperty("events").GetInt64(), Is.EqualTo(files[0].GetProperty("rows").GetInt64()));
    }
}
