using Hft.Exchanges.Common.Reconciliation;

namespace Hft.Engine.Config;

/// <summary>
/// How a live session reconciles with its venue (<c>[reconciliation]</c>): always at start, before any strategy may send
/// an order; again on every reconnect of the private stream and every <see cref="EverySeconds"/>.
/// </summary>
public sealed record ReconciliationSettings
{
    /// <summary>What a position difference leads to (<c>policy</c>: <c>warn</c>, <c>adjust</c> or <c>halt</c>); default adjust.</summary>
    public ReconciliationPolicy Policy { get; init; } = ReconciliationPolicy.Adjust;

    /// <summary>Reconcile every this many seconds while trading (<c>every_s</c>; 0: only at start and on reconnects); default 60.</summary>
    public double EverySeconds { get; init; } = 60;

    /// <summary>Reconcile after each reconnect of the private stream (<c>on_reconnect</c>); default true.</summary>
    public bool OnReconnect { get; init; } = true;

    /// <summary>The largest position difference taken as equal, in lots (<c>position_tolerance_lots</c>); default 0 (exact).</summary>
    public double PositionToleranceLots { get; init; }

    /// <summary>The gateway's options for these settings.</summary>
    public ReconciliationOptions ToOptions() => new()
    {
        Policy = Policy,
        Every = EverySeconds > 0 ? TimeSpan.FromSeconds(EverySeconds) : null,
        OnReconnect = OnReconnect,
        PositionToleranceLots = PositionToleranceLots,
    };
}
