using Hft.Backtest.Models.Fees;
using Hft.Core.Books;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Venues;

namespace Hft.Backtest.Venue;

/// <summary>
/// The simulated matching engine of one instrument, fed at exchange time: its own book, this account's orders
/// on it, and the reports it sends back. Subclasses are the reference's exchange models (L2 with or without
/// partial fills, L3 market-by-order).
/// </summary>
public abstract class SimulatedExchange
{
    private readonly IFeeModel _fees;
    private long _sequence;

    /// <summary>Creates the exchange for instrument number <paramref name="index"/>.</summary>
    protected SimulatedExchange(int index, Instrument instrument, IFeeModel fees)
    {
        Index = index;
        Instrument = instrument;
        _fees = fees;
        Depth = new MarketDepth(instrument.TickSize, instrument.LotSize);
    }

    /// <summary>Index of the instrument.</summary>
    protected int Index { get; }

    /// <summary>The instrument.</summary>
    protected Instrument Instrument { get; }

    /// <summary>The exchange's own book.</summary>
    public MarketDepth Depth { get; }

    /// <summary>
    /// Sets the starting book from initial-snapshot rows before the replay (<see cref="MarketDepth.ApplySnapshot"/>);
    /// an exchange that keeps more than levels (the L3 queues) takes them too.
    /// </summary>
    public virtual void ApplyInitialSnapshot(ReadOnlySpan<MarketEvent> rows) => Depth.ApplySnapshot(rows);

    /// <summary>The exchange's record of this account's trading (the local side learns it later).</summary>
    public StateValues State { get; } = new();

    /// <summary>Orders of this account resting on the exchange.</summary>
    public abstract int RestingCount { get; }

    /// <summary>Applies an exchange-time market event and fills what it crosses; reports go to <paramref name="reports"/>.</summary>
    public abstract void OnMarketEvent(in MarketEvent ev, List<OrderReport> reports);

    /// <summary>A request arrived at the exchange at <paramref name="now"/>; its answers go to <paramref name="reports"/>.</summary>
    public void OnRequest(VenueCommand command, long now, List<OrderReport> reports)
    {
        int first = reports.Count;
        Accept(command, now, reports);
        // Tag the answers with their request, so a latency model can time each operation's response leg.
        for (int i = first; i < reports.Count; i++) reports[i] = reports[i] with { Answers = command.Kind };
    }

    private void Accept(VenueCommand c, long now, List<OrderReport> reports)
    {
        switch (c.Kind)
        {
            case VenueCommandKind.New:
                AcceptNew(c, now, reports);
                break;
            case VenueCommandKind.Cancel:
                if (FindResting(c.OrderId) is not { } cancelled)
                {
                    reports.Add(Reject(c, now, "order not found on the exchange (already filled, cancelled or expired)"));
                    break;
                }
                RemoveResting(cancelled);
                reports.Add(Status(cancelled, now, OrderStatus.Canceled, c.LocalTime));
                break;
            case VenueCommandKind.Modify:
                AcceptModify(c, now, reports);
                break;
        }
    }

    /// <summary>
    /// The reference's table for a new order: a market order takes liquidity; a limit order that crosses takes
    /// liquidity, unless post-only (it expires); one that does not cross rests, unless IOC or FOK (they expire).
    /// </summary>
    private void AcceptNew(VenueCommand c, long now, List<OrderReport> reports)
    {
        if (FindResting(c.OrderId) is not null)
        {
            reports.Add(Reject(c, now, "an order with this id is already resting on the exchange"));
            return;
        }
        if (c.Type == OrderType.Market)
        {
            // A market order never rests: what it cannot take expires (TakeLiquidity reports it).
            TakeLiquidity(c, now, reports);
            return;
        }
        bool buy = c.Side == Side.Buy;
        long opposite = buy ? Depth.BestAskTick : Depth.BestBidTick;
        if (buy ? c.PriceTick >= opposite : c.PriceTick <= opposite)
        {
            if (c.TimeInForce == TimeInForce.Gtx) reports.Add(Status(c, now, OrderStatus.Expired, c.Quantity));
            else TakeLiquidity(c, now, reports);
            return;
        }
        if (c.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok)
        {
            reports.Add(Status(c, now, OrderStatus.Expired, c.Quantity));
            return;
        }
        Rest(new ExchangeOrder(c.OrderId, c.Side, c.PriceTick, c.Quantity, c.TimeInForce, c.Type, c.LocalTime, _sequence++));
        reports.Add(Status(c, now, OrderStatus.New, c.Quantity));
    }

