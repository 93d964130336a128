using Hft.Exchanges.Emulators.Common;

namespace Hft.Exchanges.Emulators.BinanceSpot;

/// <summary>One market-data socket: its streams and whether its frames are wrapped as <c>{"stream","data"}</c>.</summary>
internal sealed class MarketConnection(StreamSocket socket, bool combined, IEnumerable<string> streams)
{
    /// <summary>The socket.</summary>
    public StreamSocket Socket { get; } = socket;

    /// <summary>True for <c>/stream</c> connections (or after <c>SET_PROPERTY combined true</c>).</summary>
    public bool Combined { get; set; } = combined;

    /// <summary>Subscribed stream names, in subscription order (LIST_SUBSCRIPTIONS lists them so).</summary>
    public List<string> Streams { get; } = streams.Distinct(StringComparer.Ordinal).ToList();
}
