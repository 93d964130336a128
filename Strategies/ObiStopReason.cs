namespace Hft.Strategies;

/// <summary>Why <see cref="ObiMarketMaking"/> last stopped quoting.</summary>
public enum ObiStopReason
{
    /// <summary>It has not stopped.</summary>
    None = 0,
    /// <summary>The volatility of the mid exceeded <c>stop_volatility</c>.</summary>
    Volatility = 1,
    /// <summary>The mid moved more than <c>stop_price_change</c> ticks within <c>stop_lookback</c> samples.</summary>
    PriceChange = 2,
}
