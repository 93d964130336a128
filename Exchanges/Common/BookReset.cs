using Hft.Core.Markets;

namespace Hft.Exchanges.Common;

/// <summary>
/// The row that empties a live book before a resync's snapshot: a <c>DEPTH_CLEAR</c> of both sides, whole. A recorded
/// snapshot clears each side only out to its furthest level (convert's rule, hftbacktest's), which leaves a level hidden
/// behind a crossed best price in place; a live book rebuilt after a gap must not keep anything from before it.
/// </summary>
public static class BookReset
{
    /// <summary>The clearing row, stamped with the snapshot's first row's times (zero if it has none).</summary>
    public static MarketEvent Before(ReadOnlySpan<MarketEvent> snapshot)
    {
        long exchange = snapshot.IsEmpty ? 0 : snapshot[0].ExchangeTime, local = snapshot.IsEmpty ? 0 : snapshot[0].LocalTime;
        return new MarketEvent(EventFlags.DepthClear, exchange, local, double.NaN, 0);
    }
}
