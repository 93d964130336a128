namespace Hft.Core.Markets;

/// <summary>How an instrument's value is computed from price and quantity.</summary>
public enum ContractKind
{
    /// <summary>Value = contract size × price × quantity (USD-M futures, and spot).</summary>
    Linear,
    /// <summary>Value = contract size × quantity / price (coin-margined futures).</summary>
    Inverse,
    /// <summary>Spot: valued like linear, but nothing can be sold that is not held (no short position).</summary>
    Spot,
}
