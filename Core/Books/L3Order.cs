using Hft.Core.Markets;

namespace Hft.Core.Books;

/// <summary>One resting order of a market-by-order (L3) feed.</summary>
/// <param name="Id">The feed's order id.</param>
/// <param name="Side">Bid or ask.</param>
/// <param name="PriceTick">Price in ticks.</param>
/// <param name="Quantity">Open quantity.</param>
/// <param name="Sequence">When it joined its price's queue (larger is later): its add, or the last modify that moved
/// it to the back (a new price or a larger quantity), as the L3 exchange's FIFO queues order it.</param>
public readonly record struct L3Order(ulong Id, Side Side, long PriceTick, double Quantity, long Sequence = 0);
