using Hft.Core.Markets;
using Hft.Engine.Live;
using Hft.Engine.Tests.Emulators;
using Hft.Engine.Tests.Runtime;
using Hft.Exchanges.Bybit;

namespace Hft.Engine.Tests.Live;

/// <summary>
/// The live Bybit gateway subscribed to <c>orderbook.1</c> (its <c>Depth = 1</c> option) against the emulator, which now
/// serves level 1 as Bybit does (snapshot-only, its own <c>u</c>, the same snapshot repeated after 3 s without change): at
/// each checkpoint (the replay held) the engine's best bid and ask are the venue's.
/// </summary>
[NonParallelizable]
public sealed class BybitLevelOneGatewayTests
{
    [Test]
    public async Task A_depth_1_gateway_holds_the_venue_s_top_of_book_at_every_checkpoint()
    {
        await using var venue = await BybitEmulatorSession.StartAsync(o => o with { Speed = 20 });
        var emulator = venue.Emulator;
        var instrument = new Instrument("SIMUSDT", "bybit", 0.01, 0.01);
        var options = new BybitGatewayOptions
        {
            Name = "bybit", RestUrl = emulator.RestBase, PublicWsUrl = emulator.PublicStream, PrivateWsUrl = emulator.PrivateStream,
            Trading = false, Depth = 1,
        };
        var setup = new LiveSessionSetup
        {
            Instruments = [instrument],
            Strategies = [],
            VenueName = "bybit",
            Gateway = c => new BybitGateway(options, [instrument], c.Books, c.BookEntries, c.ExchangeSide, c.Loop, c.Statistics, c.Recovery),
        };
        using var session = new LiveSession(setup, TestActorSystems.Shared);
        int compared = 0;
        for (int round = 0; round < 10 && compared < 3; round++)
        {
            await Task.Delay(600);
            await venue.FaultsAsync("""{"pause_ms":1500}""");
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (watch.ElapsedMilliseconds < 1200)
            {
                long venueId = (await venue.StateAsync(1)).GetProperty("level1_update_id").GetInt64();
                var (synced, engineId) = session.Gateway.Book(0);
                if (synced && engineId == venueId)
                {
                    BookLevels.AssertEqual(await venue.StateAsync(1), session.Books[0], instrument, $"checkpoint {++compared}");
                    break;
                }
                await Task.Delay(25);
            }
            await Task.Delay(900);
        }
        var frames = session.Gateway.Frames;
        session.Stop(cancelOpenOrders: false, TimeSpan.FromSeconds(5));
        Assert.That(compared, Is.GreaterThanOrEqualTo(3), "checkpoints where the engine had caught up with level 1");
        Assert.That(frames, Is.GreaterThan(100), "level-1 snapshots went through");
    }
}
