namespace Hft.Core.Markets;

/// <summary>Order or book side, with hftbacktest's values (Buy = 1, Sell = -1).</summary>
public enum Side : sbyte
{
    /// <summary>No side.</summary>
    None = 0,
    /// <summary>Buy / bid.</summary>
    Buy = 1,
    /// <summary>Sell / ask.</summary>
    Sell = -1,
}
