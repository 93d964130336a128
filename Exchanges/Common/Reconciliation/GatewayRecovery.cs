using Hft.Core.Journal;
using Hft.Core.Venues;

namespace Hft.Exchanges.Common.Reconciliation;

/// <summary>What a live session hands its gateway about the sessions before it, and how it learns the venue was reconciled.</summary>
public sealed record GatewayRecovery
{
    /// <summary>Where each new order's client id is journaled before it is sent (null: no journal).</summary>
    public IClientOrderJournal? Journal { get; init; }

    /// <summary>The orders the journal left open, to be checked against the venue at start.</summary>
    public IReadOnlyList<RecoveredOrder> OpenOrders { get; init; } = [];

    /// <summary>
    /// Called on the loop once the first reconciliation finished (or at once when the gateway does not trade): only then
    /// may strategies start.
    /// </summary>
    public Action? Reconciled { get; init; }

    /// <summary>No journal, nothing recovered, nobody waiting.</summary>
    public static GatewayRecovery None { get; } = new();
}
