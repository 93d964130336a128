namespace Hft.Engine.Metrics;

/// <summary>What shadow trading found so far (see <see cref="Hft.Engine.Shadow.ShadowStatistics"/>), copied with the session's snapshot.</summary>
internal sealed record ShadowSnapshot
{
    /// <summary>New orders followed in the model.</summary>
    public long Orders { get; init; }

    /// <summary>Orders compared (both sides done).</summary>
    public long Compared { get; init; }

    /// <summary>Compared orders whose outcomes differed: a different quantity, the same quantity at another price, the same fill at another time.</summary>
    public long QuantityDiverged { get; init; }

    /// <inheritdoc cref="QuantityDiverged"/>
    public long PriceDiverged { get; init; }

    /// <inheritdoc cref="QuantityDiverged"/>
    public long TimeDiverged { get; init; }

    /// <summary>Requests placed in the model without the venue's answer (it did not come in time).</summary>
    public long Unanswered { get; init; }

    /// <summary>The share of diverged orders among the latest (what the divergence breaker sees), and the largest seen.</summary>
    public double Divergence { get; init; }

    /// <inheritdoc cref="Divergence"/>
    public double MaxDivergence { get; init; }

    /// <summary>The figures of <paramref name="s"/> now.</summary>
    public static ShadowSnapshot Of(Hft.Engine.Shadow.ShadowStatistics s) => new()
    {
        Orders = s.Orders,
        Compared = s.Compared,
        QuantityDiverged = s.QuantityDiverged,
        PriceDiverged = s.PriceDiverged,
        TimeDiverged = s.TimeDiverged,
        Unanswered = s.Unanswered,
        Divergence = s.Divergence,
        MaxDivergence = s.MaxDivergence,
    };
}
