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

    /// <summary>Handles a new order, cancel or modify.</summary>
    protected abstract void Accept(VenueCommand command, long now, List<OrderReport> reports);

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
