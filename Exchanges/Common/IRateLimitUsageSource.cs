namespace Hft.Exchanges.Common;

/// <summary>A gateway's rate limiter, asked for its budgets' usage by the metrics (from any thread).</summary>
public interface IRateLimitUsageSource
{
    /// <summary>Every budget the limiter knows, as last reported by the venue or counted locally.</summary>
    IReadOnlyList<RateLimitUsage> Usage();
}
