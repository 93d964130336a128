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
    public static IEnumerable<int> Seeds() => FaultSeeds.FromEnvironment();

    private static readonly Lazy<MarketTape> Tape = new(() => MarketTape.Generated(600_000, 17));

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
            Gateway = c => new BinanceGateway(options, new SpotMarket(options), [instrument], c.Books, c.BookEntries, c.ExchangeSide, c.Loop, c.Statistics, c.Recovery),
        };
        using var session = new LiveSession(setup, TestActorSystems.Shared);
        var (compared, rounds) = await FaultCheckpoints.Run(session, instrument, seed, j => Faults(venue, j), levels => State(venue, levels));
        var stats = session.Gateway;
        session.Stop(cancelOpenOrders: false, TimeSpan.FromSeconds(5));
        var report = venue.Emulator.Report();
        TestContext.Out.WriteLine($"seed {seed}: {compared} checkpoints in {rounds} rounds, {stats.Frames} frames, {stats.Rows} rows, {stats.Resyncs} resyncs, " +
                                  $"{stats.Reconnects} reconnects; venue replayed {report.MarketMessages} messages; faults {string.Join(", ", report.FaultsInjected.Select(kv => kv.Key + "=" + kv.Value))}");
        Assert.That(compared, Is.GreaterThanOrEqualTo(3), "checkpoints where the engine had caught up with the venue");
        Assert.That(stats.Frames, Is.GreaterThan(FaultCheckpoints.MinFrames), "thousands of updates went through");
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
}
