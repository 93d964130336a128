namespace Hft.Exchanges.Emulators.Common;

/// <summary>A one-way (BOTH) cross position: signed amount, average entry price and realized profit.</summary>
public sealed class FuturesPosition
{
    /// <summary>Signed position amount (negative = short).</summary>
    public decimal Amount { get; private set; }
    /// <summary>Average entry price of the open amount.</summary>
    public decimal EntryPrice { get; private set; }
    /// <summary>Realized profit accumulated before fees (<c>cr</c>).</summary>
    public decimal RealizedProfit { get; private set; }
    /// <summary>Last change (ms).</summary>
    public long UpdateTime { get; set; }

    /// <summary>Applies a fill of <paramref name="signedQuantity"/> at <paramref name="price"/>; returns the profit it realized.</summary>
    public decimal Apply(decimal signedQuantity, decimal price)
    {
        decimal realized = 0;
        if (Amount == 0 || Math.Sign(Amount) == Math.Sign(signedQuantity))
        {
            decimal total = Amount + signedQuantity;
            EntryPrice = total == 0 ? 0 : (EntryPrice * Math.Abs(Amount) + price * Math.Abs(signedQuantity)) / Math.Abs(total);
            Amount = total;
            return 0;
        }
        decimal closing = Math.Min(Math.Abs(signedQuantity), Math.Abs(Amount));
        realized = (price - EntryPrice) * closing * Math.Sign(Amount);
        decimal after = Amount + signedQuantity;
        if (after == 0) EntryPrice = 0;
        else if (Math.Sign(after) != Math.Sign(Amount)) EntryPrice = price; // reversed: the rest opens at this price
        Amount = after;
        RealizedProfit += realized;
        return realized;
    }

    /// <summary>Unrealized profit marked at <paramref name="markPrice"/>.</summary>
    public decimal Unrealized(decimal markPrice) => Amount == 0 ? 0 : (markPrice - EntryPrice) * Amount;
}
