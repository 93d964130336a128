namespace Hft.Core.Health;

/// <summary>How a running session stands, worst last (the order is the severity).</summary>
public enum HealthStatus
{
    /// <summary>Nothing wrong.</summary>
    Healthy = 0,

    /// <summary>Trading may go on but something needs watching (a stale feed, a venue disconnected).</summary>
    Degraded = 1,

    /// <summary>Trading is stopped or cannot be trusted (a breaker tripped, reconciliation failed).</summary>
    Critical = 2,
}
