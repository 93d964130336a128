using static System.FormattableString;

namespace Hft.Core.Risk.Limits;

/// <summary>No order that would trade against one of our own resting orders: our bid never at or above our ask.</summary>
public sealed record SelfTradePrevention : IPreTradeLimit
{
    /// <inheritdoc />
    public RiskReason Reason => RiskReason.SelfTrade;

    /// <inheritdoc />
    public string? Refuse(in PreTradeCheck check)
    {
        var order = check.Order;
        bool market = order.Type == Orders.OrderType.Market;
        foreach (var other in check.Account.Orders.All)
        {
            // A new order is judged against those submitted before it (the later ones are checked against it in turn).
            if (other == order)
            {
                if (check.IsNew) break;
                continue;
            }
            if (other.Side == order.Side || !(other.IsActive || other.Request == Orders.OrderRequest.New)) continue;
            bool crosses = market || (order.Side == Markets.Side.Buy ? order.PriceTick >= other.PriceTick : order.PriceTick <= other.PriceTick);
            if (crosses) return Invariant($"would trade against our own {other.Side} order {other.Id} at {other.Price}");
        }
        return null;
    }
}
