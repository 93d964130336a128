using System.Globalization;
using System.Text;
using Hft.Core.Health;
using Hft.Engine.Tests.Cli;
using Hft.Engine.Tests.Live;

namespace Hft.Engine.Tests.Metrics;

/// <summary>
/// <c>live</c> with <c>[metrics]</c> against <c>emulate binance-futures</c>, both as processes over 127.0.0.1: the
/// endpoint the session logs serves Prometheus text that parses and grows while the grid trades; <c>/health</c> turns
/// <c>degraded</c> while the emulator's feed is silent and back; once <c>kill</c> halted trading the scraped orders and
/// fills stay put and equal the summary the session prints at its stop. Standard error is redirected, so no status line.
/// </summary>
[NonParallelizable]
public sealed class LiveMetricsCommandTests : Data.TempDirectoryTest
{
    [Test]
    public void A_metrics_port_in_use_stops_live_before_it_connects()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        int busy = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        // No emulator: had live tried the venue first, it would have failed on the connection, with another message.
        string config = EmulatorSessionTests.WriteConfig(PathOf, BackgroundEngine.FreePort());
        File.WriteAllText(config, File.ReadAllText(config).Replace("port = 0\nstale_feed_ms", $"port = {busy.ToString(CultureInfo.InvariantCulture)}\nstale_feed_ms", StringComparison.Ordinal));
        var live = EngineProcess.Run("live", config, "--duration", "5");
        Assert.That(live.ExitCode, Is.EqualTo(1), live.Stderr);
        Assert.That(live.Stderr, Does.Contain($"[metrics] port {busy}: cannot listen on 127.0.0.1:{busy}"));
    }

    [Test]
    public async Task The_live_command_serves_metrics_that_agree_with_its_summary_and_health_that_follows_the_feed()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("stops the session with SIGINT through kill(1)");
        int port = BackgroundEngine.FreePort();
        int metricsPort = BackgroundEngine.FreePort();
        using var emulator = EmulatorSessionTests.Emulator(port, 120);
        emulator.WaitForPort(port, TimeSpan.FromSeconds(60));
        string config = EmulatorSessionTests.WriteConfig(PathOf, port);
        // The shipped file serves metrics on a free port; this test names the port and a shorter stale-feed limit.
        string text = File.ReadAllText(config);
        Assert.That(text, Does.Contain("[metrics]\nenabled = true\nport = 0\nstale_feed_ms = 5000"));
        File.WriteAllText(config, text.Replace("port = 0\nstale_feed_ms = 5000", $"port = {metricsPort.ToString(CultureInfo.InvariantCulture)}\nstale_feed_ms = 1000", StringComparison.Ordinal));
        using var live = new BackgroundEngine("live", config, "--json");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!live.Stderr.Contains($"Metrics on http://127.0.0.1:{metricsPort}/metrics", StringComparison.Ordinal) && !live.HasExited && watch.Elapsed < TimeSpan.FromSeconds(60))
            await Task.Delay(50);
        Assert.That(live.HasExited, Is.False, live.Stderr);
        using var scraper = new MetricsScraper(new Uri($"http://127.0.0.1:{metricsPort}/"));

        PrometheusText metrics;
        double lastOrders = 0;
        do
        {
            metrics = await scraper.MetricsAsync();
            Assert.That(metrics.Sum("hft_orders_total"), Is.GreaterThanOrEqualTo(lastOrders));
            lastOrders = metrics.Sum("hft_orders_total");
            await Task.Delay(250);
        }
        while (!live.HasExited && watch.Elapsed < TimeSpan.FromSeconds(90) && (metrics.Sum("hft_orders_total") < 5 || metrics.Sum("hft_fills_total") < 1));
        Assert.That(metrics.Sum("hft_fills_total"), Is.GreaterThanOrEqualTo(1), live.Stderr);

        Assert.That((await scraper.WaitForHealthAsync("healthy", TimeSpan.FromSeconds(10))).Reached, Is.True);
        using (var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") })
        {
            using var answer = await admin.PostAsync("admin/faults", new StringContent("""{"stale_ms":4000}""", Encoding.UTF8, "application/json"));
            Assert.That((int)answer.StatusCode, Is.EqualTo(200));
        }
        var (degraded, during) = await scraper.WaitForHealthAsync("degraded", TimeSpan.FromSeconds(3.5));
        Assert.That(degraded, Is.True, during.ToString());
        Assert.That(during.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()), Does.Contain(HealthReasons.FeedStale));
        var (back, after) = await scraper.WaitForHealthAsync("healthy", TimeSpan.FromSeconds(15));
        Assert.That(back, Is.True, after.ToString());

        // Halt trading: once nothing is open, orders and fills no longer move, so a scrape now is the summary's.
        var kill = EngineProcess.Run("kill", config, "--json");
        Assert.That(kill.ExitCode, Is.Zero, kill.Stdout + kill.Stderr);
        // The session sees the kill file within 50 ms: critical from then on, with HTTP 503.
        var (critical, killed) = await scraper.WaitForHealthAsync("critical", TimeSpan.FromSeconds(3));
        Assert.That(critical, Is.True, killed.ToString());
        Assert.That((await scraper.HealthAsync()).Status, Is.EqualTo(503));
        Assert.That(killed.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()), Does.Contain(HealthReasons.KillSwitch));
        PrometheusText halted;
        double orders = -1, fills = -1;
        var settle = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await Task.Delay(1000);
            halted = await scraper.MetricsAsync();
            double o = halted.Value("hft_orders_total", "symbol=SIMUSDT"), f = halted.Value("hft_fills_total", "symbol=SIMUSDT");
            if (o == orders && f == fills) break;
            (orders, fills) = (o, f);
            Assert.That(settle.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)), "orders and fills kept moving after the kill");
        }
        live.Signal("INT");
        live.WaitForExit(TimeSpan.FromSeconds(60));
        Assert.That(live.ExitCode, Is.Zero, live.Stderr);
        var summary = EmulatorSessionTests.LastJson(live.Stdout);
        TestContext.Out.WriteLine($"halted scrape: orders {orders}, fills {fills}; summary: {summary}");
        Assert.Multiple(() =>
        {
            Assert.That(orders, Is.EqualTo(summary.GetProperty("orders").GetInt64()));
            Assert.That(fills, Is.EqualTo(summary.GetProperty("fills").GetInt64()));
            Assert.That(halted.Value("hft_position", "symbol=SIMUSDT"), Is.EqualTo(summary.GetProperty("position").GetDouble()).Within(1e-9));
            Assert.That(halted.Value("hft_market_events_total"), Is.LessThanOrEqualTo(summary.GetProperty("events").GetInt64()));
            Assert.That(halted.Value("hft_market_events_total"), Is.GreaterThan(0));
            Assert.That(live.Stderr, Does.Not.Contain("\u001b[K"), "no status line on a redirected standard error");
        });
        // The endpoint went away with the session.
        using var gone = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        Assert.ThrowsAsync<HttpRequestException>(() => gone.GetAsync($"http://127.0.0.1:{metricsPort}/metrics"));
    }
}
