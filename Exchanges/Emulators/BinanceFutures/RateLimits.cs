namespace Hft.Exchanges.Emulators.BinanceFutures;

/// <summary>The venue's request limits (exchangeInfo <c>rateLimits</c>) and how long ignoring a 429 bans.</summary>
public sealed record RateLimits
{
    /// <summary>REQUEST_WEIGHT per minute (per IP).</summary>
    public int WeightPerMinute { get; init; } = 2400;
    /// <summary>ORDERS per 10 seconds (per account).</summary>
    public int OrdersPer10Seconds { get; init; } = 300;
    /// <summary>ORDERS per minute (per account).</summary>
    public int OrdersPerMinute { get; init; } = 1200;
    /// <summary>Ban after a request sent before Retry-After elapsed (the venue: 2 minutes and up).</summary>
    public TimeSpan BanDuration { get; init; } = TimeSpan.FromMinutes(2);
}
