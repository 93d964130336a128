using Hft.Exchanges.Common.Reconciliation;

namespace Hft.Exchanges.Bybit.Http;

/// <summary>Reconciliation's questions put to Bybit v5 over the gateway's signed REST client.</summary>
public sealed class BybitReconciliationVenue(BybitRestClient rest, string category) : IReconciliationVenue
{
    /// <inheritdoc />
    public async Task<VenueOpenOrders> OpenOrders(string symbol)
    {
        var (r, orders) = await rest.OpenOrders(symbol).ConfigureAwait(false);
        return r.IsOk ? new VenueOpenOrders(null, orders) : new VenueOpenOrders(r.Describe(), []);
    }

    /// <inheritdoc />
    public async Task<VenueOrderLookup> Lookup(string symbol, string clientOrderId)
    {
        var (r, update) = await rest.QueryOrder(symbol, clientOrderId).ConfigureAwait(false);
        return r.IsOk ? new VenueOrderLookup(null, update) : new VenueOrderLookup(r.Describe(), null);
    }

    /// <inheritdoc />
    public bool HasPositions => category is "linear" or "inverse";

    /// <inheritdoc />
    public async Task<VenuePosition> Position(string symbol) =>
        await rest.Position(symbol).ConfigureAwait(false) is { } p ? new VenuePosition(null, p) : new VenuePosition("the position could not be read", 0);
}
