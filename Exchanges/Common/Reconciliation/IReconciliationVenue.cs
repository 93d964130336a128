namespace Hft.Exchanges.Common.Reconciliation;

/// <summary>What reconciliation asks a venue, over the gateway's own signed REST client.</summary>
public interface IReconciliationVenue
{
    /// <summary>The open orders of <paramref name="symbol"/> (anyone's: reconciliation tells ours by the client-id prefix).</summary>
    Task<VenueOpenOrders> OpenOrders(string symbol);

    /// <summary>What the venue knows of the order sent as <paramref name="clientOrderId"/>, open or ended.</summary>
    Task<VenueOrderLookup> Lookup(string symbol, string clientOrderId);

    /// <summary>True if the venue keeps positions (futures, Bybit linear); false on spot, whose holdings are balances.</summary>
    bool HasPositions { get; }

    /// <summary>The signed position of <paramref name="symbol"/>.</summary>
    Task<VenuePosition> Position(string symbol);
}

/// <summary>A symbol's open orders, or why they could not be read.</summary>
public sealed record VenueOpenOrders(string? Problem, IReadOnlyList<VenueOrderUpdate> Orders);

/// <summary>An order looked up by client id: found, not known to the venue, or why it could not be asked.</summary>
public sealed record VenueOrderLookup(string? Problem, VenueOrderUpdate? Update)
{
    /// <summary>The venue answered that it has no such order (it never took it).</summary>
    public bool NotFound => Problem is null && Update is null;
}

/// <summary>A symbol's signed position, or why it could not be read.</summary>
public sealed record VenuePosition(string? Problem, decimal Position);
