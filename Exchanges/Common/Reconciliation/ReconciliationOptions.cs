namespace Hft.Exchanges.Common.Reconciliation;

/// <summary>When a gateway reconciles with its venue and what it does about a difference.</summary>
public sealed record ReconciliationOptions
{
    /// <summary>What a position difference leads to.</summary>
    public ReconciliationPolicy Policy { get; init; } = ReconciliationPolicy.Adjust;

    /// <summary>Reconcile at start (before any strategy may send an order). Off only for benches that drive a gateway by hand.</summary>
    public bool OnStart { get; init; } = true;

    /// <summary>Reconcile again each time the private stream reconnects (updates sent while it was down are not sent again).</summary>
    public bool OnReconnect { get; init; } = true;

    /// <summary>Reconcile every this often while trading; null: only at start and on reconnects.</summary>
    public TimeSpan? Every { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The largest position difference taken as equal, in lots of each instrument (0: exact, to rounding).</summary>
    public double PositionToleranceLots { get; init; }

    /// <summary>How long after its last request an order must be quiet before reconciliation asks about it (an answer may be on its way).</summary>
    public TimeSpan QuietFor { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long to wait before checking a difference again (it may be a fill whose event is on its way); only a difference seen twice counts.</summary>
    public TimeSpan ConfirmAfter { get; init; } = TimeSpan.FromSeconds(1);
}
