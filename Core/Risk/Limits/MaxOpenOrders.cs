using static System.FormattableString;

namespace Hft.Core.Risk.Limits;

/// <summary>No new order while the instrument has <see cref="Limit"/> open or pending orders (<c>max_open_orders</c>).</summary>
/// <param name="Limit">Most open orders per instrument.</param>
public sealed record MaxOpenOrders(int Limit) : IPreTradeLimit
{
    /// <inheritdoc />
    public RiskReason Reason => RiskReason.OpenOrders;

    /// <inheritdoc />
    public string? Refuse(in PreTradeCheck check)
    {
        if (!check.IsNew) return null;
        int open = 0;
        // Only the orders submitted before it: those after it in the same callback are in the table already, still unchecked.
        foreach (var other in check.Account.Orders.All)
        {
            if (other == check.Order) break;
            if (other.IsActive || other.Request == Orders.OrderRequest.New) open++;
        }
        return open >= Limit ? Invariant($"{open} orders already open, the limit is {Limit}") : null;
    }
}
