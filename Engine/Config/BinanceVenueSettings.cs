namespace Hft.Engine.Config;

/// <summary>
/// Binance USD-M futures (<c>kind = "binance-futures"</c>) or spot (<c>kind = "binance-spot"</c>).
/// </summary>
/// <param name="Name">The name instruments refer to.</param>
/// <param name="Kind"><see cref="VenueKind.BinanceFutures"/> or <see cref="VenueKind.BinanceSpot"/>.</param>
/// <param name="RestUrl">REST base URL (<c>rest_url</c>): order entry, listen keys (futures), depth snapshots.</param>
/// <param name="WsUrl">
/// Market-stream base URL (<c>ws_url</c>). Futures: the stream root, to which the adapter appends the
/// <c>/public</c>, <c>/market</c> and <c>/private</c> entry points (user data arrives on <c>/private</c>).
/// Spot: the stream host, to which it appends <c>/ws</c> or <c>/stream</c>.
/// </param>
/// <param name="WsApiUrl">
/// Spot only (<c>ws_api_url</c>): the WebSocket API, over which spot user data now flows (the spot listen key
/// was removed in 2026). Null for futures.
/// </param>
/// <param name="Credentials">API key pair; required in live mode, unused in paper mode.</param>
public sealed record BinanceVenueSettings(string Name, VenueKind Kind, Uri RestUrl, Uri WsUrl, Uri? WsApiUrl, VenueCredentials? Credentials)
    : VenueSettings(Name, Kind);
