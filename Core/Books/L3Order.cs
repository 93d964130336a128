using Hft.Core.Markets;

namespace Hft.Core.Books;

/// <summary>One resting order of a market-by-order (L3) feed.</summary>
/// <param name="Id">The feed's order id.</param>
/// <param name="Side">Bid or ask.</param>
/// <param name="PriceTick">Price in ticks.</param>
/// <param name="Quantity">Open quantity.</param>
public readonly record struct L3Order(ulong Id, Side Side, long PriceTick, double Quantity);
