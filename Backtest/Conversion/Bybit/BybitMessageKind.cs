namespace Hft.Backtest.Conversion.Bybit;

/// <summary>What one Bybit collector line turned out to be.</summary>
public enum BybitMessageKind
{
    /// <summary><c>orderbook.N.SYMBOL</c> snapshot: a clear and snapshot rows per non-empty side.</summary>
    Snapshot,
    /// <summary><c>orderbook.N.SYMBOL</c> delta: one depth row per bid, then per ask.</summary>
    Delta,
    /// <summary><c>publicTrade.SYMBOL</c>: one trade row per trade in <c>data</c>.</summary>
    Trades,
    /// <summary>An order book of a depth not selected (<see cref="BybitMessageParser.Depth"/>): no rows.</summary>
    OtherDepth,
    /// <summary>An error from the venue (<c>code</c>, or <c>success: false</c>): no rows, a warning.</summary>
    VenueError,
    /// <summary>Anything else (pong, subscription answers, other topics): no rows.</summary>
    Ignored,
}
