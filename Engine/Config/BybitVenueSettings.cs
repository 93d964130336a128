namespace Hft.Engine.Config;

/// <summary>Bybit v5 (<c>kind = "bybit"</c>), USDT perpetuals (category linear).</summary>
/// <param name="Name">The name instruments refer to.</param>
/// <param name="RestUrl">REST base URL (<c>rest_url</c>): positions, wallet, server time, order queries.</param>
/// <param name="PublicWsUrl">Public stream for the category (<c>public_ws_url</c>), e.g. <c>.../v5/public/linear</c>.</param>
/// <param name="PrivateWsUrl">Private stream: orders, executions, positions, wallet (<c>private_ws_url</c>).</param>
/// <param name="TradeWsUrl">WebSocket order entry (<c>trade_ws_url</c>), as hftbacktest's connector places orders.</param>
/// <param name="Category">Bybit's product category sent with every request (<c>category</c>); only <c>linear</c> is supported.</param>
/// <param name="Credentials">API key pair; required in live mode, unused in paper mode.</param>
public sealed record BybitVenueSettings(string Name, Uri RestUrl, Uri PublicWsUrl, Uri PrivateWsUrl, Uri TradeWsUrl,
    string Category, VenueCredentials? Credentials) : VenueSettings(Name, VenueKind.Bybit);
