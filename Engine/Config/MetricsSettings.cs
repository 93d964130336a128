namespace Hft.Engine.Config;

/// <summary>
/// The live session's metrics and health endpoint (<c>[metrics]</c>): Prometheus text at <c>/metrics</c> and JSON at
/// <c>/health</c>, on 127.0.0.1 only. Off unless the table says <c>enabled = true</c>; backtests never start it.
/// </summary>
public sealed record MetricsSettings
{
    /// <summary>Serve the endpoint (<c>enabled</c>); default false.</summary>
    public bool Enabled { get; init; }

    /// <summary>TCP port on 127.0.0.1 (<c>port</c>); 0 (the default) picks a free one, which the session logs.</summary>
    public int Port { get; init; }

    /// <summary>
    /// A book with no market event for longer than this is a stale feed, and <c>/health</c> says <c>degraded</c>
    /// (<c>stale_feed_ms</c>); default 5000.
    /// </summary>
    public double StaleFeedMs { get; init; } = 5000;

    /// <summary>
    /// Show the one-line status on the console (<c>status_line</c>, only when standard error is a terminal); default true.
    /// It does not need the endpoint: it is shown with or without <see cref="Enabled"/>.
    /// </summary>
    public bool StatusLine { get; init; } = true;
}
