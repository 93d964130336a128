namespace Hft.Core.Books;

/// <summary>Which market events a strategy host wants from its books (flags of <c>DirectEntry.Interest</c>).</summary>
public static class MarketInterest
{
    /// <summary>Depth events: the strategy overrides <c>OnDepth</c>.</summary>
    public const int Depth = 1;

    /// <summary>Public trades: the strategy overrides <c>OnTrade</c>.</summary>
    public const int Trades = 2;
}
