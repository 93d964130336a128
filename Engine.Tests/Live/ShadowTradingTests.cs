using Hft.Backtest.Models.Fees;
using Hft.Backtest.Models.Latency;
using Hft.Backtest.Models.Queue;
using Hft.Backtest.Runs;
using Hft.Backtest.Venue;
using Hft.Core.Markets;
using Hft.Core.Risk;
using Hft.Core.Risk.Breakers;
using Hft.Engine.Live;
using Hft.Engine.Metrics;
using Hft.Engine.Shadow;
using Hft.Engine.Tests.Emulators;
using Hft.Engine.Tests.Metrics;
using Hft.Engine.Tests.Runtime;
using Hft.Exchanges.Binance.Common;
using Hft.Exchanges.Binance.Futures;
using Hft.Exchanges.Emulators.BinanceFutures;
using Hft.Strategies;

namespace Hft.Engine.Tests.Live;

/// <summary>
/// Shadow trading in a live session against the futures emulator, whose matching engine is the backtest's own: with
/// the emulator matching exactly as the shadow's models do, no order diverges; with the emulator filling partially
/// (as a real venue does) where the models fill whole, the divergence is reported and trips the divergence breaker.
/// </summary>
[NonParallelizable]
public sealed class ShadowTradingTests
{
    private const long Ms = 1_000_000;

    // Quotes 15 ticks out and 15 apart: orders fill when the price trades through them. At the touch the ms stamps of
    // the venue's answers cannot say between which rows of that ms the venue took an order, and an order that did
    // not cross there may cross in the model (see README, shadow trading).
    private static readonly GridTradingSettings Grid = new(GridNum: 5, OrderQuantity: 1);

    private static ShadowOptions Options(int window, int minCompared) => new(
        new VenueModels(ExchangeModel.NoPartialFill, () => new RiskAverseQueueModel(), new ConstantLatency(Ms, Ms), new TradingValueFeeModel(0, 0)),
        Window: window, FillTimeToleranceNs: 1000 * Ms, AnswerTimeoutNs: 5000 * Ms, ReorderNs: 300 * Ms, MinCompared: minCompared);

    private static async Task<(ShadowStatistics Statistics, BacktestResult Result, PrometheusText Metrics)> RunAsync(
        Func<BinanceFuturesOptions, BinanceFuturesOptions> emulator, BreakerSettings breakers, int window, TimeSpan length)
    {
        await using var venue = await EmulatorSession.StartAsync(emulator);
        var instrument = new Instrument("SIMUSDT", "binance-futures", 0.01, 0.01);
        var options = new BinanceGatewayOptions
        {
            Name = "binance-futures", RestUrl = venue.Emulator.RestBase, WsUrl = venue.Emulator.StreamBase, Trading = true,
            ApiKey = venue.Options.ApiKey, ApiSecret = venue.Options.ApiSecret,
            // Every depth change, as the emulator's matching engine sees it (the venue's 100 ms stream would hide the
            // changes within each 100 ms from the model, and the queue positions would differ for that reason alone).
            DepthStream = "@depth@0ms",
        };
        var setup = new LiveSessionSetup
        {
            Instruments = [instrument],
            Strategies = [new StrategySetup("grid", () => new GridTrading(Grid), null)],
            VenueName = "binance-futures",
            Risk = RiskLimits.None with { Breakers = breakers },
            Shadow = Options(window, minCompared: 5),
            Gateway = c => new BinanceGateway(options, new FuturesMarket(options), [instrument], c.Books, c.BookEntries, c.ExchangeSide, c.Loop, c.Statistics, c.Recovery),
        };
        using var session = new LiveSession(setup, TestActorSystems.Shared);
        await Task.Delay(length);
        var result = session.Stop(cancelOpenOrders: true, TimeSpan.FromSeconds(10));
        var shadow = session.Shadow!;
        var s = shadow.Statistics;
        TestContext.Out.WriteLine($"orders {s.Orders} compared {s.Compared} diverged {s.Diverged} (q {s.QuantityDiverged} p {s.PriceDiverged} t {s.TimeDiverged}) " +
                                  $"venue filled {s.VenueFilled} model filled {s.ModelFilled} refused {s.Refused} unanswered {s.Unanswered} not compared {shadow.OpenOrders} " +
                                  $"divergence {s.Divergence} max {s.MaxDivergence}; trips: {string.Join("; ", result.BreakerTrips)}");
        foreach (var d in shadow.FirstDivergences) TestContext.Out.WriteLine(d);
        // The session's /metrics after the stop, as the endpoint would write them.
        var snapshot = session.Snapshot(TimeSpan.FromSeconds(5)) ?? throw new AssertionException("no snapshot of the stopped session");
        var metrics = new SessionMetrics();
        metrics.Update(snapshot, new HealthCheck(5000).Judge(snapshot));
        using var text = new MemoryStream();
        await metrics.WriteAsync(text, CancellationToken.None);
        return (s, result, PrometheusText.Parse(System.Text.Encoding.UTF8.GetString(text.ToArray())));
    }

