using Hft.Core.Health;

namespace Hft.Engine.Metrics;

/// <summary>
/// Everything <c>/metrics</c>, <c>/health</c> and the status line show, copied on the session's loop in one go (so
/// the HTTP thread never reads loop-owned state), or after the loop stopped.
/// </summary>
internal sealed record SessionSnapshot
{
    /// <summary>Loop clock when taken (ns since the epoch).</summary>
    public long Now { get; init; }

    /// <summary>Loop clock when the session started.</summary>
    public long StartedAt { get; init; }

    /// <summary>Messages, timer deliveries and feed items the loop handled.</summary>
    public long LoopMessages { get; init; }

    /// <summary>Work waiting on the loop.</summary>
    public int QueueDepth { get; init; }

    /// <summary>Market event rows handed to the books (the summary's <c>events</c>).</summary>
    public long MarketEvents { get; init; }

    /// <summary>Stream frames parsed.</summary>
    public long Frames { get; init; }

    /// <summary>Unparseable frames or answers.</summary>
    public long BadMessages { get; init; }

    /// <summary>Book rebuilds.</summary>
    public long Resyncs { get; init; }

    /// <summary>Stream reconnections.</summary>
    public long Reconnects { get; init; }

    /// <summary>Requests the venue refused.</summary>
    public long VenueRejects { get; init; }

    /// <summary>Requests whose outcome was unknown.</summary>
    public long UnknownOutcomes { get; init; }

    /// <summary>Rate-limit refusals (429 / 10006).</summary>
    public long RateLimited { get; init; }

    /// <summary>The gateway's request budgets (Binance: weight and order counts; Bybit: orders a second and each endpoint's).</summary>
    public IReadOnlyList<Hft.Exchanges.Common.RateLimitUsage> RateLimits { get; init; } = [];

    /// <summary>Loop time since when a venue stream is down, or null when all are up.</summary>
    public long? DisconnectedSince { get; init; }

    /// <summary>Per instrument, in configuration order.</summary>
    public IReadOnlyList<InstrumentSnapshot> Instruments { get; init; } = [];

    /// <summary>Venue refusals by reason label.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> VenueRejectsByReason { get; init; } = [];

    /// <summary>The configured breakers' names.</summary>
    public IReadOnlyList<string> Breakers { get; init; } = [];

    /// <summary>The tripped breaker, or null.</summary>
    public string? TrippedBreaker { get; init; }

    /// <summary>Why it tripped (its latest trip's text), or null.</summary>
    public string? TripReason { get; init; }

    /// <summary>Breaker trips (resets not counted).</summary>
    public long BreakerTrips { get; init; }

    /// <summary>Venue answers' latency, request to report.</summary>
    public required LatencySnapshot AckLatency { get; init; }

    /// <summary>Tick to order (latest market event to the order passing risk).</summary>
    public required LatencySnapshot TickToOrder { get; init; }

    /// <summary>Shadow trading's figures, or null without shadow trading.</summary>
    public ShadowSnapshot? Shadow { get; init; }

    /// <summary>Reasons raised from outside (reconciliation).</summary>
    public IReadOnlyList<HealthReason> Signals { get; init; } = [];

    /// <summary>The loop stopped on this failure, or null.</summary>
    public string? Failure { get; init; }

    /// <summary>Orders sent, all instruments.</summary>
    public long Orders => Instruments.Sum(i => i.OrdersSent);

    /// <summary>Fills, all instruments.</summary>
    public long Fills => Instruments.Sum(i => i.Fills);
}
