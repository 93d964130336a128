namespace Hft.Exchanges.Common;

/// <summary>How a venue stream connects and reconnects.</summary>
public sealed record VenueStreamOptions
{
    /// <summary>
    /// Reconnect when no message came for this long (a silent, stale stream). Null: never for silence alone (private
    /// streams are quiet when nothing trades).
    /// </summary>
    public TimeSpan? SilenceTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Wait before reconnecting after an error or a lost connection. Websocket.Client's default is 60 s (a 1.5 s outage
    /// kept it down for a minute), far too long for a market maker.
    /// </summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>WebSocket keep-alive ping interval of the client socket.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(20);
}
