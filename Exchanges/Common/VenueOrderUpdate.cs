using Hft.Core.Markets;
using Hft.Core.Orders;

namespace Hft.Exchanges.Common;

/// <summary>
/// What a venue says about one order, from its user stream or a REST answer, in venue-neutral terms. Quantities are
/// cumulative where the venue gives them so (the venue's cumulative filled quantity is the truth, not a sum of deltas).
/// </summary>
/// <param name="ClientOrderId">The client order id (ours if it has our prefix).</param>
/// <param name="Status">The order's status after this update.</param>
/// <param name="Price">Limit price.</param>
/// <param name="Quantity">Ordered quantity.</param>
/// <param name="CumulativeQuantity">Filled so far.</param>
/// <param name="AveragePrice">Average fill price so far (0 if none).</param>
/// <param name="LastQuantity">Filled by this update (0 if it was no fill).</param>
/// <param name="LastPrice">Price of this update's fill.</param>
/// <param name="Fee">Fee of this update's fill, positive for a cost.</param>
/// <param name="Maker">This fill provided liquidity.</param>
/// <param name="TimeMs">Venue time of the update, ms.</param>
/// <param name="Reason">Why the venue refused or ended the order, when it says.</param>
public sealed record VenueOrderUpdate(
    string ClientOrderId,
    OrderStatus Status,
    decimal Price,
    decimal Quantity,
    decimal CumulativeQuantity,
    decimal AveragePrice,
    decimal LastQuantity,
    decimal LastPrice,
    decimal Fee,
    bool Maker,
    long TimeMs,
    string? Reason = null)
{
    /// <summary>Buy or sell, where the message says (REST answers and open orders); <see cref="Side.None"/> otherwise.</summary>
    public Side Side { get; init; }

    /// <summary>The side in a venue's words: <c>BUY</c>/<c>Buy</c> or <c>SELL</c>/<c>Sell</c>; anything else is none.</summary>
    public static Side ParseSide(string? text) => text switch
    {
        "BUY" or "Buy" => Side.Buy,
        "SELL" or "Sell" => Side.Sell,
        _ => Side.None,
    };
}
