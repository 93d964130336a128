using static System.FormattableString;

namespace Hft.Core.Risk.Limits;

/// <summary>No order worth less than <see cref="Limit"/> (<c>min_notional</c>, the venue's minimum order value).</summary>
/// <param name="Limit">Smallest value of one order.</param>
public sealed record MinNotional(double Limit) : IPreTradeLimit
{
    /// <inheritdoc />
    public RiskReason Reason => RiskReason.MinNotional;

    /// <inheritdoc />
    public string? Refuse(in PreTradeCheck check)
    {
        double price = check.ValuePrice;
        if (double.IsNaN(price)) return null;
        double value = check.Value(price, check.Order.Quantity);
        return value < Limit ? Invariant($"order value {value:0.########} is under the minimum {Limit}") : null;
    }
}
