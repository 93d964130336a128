using System.Globalization;
using Hft.Core.Health;

namespace Hft.Engine.Metrics;

/// <summary>
/// Judges a <see cref="SessionSnapshot"/>: a book silent longer than the stale-feed limit or a venue stream down is
/// <c>degraded</c>; a tripped breaker, a failed reconciliation or a loop that failed or does not answer is
/// <c>critical</c>. The status is the worst reason's severity.
/// </summary>
internal sealed class HealthCheck(double staleFeedMs)
{
    /// <summary>The report for <paramref name="snapshot"/> (null: the loop did not answer).</summary>
    public HealthReport Judge(SessionSnapshot? snapshot)
    {
        if (snapshot is null)
            return new HealthReport(HealthStatus.Critical, [new HealthReason(HealthReasons.LoopUnavailable, "the session's loop did not answer", HealthStatus.Critical)]);
        var reasons = new List<HealthReason>();
        var c = CultureInfo.InvariantCulture;
        if (snapshot.Failure is { } failure)
            reasons.Add(new HealthReason(HealthReasons.LoopUnavailable, "the session's loop stopped: " + failure, HealthStatus.Critical));
        long limit = (long)(staleFeedMs * 1e6);
        foreach (var i in snapshot.Instruments)
        {
            // A book that never had an event is silent since the session started.
            long silence = snapshot.Now - (i.LastEventTime > 0 ? i.LastEventTime : snapshot.StartedAt);
            if (silence > limit)
                reasons.Add(new HealthReason(HealthReasons.FeedStale,
                    string.Create(c, $"{i.Symbol}: no market data for {silence / 1e6:0} ms (limit {staleFeedMs:0.#} ms)"), HealthStatus.Degraded));
        }
        if (snapshot.DisconnectedSince is { } since)
            reasons.Add(new HealthReason(HealthReasons.VenueDisconnected,
                string.Create(c, $"a venue stream is down for {(snapshot.Now - since) / 1e6:0} ms"), HealthStatus.Degraded));
        if (snapshot.TrippedBreaker is { } breaker)
            reasons.Add(new HealthReason(HealthReasons.BreakerTripped, breaker + (snapshot.TripReason is { } why ? ": " + why : ""), HealthStatus.Critical));
        reasons.AddRange(snapshot.Signals);
        var status = reasons.Count == 0 ? HealthStatus.Healthy : reasons.Max(r => r.Severity);
        return new HealthReport(status, reasons);
    }
}
