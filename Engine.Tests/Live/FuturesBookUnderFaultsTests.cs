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
            Gateway = c => new BinanceGateway(options, new FuturesMarket(options), [instrument], c.Books, c.BookEntries, c.ExchangeSide, c.Loop, c.Statistics, c.Recovery),
        };
        using var session = new LiveSession(setup, TestActorSystems.Shared);
        var (compared, rounds) = await FaultCheckpoints.Run(session, instrument, seed, j => venue.FaultsAsync(j), venue.StateAsync);
        var stats = session.Gateway;
        session.Stop(cancelOpenOrders: false, TimeSpan.FromSeconds(5));
        TestContext.Out.WriteLine($"seed {seed}: {compared} checkpoints in {rounds} rounds, {stats.Frames} frames, {stats.Rows} rows, {stats.Resyncs} resyncs, {stats.Reconnects} reconnects");
        // A checkpoint needs the engine caught up when the replay is held; a frame held back for a reorder, or a
        // reconnect in progress, can keep it from that, and then that round is not a checkpoint.
        Assert.That(compared, Is.GreaterThanOrEqualTo(3), "checkpoints where the engine had caught up with the venue");
        Assert.That(stats.Frames, Is.GreaterThan(FaultCheckpoints.MinFrames), "thousands of updates went through");
    }
}
