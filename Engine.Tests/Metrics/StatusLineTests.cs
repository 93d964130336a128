using Hft.Core.Health;
using Hft.Core.Orders;
using Hft.Engine.Metrics;

namespace Hft.Engine.Tests.Metrics;

/// <summary>The console status line's text: rates from the previous sample, the counts, the health in its colour.</summary>
public sealed class StatusLineTests
{
    [Test]
    public void It_shows_rates_since_the_previous_sample_counts_positions_and_the_health()
    {
        long start = 1_000_000_000_000;
        var empty = LatencySnapshot.Of(new LatencyHistogram());
        var s = new SessionSnapshot
        {
            StartedAt = start, Now = start + 3_723_000_000_000, MarketEvents = 5_000, LoopMessages = 900, QueueDepth = 3, Reconnects = 2, RateLimited = 1,
            VenueRejects = 4, AckLatency = empty, TickToOrder = empty,
            Instruments = [new InstrumentSnapshot { Symbol = "SIM[USDT]", OrdersSent = 12, Fills = 5, Position = -0.25, Pnl = 1.5 }],
        };
        var previous = (s.Now - 2_000_000_000, 3_000L, 500L);
        string text = StatusLine.Format("live", s, new HealthReport(HealthStatus.Degraded, []), previous);
        Assert.That(text, Is.EqualTo("live 01:02:03 [yellow]degraded[/] | ev 1,000/s msg 200/s q 3 | orders 12 fills 5 rej 4 | SIM[[USDT]] -0.25 pnl 1.5 | reconn 2 429 1"));
        Assert.DoesNotThrow(() => _ = new Spectre.Console.Markup(text), "valid markup, the symbol escaped");
    }
}
