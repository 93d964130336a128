using Hft.Exchanges.Emulators.Common;

namespace Hft.Exchanges.Emulators.BinanceSpot;

/// <summary>One WebSocket API connection and its user-data subscription.</summary>
internal sealed class WsApiConnection(StreamSocket socket)
{
    /// <summary>The socket.</summary>
    public StreamSocket Socket { get; } = socket;
    /// <summary>The active subscription's number, or null.</summary>
    public int? SubscriptionId { get; set; }
    /// <summary>The number the next subscription gets.</summary>
    public int NextSubscriptionId { get; set; }
}
