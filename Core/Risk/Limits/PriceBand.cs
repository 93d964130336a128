using static System.FormattableString;

namespace Hft.Core.Risk.Limits;

/// <summary>
/// No limit order priced further than <see cref="Fraction"/> of the mid from it (<c>price_band</c>, e.g. 0.05 for 5 %):
/// a fat-fingered price or a strategy reading a stale book. Without both sides in the book there is no mid to judge by.
/// </summary>
/// <param name="Fraction">Largest distance from the mid, as a fraction of it.</param>
public sealed record PriceBand(double Fraction) : IPreTradeLimit
{
    /// <inheritdoc />
    public RiskReason Reason => RiskReason.PriceBand;

    /// <inheritdoc />
    public string? Refuse(in PreTradeCheck check)
    {
        if (check.Order.Type != Orders.OrderType.Limit || check.Book is not { HasBothSides: true } book) return null;
        double mid = book.MidPrice, price = check.Order.Price;
        return Math.Abs(price - mid) > Fraction * mid ? Invariant($"price {price} is more than {Fraction:P2} from the mid {mid}") : null;
    }
}
