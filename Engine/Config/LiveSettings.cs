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
}
