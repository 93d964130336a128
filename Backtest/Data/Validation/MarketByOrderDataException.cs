namespace Hft.Backtest.Data.Validation;

/// <summary>A market-by-order row the reference refuses: its message is one line naming the file, row, exchange time and order id.</summary>
public sealed class MarketByOrderDataException(string message) : Exception(message);
