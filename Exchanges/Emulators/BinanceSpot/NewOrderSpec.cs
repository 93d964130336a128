using Hft.Core.Markets;

namespace Hft.Exchanges.Emulators.BinanceSpot;

/// <summary>A new order whose parameters and symbol filters were checked; what the matching engine still decides is left.</summary>
/// <param name="Side">Buy or sell.</param>
/// <param name="Type"><c>LIMIT</c>, <c>LIMIT_MAKER</c> or <c>MARKET</c>.</param>
/// <param name="TimeInForce"><c>GTC</c>, <c>IOC</c> or <c>FOK</c>.</param>
/// <param name="PriceTick">Limit price in ticks (0 for MARKET).</param>
/// <param name="Lots">Quantity in lots.</param>
/// <param name="QuoteOrderQuantity">The quote quantity a MARKET order was given (0 otherwise).</param>
/// <param name="ClientOrderId">The client's id, or null to have one generated.</param>
/// <param name="ResponseType"><c>ACK</c>, <c>RESULT</c> or <c>FULL</c>.</param>
public sealed record NewOrderSpec(Side Side, string Type, string TimeInForce, long PriceTick, long Lots, decimal QuoteOrderQuantity,
    string? ClientOrderId, string ResponseType);
