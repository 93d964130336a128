using Hft.Backtest.Runs;
using Hft.Core.Markets;
using Hft.Engine.Live;
using Hft.Engine.Tests.Emulators;
using Hft.Engine.Tests.Runtime;
using Hft.Exchanges.Bybit;
using Hft.Exchanges.Emulators.Common;

namespace Hft.Engine.Tests.Live;

/// <summary>
/// The live Bybit gateway against the Bybit emulator over real sockets, with gaps, duplicated and reordered frames,
/// dropped connections injected at random (seeded) and <c>u = 1</c> book resets armed between checkpoints: at every
/// checkpoint (the emulator's replay held) the engine's book equals the emulator's, level for level. The suite runs
/// the seeds <see cref="FaultSeeds"/> names (1 to 3 by default); <c>HFT_FAULT_RUNS=100</c> runs a hundred.
/// </summary>
[NonParallelizable]
public sealed class BybitBookUnderFaultsTests
{
    public static IEnumerable<int> Seeds() => FaultSeeds.FromEnvironment();

    private static readonly Lazy<MarketTape> Tape = new(() => MarketTape.Generated(200_000, 13));

    [TestCaseSource(nameof(Seeds))]
    public async Task The_book_equals_the_venue_s_at_every_checkpoint(int seed)
    {
        await using var venue = await BybitEmulatorSession.StartAsync(o => o with
        {
            Market = Tape.Value,
            Seed = seed,
            // Half the futures run's drop rate: at 0.001, 2 seeds of 100 spent so long reconnecting (1 s each) that fewer
            // than 1000 frames reached the engine.
            Speed = 20,
            Faults = FaultSchedule.Parse(Environment.GetEnvironmentVariable("HFT_FAULT_SPEC") ?? "gap=0.01,dup=0.01,reorder=0.01,disconnect=0.0005"),
        });
        var emulator = venue.Emulator;
        var instrument = new Instrument("SIMUSDT", "bybit", 0.01, 0.01);
        var options = new BybitGatewayOptions
        {
            Name = "bybit", RestUrl = emulator.RestBase, PublicWsUrl = emulator.PublicStream, PrivateWsUrl = emulator.PrivateStream, Trading = false,
        };
        var setup = new LiveSessionSetup
        {
            Instruments = [instrument],
            Strategies = [],
            VenueName = "bybit",
            Gateway = c => new BybitGateway(options, [instrument], c.Books, c.BookEntries, c.ExchangeSide, c.Loop, c.Statistics, c.Recovery),
        };
        using var session = new LiveSession(setup, TestActorSystems.Shared);
        var (compared, rounds) = await FaultCheckpoints.Run(session, instrument, seed, j => venue.FaultsAsync(j), venue.StateAsync, async round =>
        {
            // Every other round the book service "restarts": the next message is a u = 1 snapshot the client must take whole.
            if (round % 2 == 0) await venue.FaultsAsync("""{"reset":1}""");
            await Task.Delay(200);
        });
        var stats = session.Gateway;
        session.Stop(cancelOpenOrders: false, TimeSpan.FromSeconds(5));
        var report = emulator.Report();
        TestContext.Out.WriteLine($"seed {seed}: {compared} checkpoints in {rounds} rounds, {stats.Frames} frames, {stats.Rows} rows, {stats.Resyncs} resyncs, {stats.Reconnects} reconnects; venue replayed {report.MarketMessages} messages over {report.WebSocketConnections} connections; faults {string.Join(", ", report.FaultsInjected.Select(kv => kv.Key + "=" + kv.Value))}");
        Assert.That(compared, Is.GreaterThanOrEqualTo(3), "checkpoints where the engine had caught up with the venue");
        Assert.That(stats.Frames, Is.GreaterThan(FaultCheckpoints.MinFrames), "thousands of updates went through");
        Assert.That(report.FaultsInjected.TryGetValue("reset", out long resets) ? resets : 0, Is.GreaterThan(0), "u = 1 resets were sent");
    }
}
