namespace Hft.Engine.Config;

/// <summary>
/// Shadow trading (<c>[shadow]</c>): in live and paper sessions a simulated venue with the <c>[backtest]</c> models
/// runs beside the real one on the same live rows and the same orders, and each order's outcome is compared.
/// </summary>
public sealed record ShadowSettings
{
    /// <summary>Run the shadow venue (<c>enabled</c>); default false.</summary>
    public bool Enabled { get; init; }

    /// <summary>The divergence is the share of diverged orders among the latest this many compared (<c>window</c>); default 50.</summary>
    public int Window { get; init; } = 50;

    /// <summary>Orders compared before the divergence breaker is told anything (<c>min_orders</c>); default 10.</summary>
    public int MinOrders { get; init; } = 10;

    /// <summary>First fills further apart than this count as different (<c>fill_time_tolerance_ms</c>); default 1000.</summary>
    public double FillTimeToleranceMs { get; init; } = 1000;

    /// <summary>
    /// Live rows are applied this far (exchange time) behind the newest, sorted by time, so that rows which came late over
    /// another socket (trades and depth arrive on separate streams) take their place (<c>reorder_ms</c>); default 100.
    /// </summary>
    public double ReorderMs { get; init; } = 100;

    /// <summary>A request the venue has not answered after this long is placed in the model anyway (<c>answer_timeout_ms</c>); default 5000.</summary>
    public double AnswerTimeoutMs { get; init; } = 5000;
}
