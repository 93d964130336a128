namespace Hft.Engine.Config;

/// <summary>How a live or paper session trades and stops (<c>[live]</c>).</summary>
public sealed record LiveSettings
{
    /// <summary>Cancel the strategies' open orders when the session stops (<c>cancel_on_stop</c>); default true.</summary>
    public bool CancelOnStop { get; init; } = true;

    /// <summary>Prefix of every client order id the engine sends (<c>client_order_prefix</c>); default <c>hft-</c>.</summary>
    public string ClientOrderPrefix { get; init; } = "hft-";

    /// <summary><c>recvWindow</c> of signed requests in ms (<c>recv_window_ms</c>); default 5000.</summary>
    public long RecvWindowMs { get; init; } = 5000;

    /// <summary>
    /// The kill file (<c>kill_file</c>, relative to the config's folder): <c>kill</c> writes it, a running session that
    /// sees it appear halts and cancels everything, and <c>live</c> refuses to start while it exists. Default: the
    /// config's name with the extension <c>.kill</c>, beside it (<c>grid.toml</c> -> <c>grid.kill</c>). Null only for
    /// settings not read from a file.
    /// </summary>
    public string? KillFile { get; init; }

    /// <summary>
    /// What a hot swap (<c>reload</c>) does with the replaced strategy's open orders (<c>reload_orders</c>): cancel them
    /// (<c>"cancel"</c>, the default) or hand them over to the new strategy as they are (<c>"hand_over"</c>).
    /// </summary>
    public bool CancelOnReload { get; init; } = true;

    /// <summary>
    /// Replace the strategies by themselves when a plugin in the plugins folder or the config file changes
    /// (<c>reload_on_change</c>), as <c>reload CONFIG</c> would; default false.
    /// </summary>
    public bool ReloadOnChange { get; init; }
}
