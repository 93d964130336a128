namespace Hft.Core.Markets;

/// <summary>How an instrument's value is computed from price and quantity.</summary>
public enum ContractKind
{
    /// <summary>Value = contract size × price × quantity (USD-M futures, and spot).</summary>
    Linear,
    /// <summary>Value = contract size × quantity / price (coin-margined futures).</summary>
    Inverse,
}
