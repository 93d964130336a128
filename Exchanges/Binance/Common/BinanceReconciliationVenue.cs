using System.Text.Json;
using Hft.Exchanges.Common;
using Hft.Exchanges.Common.Reconciliation;

namespace Hft.Exchanges.Binance.Common;

/// <summary>Reconciliation's questions put to a Binance market over its signed REST client (open orders, an order by client id, the position).</summary>
public sealed class BinanceReconciliationVenue(IBinanceMarket market) : IReconciliationVenue
{
    /// <summary>The venue's "order does not exist" code for a query.</summary>
    public const int NoSuchOrder = -2013;

    /// <inheritdoc />
    public async Task<VenueOpenOrders> OpenOrders(string symbol)
    {
        var r = await market.OpenOrders(symbol).ConfigureAwait(false);
        if (!r.IsOk) return new VenueOpenOrders(r.Describe(), []);
        try
        {
            using var doc = r.Json();
            if (doc.RootElement.ValueKind != JsonValueKind.Array) return new VenueOpenOrders("open orders: not a JSON array", []);
            var orders = new List<VenueOrderUpdate>();
            foreach (var item in doc.RootElement.EnumerateArray()) orders.Add(market.OrderAnswer(item)[^1]);
            return new VenueOpenOrders(null, orders);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return new VenueOpenOrders("open orders: " + e.Message, []);
        }
    }

    /// <inheritdoc />
    public async Task<VenueOrderLookup> Lookup(string symbol, string clientOrderId)
    {
        var r = await market.QueryOrder(symbol, clientOrderId).ConfigureAwait(false);
        if (r.Outcome == RestOutcome.Rejected && r.Code == NoSuchOrder) return new VenueOrderLookup(null, null);
        if (!r.IsOk) return new VenueOrderLookup(r.Describe(), null);
        try
        {
            using var doc = r.Json();
            return new VenueOrderLookup(null, market.OrderAnswer(doc.RootElement)[^1]);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return new VenueOrderLookup("order query: " + e.Message, null);
        }
    }

    /// <inheritdoc />
    public bool HasPositions => market.HasPositions;

    /// <inheritdoc />
    public async Task<VenuePosition> Position(string symbol) =>
        await market.Position(symbol).ConfigureAwait(false) is { } p ? new VenuePosition(null, p) : new VenuePosition("the position could not be read", 0);
}
