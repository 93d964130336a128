namespace Hft.Engine.Metrics;

/// <summary>One instrument of a <see cref="SessionSnapshot"/>.</summary>
internal sealed record InstrumentSnapshot
{
    /// <summary>The symbol.</summary>
    public required string Symbol { get; init; }

    /// <summary>Orders accepted by risk and sent.</summary>
    public long OrdersSent { get; init; }

    /// <summary>Fills (the engine's count, as in the summary).</summary>
    public long Fills { get; init; }

    /// <summary>The engine's position.</summary>
    public double Position { get; init; }

    /// <summary>Equity marked at the book's mid, net of fees: the session's PnL (NaN without a mid).</summary>
    public double Pnl { get; init; }

    /// <summary>Loop time of the book's latest market event (0: none yet).</summary>
    public long LastEventTime { get; init; }

    /// <summary>Whether the gateway holds the book in sync.</summary>
    public bool BookSynced { get; init; }

    /// <summary>Orders refused by the risk checks, by reason code, only reasons that refused any.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> RiskRejections { get; init; } = [];
}
