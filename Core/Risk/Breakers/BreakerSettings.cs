namespace Hft.Core.Risk.Breakers;

/// <summary>
/// Circuit breakers (<c>[risk.breakers]</c>): conditions watched every <see cref="CheckIntervalMs"/> of the loop's clock
/// (virtual in a backtest) that, when one holds, cancel every open order and move trading to <see cref="OnTrip"/>. Each
/// is off unless set, so a configuration without them runs exactly as before they existed.
/// </summary>
public sealed record BreakerSettings
{
    /// <summary>No breakers.</summary>
    public static BreakerSettings None { get; } = new();

    /// <summary>How often the conditions are looked at, ms (<c>check_interval_ms</c>).</summary>
    public double CheckIntervalMs { get; init; } = 100;

    /// <summary>The state a trip moves trading to (<c>on_trip</c>: halted or reducing).</summary>
    public TradingState OnTrip { get; init; } = TradingState.Halted;

    /// <summary>After this long, a tripped breaker whose condition no longer holds lets trading resume (<c>cooldown_ms</c>; 0: only a reset command does).</summary>
    public double CooldownMs { get; init; }

    /// <summary>Largest fall of total equity from its value at the start of the UTC day, quote currency (<c>daily_loss</c>).</summary>
    public double DailyLoss { get; init; } = double.PositiveInfinity;

    /// <summary>Largest fall of total equity from its peak, quote currency (<c>drawdown</c>).</summary>
    public double Drawdown { get; init; } = double.PositiveInfinity;

    /// <summary>Largest absolute position of any instrument, which fills may take past the pre-trade limit (<c>max_position</c>).</summary>
    public double MaxPosition { get; init; } = double.PositiveInfinity;

    /// <summary>Longest time without a book update on any instrument, ms (<c>stale_feed_ms</c>).</summary>
    public double StaleFeedMs { get; init; } = double.PositiveInfinity;

    /// <summary>Longest time a book may stay crossed or out of sync (a gap not yet resynced), ms (<c>book_integrity_ms</c>).</summary>
    public double BookIntegrityMs { get; init; } = double.PositiveInfinity;

    /// <summary>Most venue rejections within <see cref="RejectWindowMs"/> (<c>max_rejects</c>; 0: no limit).</summary>
    public int MaxRejects { get; init; }

    /// <summary>The window of <see cref="MaxRejects"/>, ms (<c>reject_window_ms</c>).</summary>
    public double RejectWindowMs { get; init; } = 1000;

    /// <summary>Longest a request may wait for the venue's answer, ms (<c>ack_latency_ms</c>).</summary>
    public double AckLatencyMs { get; init; } = double.PositiveInfinity;

    /// <summary>Longest the venue may stay disconnected, ms (<c>venue_disconnected_ms</c>; live and paper only).</summary>
    public double VenueDisconnectedMs { get; init; } = double.PositiveInfinity;

    /// <summary>Largest divergence between the venue and the shadow model (<c>divergence</c>).</summary>
    public double Divergence { get; init; } = double.PositiveInfinity;

    /// <summary>True if any breaker is set.</summary>
    public bool Any => Build().Count > 0;

    /// <summary>The breakers these settings ask for, in a fixed order (the first that holds is the reason).</summary>
    public IReadOnlyList<ICircuitBreaker> Build()
    {
        var breakers = new List<ICircuitBreaker>();
        if (!double.IsPositiveInfinity(DailyLoss)) breakers.Add(new DailyLossBreaker(DailyLoss));
        if (!double.IsPositiveInfinity(Drawdown)) breakers.Add(new DrawdownBreaker(Drawdown));
        if (!double.IsPositiveInfinity(MaxPosition)) breakers.Add(new PositionBreachBreaker(MaxPosition));
        if (!double.IsPositiveInfinity(StaleFeedMs)) breakers.Add(new StaleFeedBreaker(Nanos(StaleFeedMs)));
        if (!double.IsPositiveInfinity(BookIntegrityMs)) breakers.Add(new BookIntegrityBreaker(Nanos(BookIntegrityMs)));
        if (MaxRejects > 0) breakers.Add(new RejectRateBreaker(MaxRejects, Nanos(RejectWindowMs)));
        if (!double.IsPositiveInfinity(AckLatencyMs)) breakers.Add(new AckLatencyBreaker(Nanos(AckLatencyMs)));
        if (!double.IsPositiveInfinity(VenueDisconnectedMs)) breakers.Add(new VenueDisconnectedBreaker(Nanos(VenueDisconnectedMs)));
        if (!double.IsPositiveInfinity(Divergence)) breakers.Add(new DivergenceBreaker(Divergence));
        return breakers;
    }

    /// <summary>Milliseconds as the loop clock's nanoseconds.</summary>
    public static long Nanos(double milliseconds) => (long)Math.Round(milliseconds * 1_000_000);
}
