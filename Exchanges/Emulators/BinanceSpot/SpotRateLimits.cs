namespace Hft.Exchanges.Emulators.BinanceSpot;

/// <summary>The limits <c>exchangeInfo.rateLimits</c> announces and the emulator enforces (the venue's examples by default).</summary>
public sealed record SpotRateLimits
{
    /// <summary>REQUEST_WEIGHT per minute (per IP; the emulator has one client address).</summary>
    public int WeightPerMinute { get; init; } = 6000;
    /// <summary>ORDERS per 10 seconds.</summary>
    public int OrdersPer10Seconds { get; init; } = 50;
    /// <summary>ORDERS per day.</summary>
    public int OrdersPerDay { get; init; } = 160_000;
    /// <summary>How long an IP that ignores a 429 is banned (the venue: 2 minutes, growing to 3 days for repeat offenders).</summary>
    public TimeSpan BanDuration { get; init; } = TimeSpan.FromMinutes(2);
}
