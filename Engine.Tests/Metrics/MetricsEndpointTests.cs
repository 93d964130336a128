using Hft.Core.Health;
using Hft.Core.Markets;
using Hft.Engine.Live;
using Hft.Engine.Metrics;
using Hft.Engine.Tests.Emulators;
using Hft.Engine.Tests.Runtime;
using Hft.Exchanges.Binance.Common;
using Hft.Exchanges.Binance.Futures;
using Hft.Strategies;
using Hft.Backtest.Runs;

namespace Hft.Engine.Tests.Metrics;

/// <summary>
/// The metrics endpoint of a live grid session against the futures emulator, in process, over 127.0.0.1: every scrape
/// parses strictly as Prometheus text and its counters only grow; <c>/health</c> turns <c>degraded</c> (feed_stale)
/// while the emulator's market streams are silent and <c>healthy</c> again after; once the session stopped, the
/// counters equal its summary.
/// </summary>
[NonParallelizable]
public sealed class MetricsEndpointTests
{
    private static readonly string[] Counters =
        ["hft_orders_total", "hft_fills_total", "hft_market_events_total", "hft_loop_messages_total", "hft_venue_frames_total", "hft_venue_rejects_total"];

    [Test]
    public async Task Scrapes_parse_counters_agree_with_the_summary_and_health_follows_a_silent_feed()
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
            Strategies = [new StrategySetup("grid", () => new GridTrading(new GridTradingSettings(GridNum: 5, OrderQuantity: 0.05, IntervalMs: 100)))],
            VenueName = "binance-futures",
            Gateway = c => new BinanceGateway(options, new FuturesMarket(options), [instrument], c.Books, c.BookEntries, c.ExchangeSide, c.Loop, c.Statistics, c.Recovery),
        };
        using var session = new LiveSession(setup, TestActorSystems.Shared);
        using var endpoint = new MetricsEndpoint(0, staleFeedMs: 1000, session.Snapshot);
        using var scraper = new MetricsScraper(endpoint.Address);

        // Scrape while it trades until it has orders and fills; every scrape parses, no counter goes down.
        var previous = new Dictionary<string, double>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        int scrapes = 0;
        PrometheusText metrics;
        var took = new List<double>();
        do
        {
            var one = System.Diagnostics.Stopwatch.StartNew();
            metrics = await scraper.MetricsAsync();
            took.Add(one.Elapsed.TotalMilliseconds);
            scrapes++;
            foreach (var name in Counters)
            {
                Assert.That(metrics.Types[name], Is.EqualTo("counter"), name);
                double value = metrics.Sum(name);
                Assert.That(value, Is.GreaterThanOrEqualTo(previous.GetValueOrDefault(name)), name + " went down");
                previous[name] = value;
            }
            await Task.Delay(200);
        }
        while (watch.Elapsed < TimeSpan.FromSeconds(40) && (metrics.Sum("hft_orders_total") < 5 || metrics.Sum("hft_fills_total") < 1));
        took.Sort();
        TestContext.Out.WriteLine($"scrape (loop snapshot, text, HTTP): median {took[took.Count / 2]:F2} ms, max {took[^1]:F2} ms (the first includes JIT)");
        TestContext.Out.WriteLine($"{scrapes} scrapes in {watch.Elapsed.TotalSeconds:F1} s: orders {metrics.Sum("hft_orders_total")}, fills {metrics.Sum("hft_fills_total")}, events {metrics.Sum("hft_market_events_total")}");
        Assert.That(metrics.Sum("hft_orders_total"), Is.GreaterThanOrEqualTo(5), "the grid quoted");
        Assert.That(metrics.Sum("hft_fills_total"), Is.GreaterThanOrEqualTo(1), "something filled");
        Assert.That(metrics.Types["hft_order_ack_latency_seconds"], Is.EqualTo("histogram"));
        Assert.That(metrics.Value("hft_order_ack_latency_seconds_count"), Is.GreaterThan(0), "answers were timed");

        var (healthy, body) = await scraper.WaitForHealthAsync("healthy", TimeSpan.FromSeconds(10));
        Assert.That(healthy, Is.True, body.ToString());
        Assert.That((await scraper.HealthAsync()).Status, Is.EqualTo(200));

        // The emulator's market streams go silent for 4 s: degraded (feed_stale) within the 1 s limit and a little more.
        await venue.FaultsAsync("""{"stale_ms":4000}""");
        var silent = System.Diagnostics.Stopwatch.StartNew();
        var (degraded, during) = await scraper.WaitForHealthAsync("degraded", TimeSpan.FromSeconds(3.5));
        TestContext.Out.WriteLine($"after {silent.Elapsed.TotalMilliseconds:F0} ms of silence: {during}");
        Assert.That(degraded, Is.True, during.ToString());
        Assert.That(silent.Elapsed, Is.GreaterThan(TimeSpan.FromMilliseconds(900)), "not degraded before the limit");
        Assert.That(during.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()), Does.Contain(HealthReasons.FeedStale));
        var whileSilent = await scraper.MetricsAsync();
        Assert.That(whileSilent.Value("hft_health_status"), Is.EqualTo(1), "the health gauge says degraded too");
        Assert.That(whileSilent.Value("hft_feed_silence_seconds", "symbol=SIMUSDT"), Is.GreaterThan(1));

        // The feed comes back: healthy again.
        var (back, after) = await scraper.WaitForHealthAsync("healthy", TimeSpan.FromSeconds(15));
        TestContext.Out.WriteLine($"healthy again {silent.Elapsed.TotalMilliseconds:F0} ms after the silence began: {after}");
        Assert.That(back, Is.True, after.ToString());

        // A reason raised from outside (reconciliation) makes it critical, 503; clearing it ends that.
        session.Health.ReconciliationFailed("SIMUSDT: the venue holds 0.05, the engine 0");
        var critical = await scraper.HealthAsync();
        Assert.That(critical.Status, Is.EqualTo(503));
        Assert.That(critical.Body.GetProperty("status").GetString(), Is.EqualTo("critical"));
        Assert.That(critical.Body.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()), Does.Contain(HealthReasons.ReconciliationFailed));
        session.Health.ReconciliationSucceeded();
        Assert.That((await scraper.WaitForHealthAsync("healthy", TimeSpan.FromSeconds(5))).Reached, Is.True);

        // Stopped: the endpoint still serves the final figures, and they are the summary's.
        BacktestResult result = session.Stop(cancelOpenOrders: true, TimeSpan.FromSeconds(10));
        var final = await scraper.MetricsAsync();
        var g = session.Gateway;
        TestContext.Out.WriteLine(scraper.LastMetrics);
        TestContext.Out.WriteLine($"summary: orders {result.Orders}, fills {result.Fills}, events {result.Events}, rejects {g.Rejected}, reconnects {g.Reconnects}, 429 {g.RateLimited}");
        Assert.Multiple(() =>
        {
            Assert.That(final.Value("hft_orders_total", "symbol=SIMUSDT"), Is.EqualTo(result.Orders));
            Assert.That(final.Value("hft_fills_total", "symbol=SIMUSDT"), Is.EqualTo(result.Fills));
            Assert.That(final.Samples.Where(x => x.Name.StartsWith("hft_shadow_", StringComparison.Ordinal)), Is.Empty, "no shadow series without shadow trading");
            Assert.That(final.Value("hft_market_events_total"), Is.EqualTo(result.Events));
            Assert.That(final.Value("hft_position", "symbol=SIMUSDT"), Is.EqualTo(result.Instruments[0].Position).Within(1e-9));
            Assert.That(final.Value("hft_venue_rejects_total"), Is.EqualTo(g.Rejected));
            Assert.That(final.Sum("hft_rejects_total"), Is.EqualTo(g.Rejected + result.Instruments[0].OrdersRejectedByRisk), "rejects by reason add up");
            Assert.That(final.Value("hft_venue_reconnects_total"), Is.EqualTo(g.Reconnects));
            Assert.That(final.Value("hft_venue_rate_limited_total"), Is.EqualTo(g.RateLimited));
            Assert.That(final.Value("hft_venue_frames_total"), Is.EqualTo(g.Frames));
            // Every new order passed risk after a market event: one tick-to-order observation each.
            Assert.That(final.Value("hft_tick_to_order_seconds_count"), Is.EqualTo(result.Orders));
            Assert.That(final.Value("hft_tick_to_order_seconds_sum"), Is.GreaterThan(0));
            Assert.That(final.Value("hft_loop_messages_total"), Is.GreaterThanOrEqualTo(previous["hft_loop_messages_total"]));
            // The venue's budgets as its headers last said (the order counts may have rolled to 0 with the minute at the
            // stop; the weight is reported on every answer, the stop's cancels included).
            Assert.That(final.Value("hft_rate_limit_max", "limit=orders_1m"), Is.GreaterThan(0));
            Assert.That(final.Value("hft_rate_limit_used", "limit=orders_1m"), Is.GreaterThanOrEqualTo(0));
            Assert.That(final.Value("hft_rate_limit_used", "limit=weight_1m"), Is.GreaterThan(0));
        });
    }
}
