using System.Globalization;
using System.Text.Json;
using Hft.Engine.Tests.Cli;
using Hft.Engine.Tests.Config;

namespace Hft.Engine.Tests.Live;

/// <summary>
/// A live grid session against a venue's emulator told to misbehave: a storm of rate-limit refusals (Binance's 429,
/// Bybit's 10006), order requests whose outcome is unknown (5xx or a server error, with or without the order carried
/// out), a key pair whose secret is wrong. Processes over 127.0.0.1; each session runs <see cref="Seconds"/> s.
/// </summary>
[NonParallelizable]
public sealed class GatewayFaultTests : Data.TempDirectoryTest
{
    private const int Seconds = 10;

    private static string Sample => Path.Combine(ConfigTestKit.RepositoryRoot, "samples", "data", "sample.npz");

    private string Config(string venue, int port, string? secret = null)
    {
        string defaultPort = venue == "bybit" ? "18093" : "18091";
        string text = File.ReadAllText(Path.Combine(ConfigTestKit.AppSettings, $"emulator-{venue}.toml"))
            .Replace("127.0.0.1:" + defaultPort, "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace($"../runs/emulator-{venue}", PathOf("runs").Replace('\\', '/'), StringComparison.Ordinal);
        if (secret is not null)
            text = text.Replace("hft-emulator-api-secret-0123456789abcdef0123456789abcdef01234567", secret, StringComparison.Ordinal);
        string path = PathOf("live.toml");
        File.WriteAllText(path, text);
        return path;
    }

    private static JsonElement LastJson(string stdout) =>
        JsonDocument.Parse(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last(l => l.StartsWith('{'))).RootElement.Clone();

    /// <summary>Runs the emulator with <paramref name="faults"/> and a live session against it; returns both summaries.</summary>
    private (JsonElement Live, JsonElement Venue, string Stderr) Session(string venueName, string faults, string? secret = null)
    {
        int port = BackgroundEngine.FreePort();
        using var emulator = new BackgroundEngine("emulate", venueName, "--port", port.ToString(CultureInfo.InvariantCulture), "--data", Sample,
            "--faults", faults, "--duration", (Seconds + 40).ToString(CultureInfo.InvariantCulture), "--json");
        emulator.WaitForPort(port, TimeSpan.FromSeconds(60));
        var live = EngineProcess.Run("live", Config(venueName, port, secret), "--duration", Seconds.ToString(CultureInfo.InvariantCulture), "--json");
        Assert.That(live.ExitCode, Is.Zero, live.Stderr);
        emulator.Signal("INT");
        emulator.WaitForExit(TimeSpan.FromSeconds(60));
        var summary = LastJson(live.Stdout);
        var venue = LastJson(emulator.Stdout);
        TestContext.Out.WriteLine("live: " + summary);
        TestContext.Out.WriteLine("emulator: " + venue);
        return (summary, venue, live.Stderr);
    }

    private static void AssertConsistent(JsonElement live, JsonElement venue)
    {
        Assert.That(live.GetProperty("open_orders_at_exit").GetInt32(), Is.Zero);
        Assert.That(venue.GetProperty("open_orders").GetInt32(), Is.Zero);
        Assert.That(venue.GetProperty("duplicate_client_order_ids").GetInt32(), Is.Zero, "no order was sent twice");
        double position = venue.GetProperty("positions").TryGetProperty("SIMUSDT", out var p) ? p.GetDouble() : 0;
        Assert.That(live.GetProperty("position").GetDouble(), Is.EqualTo(position).Within(1e-9));
        Assert.That(live.GetProperty("fills").GetInt64(), Is.EqualTo(venue.GetProperty("fills").GetInt64()), "no fill lost or counted twice");
    }

    [TestCase("binance-futures")]
    [TestCase("bybit")]
    public void A_rate_limit_storm_is_ridden_out_with_the_wait_honoured_and_no_ban(string venueName)
    {
        var (live, venue, _) = Session(venueName, "ratelimit=0.3");
        Assert.Multiple(() =>
        {
            Assert.That(live.GetProperty("rate_limited").GetInt64(), Is.GreaterThan(0), "the storm reached the gateway");
            Assert.That(venue.GetProperty("faults_injected").TryGetProperty("ban", out _), Is.False, "no request was sent before the wait ended (no 418 / 403)");
            AssertConsistent(live, venue);
        });
    }

    [TestCase("binance-futures", "unknown-executed")]
    [TestCase("binance-futures", "unknown-not-executed")]
    [TestCase("binance-futures", "timeout")]
    [TestCase("bybit", "unknown-executed")]
    [TestCase("bybit", "unknown-not-executed")]
    [TestCase("bybit", "timeout")]
    public void Orders_of_unknown_outcome_are_resolved_without_a_duplicate(string venueName, string kind)
    {
        var (live, venue, stderr) = Session(venueName, $"error=0.2:{kind}");
        Assert.Multiple(() =>
        {
            Assert.That(live.GetProperty("unknown_outcomes").GetInt64(), Is.GreaterThan(0), "the faults reached the gateway");
            Assert.That(stderr, Does.Contain("unknown").And.Contain("querying it"));
            AssertConsistent(live, venue);
        });
    }

    /// <remarks>
    /// Binance refuses the start reconciliation's signed queries (-1022), so trading halts before any order. Bybit refuses
    /// the private stream's authentication first, so the gateway halts before any order, and the signed queries at the
    /// stop get 10004, whose message echoes the API key: it is withheld.
    /// </remarks>
    [TestCase("binance-futures", "reconciliation (start) failed", "code -1022")]
    [TestCase("bybit", "trading halted: the private stream refused authentication", "retCode 10004")]
    public void A_wrong_secret_gets_the_venue_s_error_in_a_clear_log_line_and_never_shows_it(string venueName, string refusal, string error)
    {
        const string wrong = "not-the-emulator-secret-0000000000000000000000000000000000000000";
        var (live, venue, stderr) = Session(venueName, "slow=0", secret: wrong);
        Assert.Multiple(() =>
        {
            Assert.That(stderr, Does.Contain(refusal), "trading is refused, and the log says why");
            Assert.That(stderr, Does.Contain(error), "the venue's signature error is logged");
            Assert.That(venue.GetProperty("fills").GetInt64(), Is.Zero);
            Assert.That(venue.GetProperty("orders_received").GetInt64(), Is.Zero, "halted before any order");
            string everything = stderr + live + File.ReadAllText(PathOf("runs/engine.log"));
            Assert.That(everything, Does.Not.Contain(wrong));
            Assert.That(everything, Does.Not.Contain("hft-emulator-api-key-0123456789abcdef"), "the key is not shown either");
        });
    }
}