    private static void AssertShadowMetrics(PrometheusText m, ShadowStatistics s) => Assert.Multiple(() =>
    {
        Assert.That(m.Value("hft_shadow_orders_total"), Is.EqualTo(s.Orders));
        Assert.That(m.Value("hft_shadow_compared_total"), Is.EqualTo(s.Compared));
        Assert.That(m.Value("hft_shadow_diverged_total", "kind=quantity"), Is.EqualTo(s.QuantityDiverged));
        Assert.That(m.Value("hft_shadow_diverged_total", "kind=price"), Is.EqualTo(s.PriceDiverged));
        Assert.That(m.Value("hft_shadow_diverged_total", "kind=time"), Is.EqualTo(s.TimeDiverged));
        Assert.That(m.Sum("hft_shadow_diverged_total"), Is.EqualTo(s.Diverged));
        Assert.That(m.Value("hft_shadow_unanswered_total"), Is.EqualTo(s.Unanswered));
        Assert.That(m.Value("hft_shadow_divergence"), Is.EqualTo(s.Divergence));
        Assert.That(m.Value("hft_shadow_max_divergence"), Is.EqualTo(s.MaxDivergence));
    });

    [Test]
    public async Task With_the_emulator_matching_as_the_model_no_order_diverges()
    {
        var (s, result, metrics) = await RunAsync(o => o with { Speed = 5 }, BreakerSettings.None, window: 20, TimeSpan.FromSeconds(15));
        AssertShadowMetrics(metrics, s);
        Assert.Multiple(() =>
        {
            Assert.That(s.Compared, Is.GreaterThanOrEqualTo(10), "enough orders went through to compare");
            Assert.That(s.VenueFilled, Is.GreaterThan(0), "some were filled: the comparison covered fills, not only cancels");
            Assert.That(s.Diverged, Is.Zero);
            Assert.That(s.MaxDivergence, Is.Zero);
            Assert.That(s.ModelFilled, Is.EqualTo(s.VenueFilled));
            Assert.That(result.BreakerTrips, Is.Empty);
        });
    }

    [Test]
    public async Task An_emulator_that_fills_differently_diverges_and_trips_the_breaker()
    {
        // The venue fills as much as each trade allows (a real venue's partial fills); the model, as the backtest was
        // set up, fills an order whole. A window of 5 makes one diverged order a divergence of 0.2.
        var (s, result, metrics) = await RunAsync(o => o with { Speed = 5, Matching = ExchangeModel.PartialFill },
            new BreakerSettings { Divergence = 0.1, CheckIntervalMs = 20 }, window: 5, TimeSpan.FromSeconds(20));
        AssertShadowMetrics(metrics, s);
        Assert.That(metrics.Value("hft_shadow_diverged_total", "kind=quantity"), Is.GreaterThan(0), "the divergence shows on /metrics");
        Assert.That(s.Diverged, Is.GreaterThan(0), "the venue filled part of orders the model filled whole");
        Assert.That(s.MaxDivergence, Is.GreaterThan(0.1));
        Assert.That(s.QuantityDiverged, Is.GreaterThan(0));
        Assert.That(result.BreakerTrips, Is.Not.Empty, "the divergence breaker tripped");
        Assert.Multiple(() =>
        {
            Assert.That(result.BreakerTrips[0].Breaker, Is.EqualTo("divergence"), result.BreakerTrips[0].Reason);
            Assert.That(result.BreakerTrips[0].State, Is.EqualTo(TradingState.Halted));
        });
    }
}
