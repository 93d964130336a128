using static System.FormattableString;

namespace Hft.Core.Risk.Limits;

/// <summary>No single order worth more than <see cref="Limit"/> (<c>max_order_notional</c>, in the quote currency).</summary>
/// <param name="Limit">Largest value of one order.</param>
public sealed record MaxOrderNotional(double Limit) : IPreTradeLimit
{
    /// <inheritdoc />
    public RiskReason Reason => RiskReason.OrderNotional;

    /// <inheritdoc />
    public string? Refuse(in PreTradeCheck check)
    {
        double price = check.ValuePrice;
        // A market order with no opposite side in the book has no value to measure: it is judged by the other limits.
        if (double.IsNaN(price)) return null;
        double value = check.Value(price, check.Order.Quantity);
        return value > Limit ? Invariant($"order value {value:0.########} exceeds the limit {Limit}") : null;
    }
}
