namespace Hft.Backtest.Conversion.Tardis;

/// <summary>The two Tardis.dev CSV data types the converter reads.</summary>
public enum TardisFileKind
{
    /// <summary><c>trades</c>: <c>exchange,symbol,timestamp,local_timestamp,id,side,price,amount</c>.</summary>
    Trades,
    /// <summary><c>incremental_book_L2</c>: <c>exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount</c>.</summary>
    IncrementalBookL2,
}
