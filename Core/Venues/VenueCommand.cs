using Hft.Core.Markets;
using Hft.Core.Orders;

namespace Hft.Core.Venues;

/// <summary>
/// An order request on its way from the order-state actor to a venue gateway: an immutable snapshot of
/// what was asked, so the venue never shares the local order object.
/// </summary>
public sealed record VenueCommand(
    VenueCommandKind Kind,
    int Instrument,
    ulong OrderId,
    Side Side,
    long PriceTick,
    double Quantity,
    TimeInForce TimeInForce,
    OrderType Type,
    long LocalTime);
