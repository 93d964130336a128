using System.Text;
using System.Text.Json;
using Hft.Backtest.Runs;
using Hft.Core.Markets;
using Hft.Engine.Live;
using Hft.Engine.Tests.Emulators;
using Hft.Engine.Tests.Runtime;
using Hft.Exchanges.Binance.Common;
using Hft.Exchanges.Binance.Spot;
using Hft.Exchanges.Emulators.Common;

namespace Hft.Engine.Tests.Live;

/// <summary>
/// The live spot gateway against the spot emulator over real sockets, with gaps, duplicated and reordered frames and
/// dropped connections injected at random (seeded): at every checkpoint (the emulator's replay held) the engine's book
/// equals the emulator's, level for level, after the spot procedure (REST snapshot, contiguous <c>U</c>/<c>u</c>). The
/// suite runs the seeds <see cref="FaultSeeds"/> names (1 to 3 by default); <c>HFT_FAULT_RUNS=100</c> runs a hundred.
/// </summary>
[NonParallelizable]
public sealed class SpotBookUnderFaultsTests
{
    private const int Levels = 20;
    private const int Checkpoints = 5;
    private const int MinFrames = 1000;

    public static IEnumerable<int> Seeds() => FaultSeeds.FromEnvironment();

    private static readonly Lazy<MarketTape> Tape = new(() => MarketTape.Generated(200_000, 17));

    [TestCaseSource(nameof(Seeds))]
    public async Task The_book_equals_the_venue_s_at_every_checkpoint(int seed)
    {
        await using var venue = await SpotEmulatorSession.StartAsync(o => o with
        {
            Market = Tape.Value,
            Seed = seed,
            Speed = 20,
            Faults = FaultSchedule.Parse(Environment.GetEnvironmentVariable("HFT_FAULT_SPEC") ?? "gap=0.01,dup=0.01,reorder=0.01,disconnect=0.0005"),
        });
        var instrument = new Instrument("SIMUSDT", "binance-spot", 0.01, 0.01);
        var options = new BinanceGatewayOptions
        {
            Name = "binance-spot", RestUrl = venue.Emulator.RestBase, WsUrl = venue.Emulator.StreamBase, Trading = false,
        };
        var setup = new LiveSessionSetup
        {
            Instruments = [instrument],
            Strategies = [],
            VenueName = "binance-spot",
            Gateway = c => new BinanceGateway(options, new SpotMarket(options), [instrument], c.Books, c.BookEntries, c.ExchangeSide, c.Loop, c.Statistics),
        };
        using var session = new LiveSession(setup, TestActorSystems.Shared);
        int compared = 0, attempts = 0;
        // Rounds go on until the checkpoints are taken and enough updates went through (see FuturesBookUnderFaultsTests).
        while ((compared < Checkpoints || session.Gateway.Frames <= MinFrames) && attempts++ < Checkpoints * 8)
        {
            await Task.Delay(700);
            await Faults(venue, """{"pause_ms":1500}""");
            if (await CaughtUp(venue, session)) BookLevels.AssertEqual(await State(venue, Levels), session.Books[0], instrument, $"seed {seed}, checkpoint {++compared}");
            await Task.Delay(900);
        }
        var stats = session.Gateway;
        session.Stop(cancelOpenOrders: false, TimeSpan.FromSeconds(5));
        var report = venue.Emulator.Report();
        TestContext.Out.WriteLine($"seed {seed}: {compared} checkpoints in {attempts} rounds, {stats.Frames} frames, {stats.Rows} rows, {stats.Resyncs} resyncs, " +
                                  $"{stats.Reconnects} reconnects; venue replayed {report.MarketMessages} messages; faults {string.Join(", ", report.FaultsInjected.Select(kv => kv.Key + "=" + kv.Value))}");
        Assert.That(compared, Is.GreaterThanOrEqualTo(3), "checkpoints where the engine had caught up with the venue");
        Assert.That(stats.Frames, Is.GreaterThan(MinFrames), "thousands of updates went through");
        Assert.That(report.FaultsInjected.Keys, Does.Contain("gap"), "gaps were injected");
    }

    private static async Task<JsonElement> State(SpotEmulatorSession venue, int levels)
    {
        string text = await venue.Http.GetStringAsync($"/admin/state?levels={levels}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task Faults(SpotEmulatorSession venue, string json)
    {
        using var response = await venue.Http.PostAsync("/admin/faults", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
    }

    /// <summary>Waits (within the venue's pause) until the engine's book is synced at the venue's last update id.</summary>
    private static async Task<bool> CaughtUp(SpotEmulatorSession venue, LiveSession session)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed.TotalMilliseconds < 1200)
        {
            long venueId = (await State(venue, 1)).GetProperty("last_update_id").GetInt64();
            var (synced, engineId) = session.Gateway.Book(0);
            if (synced && engineId == venueId) return true;
            await Task.Delay(25);
        }
        return false;
    }
}
