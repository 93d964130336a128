namespace Hft.Backtest.Conversion;

/// <summary>
/// Which Binance market a collector file was recorded from. The venues send the same kinds of messages with small
/// differences in their fields, so the venue decides which timestamp becomes <c>exch_ts</c>.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>message</term><description>exch_ts (ms × 1 000 000)</description></listheader>
/// <item><term><c>trade</c></term><description>both venues: transaction time <c>T</c>, as hftbacktest's binancefutures
/// converter does.</description></item>
/// <item><term><c>depthUpdate</c></term><description>futures: transaction time <c>T</c> (as hftbacktest). Spot
/// (<c>depth@100ms</c>) sends no <c>T</c>, so its event time <c>E</c> is used.</description></item>
/// <item><term>REST depth snapshot</term><description>futures: <c>T</c> (required, as hftbacktest). Spot snapshots
/// (<c>{"lastUpdateId","bids","asks"}</c>) carry no time at all: <c>T</c> is used if present, otherwise the latest
/// exchange time of the rows converted before it (its own receive time is on the local clock, about a second off
/// here, which would place it before depth updates received earlier), or its receive time if it comes first.</description></item>
/// </list>
/// hftbacktest has no spot converter (only <c>binancefutures.convert</c>); the spot rules above are this engine's
/// choice. The USD-M futures rules also fit COIN-M files, whose messages have the same fields.
/// </remarks>
public enum BinanceVenue
{
    /// <summary>USD-M (or COIN-M) futures: <c>fstream</c> / <c>dstream</c> combined streams and <c>fapi</c> snapshots.</summary>
    Futures,

    /// <summary>Spot: <c>stream.binance.com</c> combined streams (<c>depth@100ms</c>) and <c>api/v3/depth</c> snapshots.</summary>
    Spot,
}
