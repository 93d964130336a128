using static System.FormattableString;

namespace Hft.Core.Risk.Limits;

/// <summary>
/// No order that would take the position's value past <see cref="Limit"/> if it filled (<c>max_position_notional</c>),
/// valued at the order's price; an order that reduces the position always may.
/// </summary>
/// <param name="Limit">Largest value of one instrument's position.</param>
public sealed record MaxPositionNotional(double Limit) : IPreTradeLimit
{
    /// <inheritdoc />
    public RiskReason Reason => RiskReason.PositionNotional;

    /// <inheritdoc />
    public string? Refuse(in PreTradeCheck check)
    {
        double price = check.ValuePrice, after = check.PositionAfter;
        if (double.IsNaN(price) || Math.Abs(after) <= Math.Abs(check.Account.State.Position)) return null;
        double value = check.Value(price, after);
        return value > Limit ? Invariant($"position value would reach {value:0.########}, beyond the limit {Limit}") : null;
    }
}
