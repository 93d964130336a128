namespace Hft.Engine.Config;

/// <summary>Order latency of the simulated venue (<c>[backtest.latency]</c>).</summary>
/// <param name="Model">The model (<c>model</c>).</param>
/// <param name="EntryMs">Local send to venue arrival, in milliseconds (<c>entry_ms</c>), at least 0.</param>
/// <param name="ResponseMs">Venue reply to local arrival, in milliseconds (<c>response_ms</c>), at least 0.</param>
/// <param name="PerOperation">The legs of the <c>per-operation</c> model; null for the other models.</param>
/// <param name="Files">Recorded latency files of the <c>interpolated</c> model (<c>files</c>), resolved paths.</param>
/// <param name="OffsetNs">Added to every recorded exchange time, twice to response times (<c>offset_ns</c>).</param>
public sealed record LatencySettings(LatencyModelKind Model = LatencyModelKind.Constant, double EntryMs = 1.0, double ResponseMs = 1.0,
    PerOperationLatencySettings? PerOperation = null, IReadOnlyList<string>? Files = null, long OffsetNs = 0);

/// <summary>
/// Latencies of the <c>per-operation</c> model, in milliseconds; each defaults to <c>entry_ms</c> (entry legs)
/// or <c>response_ms</c> (response legs).
/// </summary>
/// <param name="SubmitMs">New order, send to arrival (<c>submit_ms</c>).</param>
/// <param name="ModifyMs">Modify, send to arrival (<c>modify_ms</c>).</param>
/// <param name="CancelMs">Cancel, send to arrival (<c>cancel_ms</c>).</param>
/// <param name="SubmitResponseMs">Answer to a new order (<c>submit_response_ms</c>).</param>
/// <param name="ModifyResponseMs">Answer to a modify (<c>modify_response_ms</c>).</param>
/// <param name="CancelResponseMs">Answer to a cancel (<c>cancel_response_ms</c>).</param>
/// <param name="FillResponseMs">Execution caused by market data (<c>fill_response_ms</c>).</param>
public sealed record PerOperationLatencySettings(double SubmitMs, double ModifyMs, double CancelMs,
    double SubmitResponseMs, double ModifyResponseMs, double CancelResponseMs, double FillResponseMs);
