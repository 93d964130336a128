using Hft.Backtest.Runs;
using Hft.Core.Markets;
using Hft.Core.Risk;
using Hft.Core.Risk.Breakers;
using Hft.Engine.Live;
using Hft.Engine.Tests.Emulators;
using Hft.Engine.Tests.Runtime;
using Hft.Exchanges.Binance.Common;
using Hft.Exchanges.Binance.Futures;
using Hft.Strategies;

namespace Hft.Engine.Tests.Live;

/// <summary>
/// Each circuit breaker tripped on purpose in a live session against the futures emulator: the grid quotes, the
/// emulator is made to misbehave (or the limit is set so the first fill passes it), the breaker trips with its name
/// and reason, trading halts and every open order is cancelled on the venue. (Divergence is tripped through shadow trading in
/// ShadowTradingTests; venue_disconnected by dropping every connection and refusing the reconnects for a while, as a
/// venue that is down does.)
/// </summary>
[NonParallelizable]
public sealed class BreakerOnEmulatorTests
{
    public static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData("stale_feed", new BreakerSettings { StaleFeedMs = 1500 }, """{"stale_ms":3500}""").SetName("stale_feed: the feed goes silent");
        yield return new TestCaseData("ack_latency", new BreakerSettings { AckLatencyMs = 100 }, """{"slow_ms":400}""").SetName("ack_latency: every answer is slow");
        yield return new TestCaseData("book_integrity", new BreakerSettings { BookIntegrityMs = 200 }, """{"gap":1,"slow_ms":1500}""")
            .SetName("book_integrity: a gap whose snapshot is slow to come");
        yield return new TestCaseData("reject_rate", new BreakerSettings { MaxRejects = 2, RejectWindowMs = 10_000 }, """{"too_many_requests":6}""")
            .SetName("reject_rate: a burst of 429s");
        yield return new TestCaseData("venue_disconnected", new BreakerSettings { VenueDisconnectedMs = 500 }, """{"disconnect":true,"refuse_ms":3000}""")
            .SetName("venue_disconnected: the venue drops the streams and refuses them for 3 s");
        yield return new TestCaseData("max_position", new BreakerSettings { MaxPosition = 0.5 }, null).SetName("max_position: the first fill passes it");
        yield return new TestCaseData("daily_loss", new BreakerSettings { DailyLoss = 1e-6 }, null).SetName("daily_loss: the first fee passes it");
        yield return new TestCaseData("drawdown", new BreakerSettings { Drawdown = 1e-6 }, null).SetName("drawdown: the first fee passes it");
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Trips_halts_and_leaves_nothing_open(string breaker, BreakerSettings settings, string? fault)
    {
        await using var venue = await EmulatorSession.StartAsync(o => o with { Speed = 5 });
        var instrument = new Instrument("SIMUSDT", "binance-futures", 0.01, 0.01);
        var options = new BinanceGatewayOptions
        {
            Name = "binance-futures", RestUrl = venue.Emulator.RestBase, WsUrl = venue.Emulator.StreamBase, Trading = true,
            ApiKey = venue.Options.ApiKey, ApiSecret = venue.Options.ApiSecret,
        };
        var setup = new LiveSessionSetup
        {
            Instruments = [instrument],
            Strategies = [new StrategySetup("grid", () => new GridTrading(new GridTradingSettings(GridNum: 5, OrderQuantity: 1)), null)],
            VenueName = "binance-futures",
            Risk = RiskLimits.None with { Breakers = settings with { CheckIntervalMs = 20 } },
            Gateway = c => new BinanceGateway(options, new FuturesMarket(options), [instrument], c.Books, c.BookEntries, c.ExchangeSide, c.Loop, c.Statistics, c.Recovery),
        };
        using var session = new LiveSession(setup, TestActorSystems.Shared);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(30) && venue.Emulator.Report().OpenOrders == 0) await Task.Delay(50);
        Assert.That(venue.Emulator.Report().OpenOrders, Is.GreaterThan(0), "the grid quoted");
        if (fault is not null) await venue.FaultsAsync(fault);
        // The fill-driven limits need the market to reach a quote; the faults act within a second or two.
        await Task.Delay(TimeSpan.FromSeconds(fault is null ? 8 : 4));
        await venue.FaultsAsync("""{"clear":true}""");
        await Task.Delay(500);
        var result = session.Stop(cancelOpenOrders: false, TimeSpan.FromSeconds(10));
        var report = venue.Emulator.Report();
        TestContext.Out.WriteLine(string.Join(Environment.NewLine, result.BreakerTrips));
        Assert.That(result.BreakerTrips, Is.Not.Empty, "a breaker tripped");
        var trip = result.BreakerTrips[0];
        Assert.Multiple(() =>
        {
            Assert.That(trip.Breaker, Is.EqualTo(breaker), trip.Reason);
            Assert.That(trip.State, Is.EqualTo(TradingState.Halted));
            Assert.That(trip.Reason, Is.Not.Empty);
            Assert.That(report.OpenOrders, Is.Zero, "the trip cancelled every open order on the venue (the stop did not)");
        });
    }
}
