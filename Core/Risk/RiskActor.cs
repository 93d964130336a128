using Hft.Core.Actors;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Portfolio;

namespace Hft.Core.Risk;

/// <summary>
/// Pre-trade checks (<c>/user/risk</c>): every new order passes here on its way from a strategy to the
/// order-state actor. An order over the size limit, or one that would take the position past the limit if
/// it filled, is refused and never reaches the venue.
/// </summary>
public sealed class RiskActor : ActorBase
{
    private readonly RiskLimits _limits;
    private readonly TradingAccounts _accounts;
    private readonly IActorRef _orders;

    /// <summary>Creates the actor.</summary>
    public RiskActor(RiskLimits limits, TradingAccounts accounts, IActorRef orders)
    {
        _limits = limits;
        _accounts = accounts;
        _orders = orders;
        Receive<SubmitOrder>(OnSubmit);
        Receive<CancelOrder>(m => _orders.Tell(m, Sender));
        Receive<ModifyOrder>(OnModify);
    }

    /// <summary>How many orders were refused.</summary>
    public long Rejected { get; private set; }

    private void OnSubmit(SubmitOrder message)
    {
        var order = message.Order;
        string? reason = Check(order);
        if (reason is null)
        {
            _orders.Tell(message, Sender);
            return;
        }
        Rejected++;
        _orders.Tell(new OrderRejectedByRisk(order, reason), Sender);
    }

    private void OnModify(ModifyOrder message)
    {
        // Only the added quantity can take the position further: check the order as if it were new.
        string? reason = Check(message.Order);
        if (reason is null)
        {
            _orders.Tell(message, Sender);
            return;
        }
        Rejected++;
        _orders.Tell(new OrderRejectedByRisk(message.Order, reason), Sender);
    }

    private string? Check(Order order)
    {
        if (order.Quantity > _limits.MaxOrderQuantity)
            return $"order quantity {order.Quantity} exceeds the limit {_limits.MaxOrderQuantity}";
        double position = _accounts[order.Instrument].State.Position;
        double after = order.Side == Side.Buy ? position + order.Quantity : position - order.Quantity;
        if (Math.Abs(after) > _limits.MaxPosition && Math.Abs(after) > Math.Abs(position))
            return $"position would reach {after}, beyond the limit {_limits.MaxPosition}";
        return null;
    }
}
