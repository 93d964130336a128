using Hft.Core.Health;
using Hft.Core.Orders;
using Hft.Engine.Metrics;

namespace Hft.Engine.Tests.Metrics;

/// <summary>How <c>/health</c> judges a snapshot: each condition alone, and the worst one winning.</summary>
public sealed class HealthCheckTests
{
    private const long Second = 1_000_000_000;

    private static SessionSnapshot Snapshot(long silentFor = 0, long? downFor = null, string? tripped = null, params HealthReason[] signals)
    {
        long now = 1_000 * Second;
        var empty = LatencySnapshot.Of(new LatencyHistogram());
        return new SessionSnapshot
        {
            Now = now,
            StartedAt = now - 100 * Second,
            Instruments = [new InstrumentSnapshot { Symbol = "AUSDT", LastEventTime = now - silentFor }, new InstrumentSnapshot { Symbol = "BUSDT", LastEventTime = now }],
            DisconnectedSince = downFor is { } d ? now - d : null,
            TrippedBreaker = tripped,
            TripReason = tripped is null ? null : "why",
            AckLatency = empty,
            TickToOrder = empty,
            Signals = signals,
        };
    }

    private static (HealthStatus, string[]) Judge(SessionSnapshot? s)
    {
        var report = new HealthCheck(staleFeedMs: 2000).Judge(s);
        return (report.Status, report.Reasons.Select(r => r.Code).ToArray());
    }

    [Test]
    public void A_fresh_feed_with_nothing_wrong_is_healthy() =>
        Assert.That(Judge(Snapshot(silentFor: 2 * Second)), Is.EqualTo((HealthStatus.Healthy, Array.Empty<string>())), "silent exactly the limit is not stale");

    [Test]
    public void A_silent_feed_or_a_venue_down_is_degraded()
    {
        Assert.That(Judge(Snapshot(silentFor: 2 * Second + 1)), Is.EqualTo((HealthStatus.Degraded, new[] { HealthReasons.FeedStale })));
        Assert.That(Judge(Snapshot(downFor: Second)), Is.EqualTo((HealthStatus.Degraded, new[] { HealthReasons.VenueDisconnected })));
    }

    [Test]
    public void A_tripped_breaker_a_failed_reconciliation_or_no_answer_is_critical_and_the_worst_wins()
    {
        Assert.That(Judge(Snapshot(tripped: "stale_feed")), Is.EqualTo((HealthStatus.Critical, new[] { HealthReasons.BreakerTripped })));
        var signals = new HealthSignals();
        signals.ReconciliationFailed("AUSDT: venue 1, engine 0");
        Assert.That(Judge(Snapshot(silentFor: 10 * Second, signals: signals.Current.ToArray())),
            Is.EqualTo((HealthStatus.Critical, new[] { HealthReasons.FeedStale, HealthReasons.ReconciliationFailed })));
        signals.ReconciliationSucceeded();
        Assert.That(signals.Current, Is.Empty);
        Assert.That(Judge(null), Is.EqualTo((HealthStatus.Critical, new[] { HealthReasons.LoopUnavailable })));
    }

    [TestCase("HTTP 400, code -5022: Due to the order could not be executed as maker", "-5022")]
    [TestCase("retCode 110007: ab not enough", "110007")]
    [TestCase("HTTP 503: upstream", "http_503")]
    [TestCase("unknown order", "other")]
    [TestCase(null, "other")]
    public void A_venue_s_reason_is_counted_by_its_code_never_its_text(string? reason, string label) =>
        Assert.That(RejectReasonLabel.Of(reason), Is.EqualTo(label));
}
