using Hft.Core.Markets;
using Hft.Core.Orders;

namespace Hft.Core.Journal;

/// <summary>
/// An order the journal last saw open (or sent and not yet answered): the venue decides what became of it.
/// </summary>
/// <param name="Instrument">Instrument index.</param>
/// <param name="OrderId">The local order id.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Status">The last status the journal holds (<see cref="OrderStatus.None"/>: sent, never answered).</param>
/// <param name="PriceTick">Limit price, ticks.</param>
/// <param name="Quantity">Ordered quantity.</param>
/// <param name="ClientOrderId">The venue-side id it was sent under; null if the journal never got that far (it may not have been sent).</param>
/// <param name="Cumulative">Quantity filled so far, from the journal's fills of this incarnation.</param>
/// <param name="SubmittedAt">Local time of its submission record (ns): the gateway's client id is made from it.</param>
public sealed record RecoveredOrder(int Instrument, ulong OrderId, Side Side, OrderStatus Status, long PriceTick, double Quantity,
    string? ClientOrderId, double Cumulative, long SubmittedAt = 0);
