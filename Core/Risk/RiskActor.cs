using Akka.Actor;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Portfolio;

namespace Hft.Core.Risk;

/// <summary>
/// Pre-trade checks (<c>/risk</c>): every new order passes here on its way from a strategy to the
/// order-state actor. An order over the size limit, or one that would take the position past the limit if
/// it filled, is refused and never reaches the venue.
/// </summary>
public sealed class RiskActor : ReceiveActor
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
        var account = _accounts[order.Instrument];
        double position = account.State.Position;
        if (account.Instrument.Kind == ContractKind.Spot && order.Side == Side.Sell)
        {
            // Spot holds no short position: what this sell and the other open sells would take must be held.
            // A new order competes with the sells submitted before it (the table is in submission order, and sells
            // submitted after it in the same callback are already there); a modified one with every other sell.
            double committed = 0;
            bool isNew = order.Request == OrderRequest.New;
            foreach (var other in account.Orders.All)
            {
                if (other == order)
                {
                    if (isNew) break;
                    continue;
                }
                if (other.Side == Side.Sell && (other.IsActive || other.Request == OrderRequest.New)) committed += other.LeavesQuantity;
            }
            double available = position - committed;
            if (order.Quantity > available + account.Instrument.LotSize / 2)
                return $"spot: selling {order.Quantity} needs that much held; {available} is free (position {position}, open sells {committed})";
        }
        double after = order.Side == Side.Buy ? position + order.Quantity : position - order.Quantity;
        if (Math.Abs(after) > _limits.MaxPosition && Math.Abs(after) > Math.Abs(position))
            return $"position would reach {after}, beyond the limit {_limits.MaxPosition}";
        return null;
    }
}
