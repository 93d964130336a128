namespace Hft.Exchanges.Emulators.BinanceSpot;

/// <summary>One REST endpoint: its security, weight and handler, and whether it is order entry.</summary>
/// <param name="Signed">SIGNED (TRADE or USER_DATA): key, signature and timestamp are checked.</param>
/// <param name="Weight">Request weight, which may depend on the parameters.</param>
/// <param name="OrderRequest">Order entry (new, cancel, cancel all, cancel-replace, amend): injected failures apply and refusals are counted.</param>
/// <param name="PlacesOrder">Places an order: counted in the ORDERS limits and in <c>orders_received</c>, with the order-count headers.</param>
/// <param name="Handle">The handler.</param>
internal sealed record SpotEndpoint(bool Signed, Func<SpotParams, int> Weight, bool OrderRequest, bool PlacesOrder, Func<SpotParams, long, RestAnswer> Handle);
