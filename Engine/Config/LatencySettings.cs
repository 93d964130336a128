namespace Hft.Engine.Config;

/// <summary>Order latency of the simulated venue (<c>[backtest.latency]</c>).</summary>
/// <param name="Model">The model (<c>model</c>).</param>
/// <param name="EntryMs">Local send to venue arrival, in milliseconds (<c>entry_ms</c>), at least 0.</param>
/// <param name="ResponseMs">Venue reply to local arrival, in milliseconds (<c>response_ms</c>), at least 0.</param>
public sealed record LatencySettings(LatencyModelKind Model = LatencyModelKind.Constant, double EntryMs = 1.0, double ResponseMs = 1.0);
