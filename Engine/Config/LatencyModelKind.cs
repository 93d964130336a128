namespace Hft.Engine.Config;

/// <summary>Order latency models the simulated venue offers (<c>[backtest.latency] model</c>).</summary>
public enum LatencyModelKind
{
    /// <summary>Fixed entry and response latencies (<c>constant</c>).</summary>
    Constant,
    /// <summary>Fixed latencies per operation and leg (<c>per-operation</c>).</summary>
    PerOperation,
    /// <summary>Interpolated from recorded order round trips (<c>interpolated</c>, hftbacktest's <c>IntpOrderLatency</c>).</summary>
    Interpolated,
}
