using Hft.Core.Markets;
using static System.FormattableString;

namespace Hft.Core.Risk.Limits;

/// <summary>
/// Spot holds no short position: a sell may not exceed what is held less what the other open sells would take. A new
/// order competes with the sells submitted before it (the table is in submission order, and sells submitted after it in
/// the same callback are already there); a modified one with every other sell.
/// </summary>
public sealed record SpotHoldings : IPreTradeLimit
{
    /// <inheritdoc />
    public RiskReason Reason => RiskReason.SpotHoldings;

    /// <inheritdoc />
    public string? Refuse(in PreTradeCheck check)
    {
        var account = check.Account;
        var order = check.Order;
        if (account.Instrument.Kind != ContractKind.Spot || order.Side != Side.Sell) return null;
        double position = account.State.Position, committed = 0;
        foreach (var other in account.Orders.All)
        {
            if (other == order)
            {
                if (check.IsNew) break;
                continue;
            }
            if (other.Side == Side.Sell && (other.IsActive || other.Request == Orders.OrderRequest.New)) committed += other.LeavesQuantity;
        }
        double available = position - committed;
        return order.Quantity > available + account.Instrument.LotSize / 2
            ? Invariant($"spot: selling {order.Quantity} needs that much held; {available} is free (position {position}, open sells {committed})") : null;
    }
}
