namespace Hft.Exchanges.Common;

/// <summary>One request budget of a venue as last reported: what was used of it and its size.</summary>
/// <param name="Limit">The budget's name, e.g. <c>weight_1m</c>, <c>orders_10s</c> or a Bybit endpoint's path (never anything secret).</param>
/// <param name="Used">Used in the current window.</param>
/// <param name="Max">The window's limit.</param>
public readonly record struct RateLimitUsage(string Limit, double Used, double Max);
