namespace Hft.Exchanges.Common.Reconciliation;

/// <summary>A step of a reconciliation coming back to its gateway's mailbox (the gateway hands it to its <see cref="VenueReconciler"/>).</summary>
public abstract record ReconciliationStep(int Run);

internal sealed record OrdersFetched(int Run, IReadOnlyList<VenueOpenOrders> Orders) : ReconciliationStep(Run);

internal sealed record OrdersLookedUp(int Run, IReadOnlyList<(int Instrument, string ClientOrderId, VenueOrderLookup Lookup)> Lookups) : ReconciliationStep(Run);

internal sealed record PositionsFetched(int Run, IReadOnlyList<VenuePosition?> Positions) : ReconciliationStep(Run);

internal sealed record ConfirmDifferences(int Run, string Reason) : ReconciliationStep(Run);

/// <summary>Starts a reconciliation when it is due (the periodic timer, a reconnect); ignored while one runs.</summary>
public sealed record ReconcileNow(string Reason) : ReconciliationStep(0);
