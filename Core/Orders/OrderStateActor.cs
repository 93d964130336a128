using Akka.Actor;
using Hft.Core.Portfolio;
using Hft.Core.Time;
using Hft.Core.Venues;

namespace Hft.Core.Orders;

/// <summary>
/// The order state machine (<c>/orders</c>): sends accepted requests to the venue gateway, applies the
/// venue's reports to the local orders and state values (position, balance, fees), and tells the strategy
/// that owns each order. Follows hftbacktest's local processor, with its bugs fixed: partial fills update
/// the state, and an echoed rejection of a cancel or modify never counts a fill again.
/// </summary>
public sealed class OrderStateActor : ReceiveActor
{
    private readonly TradingAccounts _accounts;
    private readonly IActorRef _venue;
    private readonly ITradeJournal? _journal;
    private readonly IClientOrderJournal? _positions;
    private readonly IClock _clock;
    private readonly IActorRef? _observer;

    /// <summary>Creates the actor.</summary>
    /// <param name="accounts">The run's trading state.</param>
    /// <param name="venue">The venue gateway orders go to.</param>
    /// <param name="journal">Where every order change and fill is written, if anywhere.</param>
    /// <param name="clock">The core loop's clock (virtual in a backtest).</param>
    /// <param name="observer">
    /// Also told every <see cref="VenueCommand"/> sent and every <see cref="OrderReport"/> received (the shadow venue
    /// compares them with its model), after the venue was told; null for none.
    /// </param>
    public OrderStateActor(TradingAccounts accounts, IActorRef venue, ITradeJournal? journal, IClock clock, IActorRef? observer = null)
    {
        _observer = observer;
        _accounts = accounts;
        _venue = venue;
        _journal = journal;
        _positions = journal as IClientOrderJournal;
        _clock = clock;
        Receive<SubmitOrder>(OnSubmit);
        Receive<CancelOrder>(OnCancel);
        Receive<ModifyOrder>(OnModify);
        Receive<OrderRejectedByRisk>(OnRiskRejected);
        Receive<OrderReport>(OnReport);
        Receive<VenuePositionCheck>(OnPositionCheck);
    }

    private void OnPositionCheck(VenuePositionCheck check)
    {
        var differences = new List<PositionDifference>();
        for (int i = 0; i < check.Positions.Count && i < _accounts.Count; i++)
        {
            if (check.Positions[i] is not { } venue) continue;
            var state = _accounts[i].State;
            if (Math.Abs(state.Position - venue) <= check.Tolerance[i]) continue;
            differences.Add(new PositionDifference(i, state.Position, venue));
            if (!check.Adjust) continue;
            _positions?.OnPositionAdjusted(i, state.Position, venue, _clock.Now, check.Reason);
            state.SetPosition(venue);
        }
        Sender.Tell(new PositionsCompared(differences, check.Adjust && differences.Count > 0), Self);
    }

    private void OnSubmit(SubmitOrder message)
    {
        var order = message.Order;
        order.Owner ??= Sender;
        _accounts[order.Instrument].OrdersSent++;
        // Stamped with the submission time: the gateway's client id is made from it, so a recovery can work it out.
        _journal?.OnOrder(order, order.LocalTime);
        Send(new VenueCommand(VenueCommandKind.New, order.Instrument, order.Id, order.Side, order.PriceTick,
            order.Quantity, order.TimeInForce, order.Type, order.LocalTime));
    }

    private void OnCancel(CancelOrder message)
    {
        var order = message.Order;
        _journal?.OnOrder(order, _clock.Now);
        Send(new VenueCommand(VenueCommandKind.Cancel, order.Instrument, order.Id, order.Side, order.PriceTick,
            order.Quantity, order.TimeInForce, order.Type, order.LocalTime));
    }

