using Hft.Core.Markets;

namespace Hft.Backtest.Feed;

/// <summary>
/// What a feed cursor does with its rows: which time it orders them by and where it hands them. Implemented
/// by structs so the cursor, generic over its sink, gets both calls inlined instead of two virtual calls a row.
/// </summary>
public interface IRowSink
{
    /// <summary>The flag a row needs to be on this timeline (EXCH or LOCAL).</summary>
    ulong Flag { get; }

    /// <summary>The row's time on this timeline.</summary>
    long TimeOf(in MarketEvent row);

    /// <summary>Hands the row to its actor.</summary>
    void Deliver(in MarketEvent row);
}
