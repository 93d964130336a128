namespace Hft.Exchanges.Emulators.BinanceFutures;

/// <summary>The futures stream host's routed entry points (2026 split) and the unrouted legacy paths.</summary>
public enum EntryPoint
{
    /// <summary><c>/public</c>: depth and book tickers (and the undocumented raw trades).</summary>
    Public,
    /// <summary><c>/market</c>: aggregate trades, mark prices, klines, tickers and the rest.</summary>
    Market,
    /// <summary><c>/private</c>: user data selected by listen key and events.</summary>
    Private,
    /// <summary>The retired <c>/ws</c> and <c>/stream</c>: only the public category still arrives.</summary>
    Legacy,
}
