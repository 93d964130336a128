namespace Hft.Exchanges.Emulators.BinanceSpot;

/// <summary>One asset of the account: what is free to trade and what open orders hold.</summary>
public sealed class AssetBalance(string asset, decimal free)
{
    /// <summary>Asset name (USDT).</summary>
    public string Asset { get; } = asset;
    /// <summary>Free to use.</summary>
    public decimal Free { get; set; } = free;
    /// <summary>Held by open orders.</summary>
    public decimal Locked { get; set; }

    /// <summary>Moves <paramref name="amount"/> from free to locked.</summary>
    public void Lock(decimal amount)
    {
        Free -= amount;
        Locked += amount;
    }

    /// <summary>Moves <paramref name="amount"/> from locked back to free.</summary>
    public void Unlock(decimal amount)
    {
        Locked -= amount;
        Free += amount;
    }
}
