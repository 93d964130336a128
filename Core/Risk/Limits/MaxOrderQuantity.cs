using static System.FormattableString;

namespace Hft.Core.Risk.Limits;

/// <summary>No single order larger than <see cref="Limit"/> (<c>max_order_qty</c>).</summary>
/// <param name="Limit">Largest quantity of one order.</param>
public sealed record MaxOrderQuantity(double Limit) : IPreTradeLimit
{
    /// <inheritdoc />
    public RiskReason Reason => RiskReason.OrderQuantity;

    /// <inheritdoc />
    public string? Refuse(in PreTradeCheck check) =>
        check.Order.Quantity > Limit ? Invariant($"order quantity {check.Order.Quantity} exceeds the limit {Limit}") : null;
}
