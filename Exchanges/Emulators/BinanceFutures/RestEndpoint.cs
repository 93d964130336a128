namespace Hft.Exchanges.Emulators.BinanceFutures;

/// <summary>One REST endpoint: its security, what it costs against the limits, and its handler.</summary>
/// <param name="Security">Security type.</param>
/// <param name="Weight">Request weight (may depend on the parameters).</param>
/// <param name="Orders">How many orders it counts against the order limits.</param>
/// <param name="OrderEntry">True for requests that change orders (where injected failures apply).</param>
/// <param name="NewOrder">True for POST /fapi/v1/order (counted as orders received and rejected).</param>
/// <param name="Handle">The handler; refusals are thrown as <see cref="BinanceRejection"/>.</param>
public sealed record RestEndpoint(RestSecurity Security, Func<FuturesRequest, int> Weight, int Orders, bool OrderEntry, bool NewOrder,
    Func<FuturesRequest, byte[]> Handle);
