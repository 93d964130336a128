namespace Hft.Engine.Config;

/// <summary>Queue-position models the simulated venue offers (<c>[backtest.queue] model</c>).</summary>
public enum QueueModelKind
{
    /// <summary>Advance only on trades at the order's price (<c>risk-averse</c>), hftbacktest's <c>RiskAdverseQueueModel</c>.</summary>
    RiskAverse,
}
