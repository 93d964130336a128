using static System.FormattableString;

namespace Hft.Core.Risk.Limits;

/// <summary>
/// While reducing (<c>reduce_only = true</c>, or a breaker's Reducing state), only orders that bring the position
/// towards zero without crossing it, counting the other open orders on the same side.
/// </summary>
/// <param name="Always">True when the config asks for it; otherwise only in <see cref="TradingState.Reducing"/>.</param>
public sealed record ReduceOnly(bool Always) : IPreTradeLimit
{
    /// <inheritdoc />
    public RiskReason Reason => RiskReason.ReduceOnly;

    /// <inheritdoc />
    public string? Refuse(in PreTradeCheck check)
    {
        if (!Always && check.State != TradingState.Reducing) return null;
        var order = check.Order;
        double position = check.Account.State.Position;
        bool reduces = order.Side == Markets.Side.Buy ? position < 0 : position > 0;
        if (!reduces) return Invariant($"reduce-only: a {order.Side} does not reduce the position {position}");
        double pending = 0;
        foreach (var other in check.Account.Orders.All)
        {
            if (other == order)
            {
                if (check.IsNew) break;
                continue;
            }
            if (other.Side == order.Side && (other.IsActive || other.Request == Orders.OrderRequest.New)) pending += other.LeavesQuantity;
        }
        return order.Quantity + pending > Math.Abs(position) + check.Account.Instrument.LotSize / 2
            ? Invariant($"reduce-only: {order.Quantity} with {pending} already open would cross the position {position}") : null;
    }
}
