namespace Hft.Engine.Safety;

/// <summary>What the kill switch did on one instrument of one venue.</summary>
public sealed record KillReport
{
    /// <summary>The venue's name in the config.</summary>
    public required string Venue { get; init; }

    /// <summary>The instrument.</summary>
    public required string Symbol { get; init; }

    /// <summary>Milliseconds from the switch's start until the venue answered the last cancel-all of this symbol.</summary>
    public double CancelledAfterMs { get; init; }

    /// <summary>Cancel-all requests sent (more than one when orders in flight landed after the first).</summary>
    public int CancelRequests { get; init; }

    /// <summary>Orders the venue still held at the end (null: it could not be asked).</summary>
    public int? OpenAfter { get; init; }

    /// <summary>The position before the flatten (null: not asked, or the venue holds balances only).</summary>
    public decimal? PositionBefore { get; init; }

    /// <summary>The position at the end (null: not asked, or the venue holds balances only).</summary>
    public decimal? PositionAfter { get; init; }

    /// <summary>True if the venue holds positions (futures), false for balances only (spot: nothing to flatten).</summary>
    public bool HasPositions { get; init; }

    /// <summary>True if a flatten was asked for.</summary>
    public bool Flatten { get; init; }

    /// <summary>What went wrong, in order (empty when all went well).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>True when nothing is left open and, if asked, the position is flat (or the venue holds no positions).</summary>
    public bool Succeeded => OpenAfter == 0 && (!Flatten || !HasPositions || PositionAfter == 0);
}
