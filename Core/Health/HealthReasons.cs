namespace Hft.Core.Health;

/// <summary>The codes of <see cref="HealthReason"/>.</summary>
public static class HealthReasons
{
    /// <summary>A book had no market event for longer than the configured limit.</summary>
    public const string FeedStale = "feed_stale";

    /// <summary>A venue stream is down.</summary>
    public const string VenueDisconnected = "venue_disconnected";

    /// <summary>A circuit breaker is tripped.</summary>
    public const string BreakerTripped = "breaker_tripped";

    /// <summary>The engine's orders or positions do not agree with the venue's (set by reconciliation through <see cref="HealthSignals"/>).</summary>
    public const string ReconciliationFailed = "reconciliation_failed";

    /// <summary>The kill switch halted trading for the rest of the session.</summary>
    public const string KillSwitch = "kill_switch";

    /// <summary>The session's loop stopped on a failure, or could not be asked how it stands.</summary>
    public const string LoopUnavailable = "loop_unavailable";
}