    /// <summary>
    /// As the reference: a new price, or more than the open quantity, cancels the order and enters it again (new
    /// queue position, and it may cross: a post-only then expires, a GTC takes liquidity); otherwise the order is
    /// changed in place and keeps its queue position. Unlike the reference, the requeued order's open quantity is
    /// the new quantity, not the old one.
    /// </summary>
    private void AcceptModify(VenueCommand c, long now, List<OrderReport> reports)
    {
        if (FindResting(c.OrderId) is not { } order)
        {
            reports.Add(Reject(c, now, "order not found on the exchange (already filled, cancelled or expired)"));
            return;
        }
        if (order.PriceTick != c.PriceTick || c.Quantity > order.LeavesQuantity)
        {
            RemoveResting(order);
            AcceptNew(c with { Kind = VenueCommandKind.New, Side = order.Side, TimeInForce = order.TimeInForce, Type = OrderType.Limit }, now, reports);
            return;
        }
        order.Quantity = c.Quantity;
        order.LeavesQuantity = c.Quantity;
        order.LocalTime = c.LocalTime;
        reports.Add(Status(order, now, OrderStatus.New, c.LocalTime));
    }

    /// <summary>This account's resting order with the id, or null.</summary>
    protected abstract ExchangeOrder? FindResting(ulong id);

    /// <summary>Takes a resting order off the book (cancelled, or requeued by a modify).</summary>
    protected abstract void RemoveResting(ExchangeOrder order);

    /// <summary>Puts a new order on the book, behind everything at its price.</summary>
    protected abstract void Rest(ExchangeOrder order);

    /// <summary>
    /// Executes an aggressive order against the opposite side (crossing limit orders and market orders): adds
    /// its reports, including the expiry of what it could not take, and returns the quantity left unfilled.
    /// </summary>
    protected abstract double TakeLiquidity(VenueCommand command, long now, List<OrderReport> reports);

    /// <summary>
    /// The no-partial-fill rule for an aggressive order: its whole quantity at the opposite best, whatever that
    /// level holds (no market impact); an empty opposite side makes it expire.
    /// </summary>
    protected double TakeAllAtBest(VenueCommand c, long now, List<OrderReport> reports)
    {
        bool buy = c.Side == Side.Buy;
        long best = buy ? Depth.BestAskTick : Depth.BestBidTick;
        if (best == (buy ? MarketDepth.InvalidMax : MarketDepth.InvalidMin))
        {
            reports.Add(Status(c, now, OrderStatus.Expired, c.Quantity));
            return c.Quantity;
        }
        reports.Add(Execution(c.OrderId, c.Side, c.PriceTick, c.Quantity, 0, c.Quantity, best, maker: false, now, c.LocalTime));
        return 0;
    }

    /// <summary>Inserts an order into a side kept in price priority, then arrival: after every order at an equal or better price.</summary>
    protected static void InsertByPriority(List<ExchangeOrder> side, ExchangeOrder order)
    {
        bool buy = order.Side == Side.Buy;
        int i = side.Count;
        while (i > 0 && (buy ? side[i - 1].PriceTick < order.PriceTick : side[i - 1].PriceTick > order.PriceTick)) i--;
        side.Insert(i, order);
    }

    /// <summary>Builds the report of one execution and records it in the exchange's state.</summary>
    protected OrderReport Execution(ulong id, Side side, long orderTick, double quantity, double leaves, double fillQty,
        long priceTick, bool maker, long time, long requestTime)
    {
        double value = Instrument.Value(priceTick * Instrument.TickSize, fillQty);
        double fee = _fees.Fee(maker, value, fillQty);
        State.ApplyFill(side, fillQty, value, fee);
        return new OrderReport
        {
            Instrument = Index, OrderId = id, Side = side,
            Status = leaves > 0 ? OrderStatus.PartiallyFilled : OrderStatus.Filled,
            PriceTick = orderTick, Quantity = quantity, LeavesQuantity = leaves, FillQuantity = fillQty, FillPriceTick = priceTick,
            FillValue = value, Fee = fee, Maker = maker, ExchangeTime = time, RequestLocalTime = requestTime,
        };
    }

    /// <summary>A report with no execution.</summary>
    protected OrderReport Status(VenueCommand c, long now, OrderStatus status, double leaves) => new()
    {
        Instrument = Index, OrderId = c.OrderId, Side = c.Side, Status = status, PriceTick = c.PriceTick,
        Quantity = c.Quantity, LeavesQuantity = leaves, ExchangeTime = now, RequestLocalTime = c.LocalTime,
    };

    /// <summary>A resting order's status report (acknowledged, cancelled, expired).</summary>
    protected OrderReport Status(ExchangeOrder o, long now, OrderStatus status, long requestTime) => new()
    {
        Instrument = Index, OrderId = o.Id, Side = o.Side, Status = status, PriceTick = o.PriceTick,
        Quantity = o.Quantity, LeavesQuantity = o.LeavesQuantity, ExchangeTime = now, RequestLocalTime = requestTime,
    };

    /// <summary>The refusal of a request.</summary>
    protected OrderReport Reject(VenueCommand c, long now, string reason) => new()
    {
        Instrument = Index, OrderId = c.OrderId, Side = c.Side, Status = OrderStatus.None, Request = OrderRequest.Rejected,
        PriceTick = c.PriceTick, Quantity = c.Quantity, LeavesQuantity = c.Quantity, ExchangeTime = now,
        RequestLocalTime = c.LocalTime, RejectReason = reason,
    };
}
