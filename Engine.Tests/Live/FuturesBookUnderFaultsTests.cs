using System.Text.Json;
using Hft.Backtest.Runs;
using Hft.Core.Books;
using Hft.Core.Markets;
using Hft.Engine.Live;
using Hft.Engine.Tests.Emulators;
using Hft.Engine.Tests.Runtime;
using Hft.Exchanges.Binance.Common;
using Hft.Exchanges.Binance.Futures;
using Hft.Exchanges.Emulators.Common;

namespace Hft.Engine.Tests.Live;

/// <summary>
/// The live futures gateway against the emulator over real sockets, with gaps, duplicated and reordered frames and
/// dropped connections injected at random (seeded): at every checkpoint (the emulator's replay held) the
/// engine's book equals the emulator's, level for level (at least 3 checkpoints a run, every one equal). The suite runs the seeds <see cref="FaultSeeds"/> names (1 to 3 by default);
/// <c>HFT_FAULT_RUNS=100</c> runs the hundred.
/// </summary>
[NonParallelizable]
public sealed class FuturesBookUnderFaultsTests
{
    private const int Levels = 20;
    private const int Checkpoints = 5;
    private const int MinFrames = 1000;

    public static IEnumerable<int> Seeds() => FaultSeeds.FromEnvironment();

    [TestCaseSource(nameof(Seeds))]
    public async Task The_book_equals_the_venue_s_at_every_checkpoint(int seed)
    {
        await using var venue = await EmulatorSession.StartAsync(o => o with
        {
            Seed = seed,
            Speed = 20,
            Faults = FaultSchedule.Parse(Environment.GetEnvironmentVariable("HFT_FAULT_SPEC") ?? "gap=0.01,dup=0.01,reorder=0.01,disconnect=0.001"),
        });
        var instrument = new Instrument("SIMUSDT", "binance-futures", 0.01, 0.01);
        var options = new BinanceGatewayOptions
        {
            Name = "binance-futures", RestUrl = venue.Emulator.RestBase, WsUrl = venue.Emulator.StreamBase, Trading = false,
            DepthStream = "@depth@0ms",
        };
        var setup = new LiveSessionSetup
        {
            Instruments = [instrument],
            Strategies = [],
            VenueName = "binance-futures",
            Gateway = c => new BinanceGateway(options, new FuturesMarket(options), [instrument], c.Books, c.BookEntries, c.ExchangeSide, c.Loop, c.Statistics),
        };
        using var session = new LiveSession(setup, TestActorSystems.Shared);
        int compared = 0, attempts = 0;
        // Rounds go on until the checkpoints are taken and enough updates went through: on a loaded machine (CI) a run
        // can spend most of its first rounds reconnecting, and then it takes more rounds, not a weaker check.
        while ((compared < Checkpoints || session.Gateway.Frames <= MinFrames) && attempts++ < Checkpoints * 8)
        {
            await Task.Delay(700);
            await venue.FaultsAsync("""{"pause_ms":1500}""");
            if (await CaughtUp(venue, session)) BookLevels.AssertEqual(await venue.StateAsync(Levels), session.Books[0], instrument, $"seed {seed}, checkpoint {++compared}");
            // Let the pause end before the next round of updates and faults.
            await Task.Delay(900);
        }
        var stats = session.Gateway;
        session.Stop(cancelOpenOrders: false, TimeSpan.FromSeconds(5));
        TestContext.Out.WriteLine($"seed {seed}: {compared} checkpoints in {attempts} rounds, {stats.Frames} frames, {stats.Rows} rows, {stats.Resyncs} resyncs, {stats.Reconnects} reconnects");
        // A checkpoint needs the engine caught up when the replay is held; a frame held back for a reorder, or a
        // reconnect in progress, can keep it from that, and then that round is not a checkpoint.
        Assert.That(compared, Is.GreaterThanOrEqualTo(3), "checkpoints where the engine had caught up with the venue");
        Assert.That(stats.Frames, Is.GreaterThan(MinFrames), "thousands of updates went through");
    }

    /// <summary>Waits (within the venue's pause) until the engine's book is synced at the venue's last update id.</summary>
    private static async Task<bool> CaughtUp(EmulatorSession venue, LiveSession session)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.ElapsedMilliseconds < 1200)
        {
            long venueId = (await venue.StateAsync(1)).GetProperty("last_update_id").GetInt64();
            var (synced, engineId) = session.Gateway.Book(0);
            if (synced && engineId == venueId) return true;
            await Task.Delay(25);
        }
        return false;
    }
}
