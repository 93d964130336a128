namespace Hft.Backtest.Conversion;

/// <summary>What one collector line turned out to be.</summary>
public enum RawMessageKind
{
    /// <summary>A <c>trade</c> message: one trade row.</summary>
    Trade,

    /// <summary>A <c>depthUpdate</c> message: one depth row per bid, then per ask.</summary>
    DepthUpdate,

    /// <summary>A REST depth snapshot: a clear row and snapshot rows per non-empty side.</summary>
    Snapshot,

    /// <summary>A trade whose execution type <c>X</c> is not <c>MARKET</c> (e.g. liquidations): dropped.</summary>
    NonMarketTrade,

    /// <summary>An error response from the venue (a <c>code</c> key): no rows, reported as a warning.</summary>
    VenueError,

    /// <summary>A stream message the converter does not turn into rows (<c>bookTicker</c>, mark price, ...).</summary>
    Ignored,
}