    private void OnModify(ModifyOrder message)
    {
        var order = message.Order;
        _journal?.OnOrder(order, _clock.Now);
        Send(new VenueCommand(VenueCommandKind.Modify, order.Instrument, order.Id, order.Side, order.PriceTick,
            order.Quantity, order.TimeInForce, order.Type, order.LocalTime));
    }

    private void Send(VenueCommand command)
    {
        _venue.Tell(command, Self);
        _observer?.Tell(command, Self);
    }

    private void OnRiskRejected(OrderRejectedByRisk message)
    {
        var order = message.Order;
        order.Owner ??= Sender;
        if (order.Request == OrderRequest.Replaced)
        {
            // A refused modify leaves the order as it was, resting.
            RestoreBeforeModify(order);
        }
        else
        {
            order.Status = OrderStatus.Rejected;
        }
        order.Request = OrderRequest.None;
        order.RejectReason = message.Reason;
        _accounts[order.Instrument].CountRiskRejection(message.Code);
        _journal?.OnOrder(order, _clock.Now);
        order.Owner?.Tell(new OrderUpdated(order, null), Self);
    }

    private static void RestoreBeforeModify(Order order)
    {
        order.PriceTick = order.PreviousPriceTick;
        order.Quantity = order.PreviousQuantity;
    }

    private void OnReport(OrderReport report)
    {
        _observer?.Tell(report, Self);
        var account = _accounts[report.Instrument];
        var order = account.Orders.Find(report.OrderId);
        if (order is null && report.Adopted)
        {
            order = new Order(report.Instrument, report.OrderId, report.Side, report.PriceTick, account.Instrument.TickSize, report.Quantity,
                TimeInForce.Gtc, OrderType.Limit, _clock.Now) { Status = report.Status, Request = OrderRequest.None };
            account.Orders.TryAdd(order);
        }
        Fill? fill = null;
        if (report.Answers is not null && report.RequestLocalTime > 0) _accounts.OrderFlow.OnAnswer(_clock.Now - report.RequestLocalTime);
        if (report.Request == OrderRequest.Rejected)
        {
            _accounts.OrderFlow.OnRejection(_clock.Now, report.RejectReason);
            // Only the answer to the latest request counts: an older request's rejection changes nothing.
            if (order is not null && order.LocalTime == report.RequestLocalTime)
            {
                if (order.Request == OrderRequest.New) order.Status = OrderStatus.Expired;
                // Unlike the reference, a refused modify restores the price and quantity it had changed locally.
                if (order.Request == OrderRequest.Replaced) RestoreBeforeModify(order);
                order.Request = OrderRequest.None;
                order.RejectReason = report.RejectReason;
            }
        }
        else
        {
            if (report.FillQuantity > 0)
            {
                account.State.ApplyFill(report.Side, report.FillQuantity, report.FillValue, report.Fee);
                fill = new Fill(report.Instrument, report.OrderId, report.Side, report.FillPriceTick * account.Instrument.TickSize,
                    report.FillQuantity, report.Fee, report.Maker, report.ExchangeTime, _clock.Now, account.State.Position);
                _journal?.OnFill(fill);
            }
            if (order is not null)
            {
                order.Status = report.Status;
                order.Request = OrderRequest.None;
                order.PriceTick = report.PriceTick;
                order.Quantity = report.Quantity;
                order.LeavesQuantity = report.LeavesQuantity;
                if (report.FillQuantity > 0)
                {
                    order.ExecutedQuantity = report.FillQuantity;
                    order.ExecutedPriceTick = report.FillPriceTick;
                    order.Maker = report.Maker;
                }
                if (report.ExchangeTime > 0) order.ExchangeTime = report.ExchangeTime;
                // Why the venue ended it (Bybit: a post-only that would take, an IOC with nothing to fill).
                if (report.RejectReason is not null) order.RejectReason = report.RejectReason;
            }
        }
        if (order is null) return;
        _journal?.OnOrder(order, _clock.Now);
        order.Owner?.Tell(new OrderUpdated(order, fill), Self);
    }
}
