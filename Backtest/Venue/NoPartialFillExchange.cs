using Hft.Backtest.Models.Fees;
using Hft.Backtest.Models.Queue;
using Hft.Core.Books;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Venues;

namespace Hft.Backtest.Venue;

/// <summary>
/// The matching rules of hftbacktest's default <c>NoPartialFillExchange</c> for one instrument: a resting
/// order fills completely when the opposite best crosses its price, when a trade prints through its price,
/// or when the queue model puts it at the front during a trade at its price; an aggressive order fills its
/// whole quantity at the opposite best. The exchange keeps its own book, fed at exchange time.
/// Unlike the reference, when several orders fill on one event they fill in price-then-arrival order (the
/// reference's hash order differs run to run), and a market order into an empty side expires.
/// </summary>
public sealed class NoPartialFillExchange
{
    private readonly int _index;
    private readonly Instrument _instrument;
    private readonly IQueueModel _queue;
    private readonly IFeeModel _fees;
    private readonly List<ExchangeOrder> _bids = new();   // best (highest) price first, then arrival
    private readonly List<ExchangeOrder> _asks = new();   // best (lowest) price first, then arrival
    private readonly Dictionary<ulong, ExchangeOrder> _byId = new();
    private readonly List<ExchangeOrder> _toFill = new();
    private long _sequence;

    /// <summary>Creates the exchange for instrument number <paramref name="index"/>.</summary>
    public NoPartialFillExchange(int index, Instrument instrument, IQueueModel queue, IFeeModel fees)
    {
        _index = index;
        _instrument = instrument;
        _queue = queue;
        _fees = fees;
        Depth = new MarketDepth(instrument.TickSize, instrument.LotSize);
    }

    /// <summary>The exchange's own book.</summary>
    public MarketDepth Depth { get; }

    /// <summary>The exchange's record of this account's trading (the local side learns it later).</summary>
    public StateValues State { get; } = new();

    /// <summary>Resting orders.</summary>
    public int RestingCount => _byId.Count;

    /// <summary>Applies an exchange-time market event and fills what it crosses; reports go to <paramref name="reports"/>.</summary>
    public void OnMarketEvent(in MarketEvent ev, List<OrderReport> reports)
    {
        ulong kind = ev.Flags & 0xFF;
        if (kind == EventFlags.Depth || kind == EventFlags.DepthSnapshot)
        {
            if ((ev.Flags & EventFlags.Buy) != 0)
            {
                var change = Depth.UpdateBid(ev.Price, ev.Quantity);
                if (_bids.Count > 0) UpdateQueues(_bids, buy: true, change);
                if (change.BestTick > change.PreviousBestTick && _asks.Count > 0) FillAsksUpTo(change.BestTick, ev.ExchangeTime, reports);
            }
            else if ((ev.Flags & EventFlags.Sell) != 0)
            {
                var change = Depth.UpdateAsk(ev.Price, ev.Quantity);
                if (_asks.Count > 0) UpdateQueues(_asks, buy: false, change);
                if (change.BestTick < change.PreviousBestTick && _bids.Count > 0) FillBidsDownTo(change.BestTick, ev.ExchangeTime, reports);
            }
        }
        else if (kind == EventFlags.DepthClear)
        {
            Depth.ApplyClear(in ev);
        }
        else if (kind == EventFlags.Trade)
        {
            if ((ev.Flags & EventFlags.Buy) != 0 && _asks.Count > 0) OnBuyTrade(in ev, reports);
            else if ((ev.Flags & EventFlags.Sell) != 0 && _bids.Count > 0) OnSellTrade(in ev, reports);
        }
    }

    private void UpdateQueues(List<ExchangeOrder> side, bool buy, DepthChange change)
    {
        // Orders are sorted best price first: stop at the first one beyond the updated level.
        foreach (var order in side)
        {
            if (order.PriceTick == change.Tick) _queue.Depth(order, change.PreviousQuantity, change.NewQuantity, Depth);
            else if (buy ? order.PriceTick < change.Tick : order.PriceTick > change.Tick) break;
        }
    }

    private void FillAsksUpTo(long bestBid, long time, List<OrderReport> reports)
    {
        int n = 0;
        while (n < _asks.Count && _asks[n].PriceTick <= bestBid) n++;
        FillPrefix(_asks, n, time, reports);
    }

    private void FillBidsDownTo(long bestAsk, long time, List<OrderReport> reports)
    {
        int n = 0;
        while (n < _bids.Count && _bids[n].PriceTick >= bestAsk) n++;
        FillPrefix(_bids, n, time, reports);
    }

    private void FillPrefix(List<ExchangeOrder> side, int count, long time, List<OrderReport> reports)
    {
        if (count == 0) return;
        _toFill.Clear();
        for (int i = 0; i < count; i++) _toFill.Add(side[i]);
        side.RemoveRange(0, count);
        foreach (var order in _toFill) Fill(order, time, maker: true, order.PriceTick, reports);
        _toFill.Clear();
    }

    private void OnBuyTrade(in MarketEvent ev, List<OrderReport> reports)
    {
        long tick = PriceMath.ToTick(ev.Price, _instrument.TickSize);
        _toFill.Clear();
        foreach (var order in _asks)
        {
            if (order.PriceTick > tick) break;
            if (order.PriceTick < tick) _toFill.Add(order);
            else
            {
                _queue.Trade(order, ev.Quantity, Depth);
                if (_queue.IsFilled(order, Depth) > 0) _toFill.Add(order);
            }
        }
        FillListed(_asks, ev.ExchangeTime, reports);
    }

    private void OnSellTrade(in MarketEvent ev, List<OrderReport> reports)
    {
        long tick = PriceMath.ToTick(ev.Price, _instrument.TickSize);
        _toFill.Clear();
        foreach (var order in _bids)
        {
            if (order.PriceTick < tick) break;
            if (order.PriceTick > tick) _toFill.Add(order);
            else
            {
                _queue.Trade(order, ev.Quantity, Depth);
                if (_queue.IsFilled(order, Depth) > 0) _toFill.Add(order);
            }
        }
        FillListed(_bids, ev.ExchangeTime, reports);
    }

    private void FillListed(List<ExchangeOrder> side, long time, List<OrderReport> reports)
    {
        if (_toFill.Count == 0) return;
        foreach (var order in _toFill)
        {
            side.Remove(order);
            Fill(order, time, maker: true, order.PriceTick, reports);
        }
        _toFill.Clear();
    }

    private void Fill(ExchangeOrder order, long time, bool maker, long priceTick, List<OrderReport> reports)
    {
        _byId.Remove(order.Id);
        reports.Add(Execute(order.Id, order.Side, order.PriceTick, order.Quantity, order.LeavesQuantity, order.LocalTime, time, maker, priceTick));
        order.LeavesQuantity = 0;
    }

    private OrderReport Execute(ulong id, Side side, long orderTick, double quantity, double fillQty, long localTime, long time, bool maker, long priceTick)
    {
        double value = _instrument.Value(priceTick * _instrument.TickSize, fillQty);
        double fee = _fees.Fee(maker, value, fillQty);
        State.ApplyFill(side, fillQty, value, fee);
        return new OrderReport
        {
            Instrument = _index, OrderId = id, Side = side, Status = OrderStatus.Filled, PriceTick = orderTick,
            Quantity = quantity, LeavesQuantity = 0, FillQuantity = fillQty, FillPriceTick = priceTick, FillValue = value,
            Fee = fee, Maker = maker, ExchangeTime = time, RequestLocalTime = localTime,
        };
    }

    /// <summary>A request arrived at the exchange at <paramref name="now"/>; its answer goes to <paramref name="reports"/>.</summary>
    public void OnRequest(VenueCommand command, long now, List<OrderReport> reports)
    {
        switch (command.Kind)
        {
            case VenueCommandKind.New:
                AcceptNew(command, now, reports);
                break;
            case VenueCommandKind.Cancel:
                AcceptCancel(command, now, reports);
                break;
        }
    }

    private void AcceptNew(VenueCommand c, long now, List<OrderReport> reports)
    {
        if (_byId.ContainsKey(c.OrderId))
        {
            reports.Add(Reject(c, now, "an order with this id is already resting on the exchange"));
            return;
        }
        bool buy = c.Side == Side.Buy;
        long opposite = buy ? Depth.BestAskTick : Depth.BestBidTick;
        bool oppositeEmpty = buy ? opposite == MarketDepth.InvalidMax : opposite == MarketDepth.InvalidMin;
        if (c.Type == OrderType.Market)
        {
            if (oppositeEmpty) reports.Add(Status(c, now, OrderStatus.Expired, c.Quantity));
            else reports.Add(Execute(c.OrderId, c.Side, c.PriceTick, c.Quantity, c.Quantity, c.LocalTime, now, maker: false, opposite));
            return;
        }
        bool crosses = buy ? c.PriceTick >= opposite : c.PriceTick <= opposite;
        if (crosses)
        {
            if (c.TimeInForce == TimeInForce.Gtx) reports.Add(Status(c, now, OrderStatus.Expired, c.Quantity));
            else reports.Add(Execute(c.OrderId, c.Side, c.PriceTick, c.Quantity, c.Quantity, c.LocalTime, now, maker: false, opposite));
            return;
        }
        if (c.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok)
        {
            reports.Add(Status(c, now, OrderStatus.Expired, c.Quantity));
            return;
        }
        var order = new ExchangeOrder(c.OrderId, c.Side, c.PriceTick, c.Quantity, c.TimeInForce, c.Type, c.LocalTime, _sequence++);
        _queue.NewOrder(order, Depth);
        Insert(buy ? _bids : _asks, order, buy);
        _byId.Add(order.Id, order);
        reports.Add(Status(c, now, OrderStatus.New, c.Quantity));
    }

    private static void Insert(List<ExchangeOrder> side, ExchangeOrder order, bool buy)
    {
        int i = side.Count;
        // Price priority, then arrival: the new order goes after every order at an equal or better price.
        while (i > 0 && (buy ? side[i - 1].PriceTick < order.PriceTick : side[i - 1].PriceTick > order.PriceTick)) i--;
        side.Insert(i, order);
    }

    private void AcceptCancel(VenueCommand c, long now, List<OrderReport> reports)
    {
        if (!_byId.Remove(c.OrderId, out var order))
        {
            reports.Add(Reject(c, now, "order not found on the exchange (already filled, cancelled or expired)"));
            return;
        }
        (order.Side == Side.Buy ? _bids : _asks).Remove(order);
        reports.Add(new OrderReport
        {
            Instrument = _index, OrderId = order.Id, Side = order.Side, Status = OrderStatus.Canceled, PriceTick = order.PriceTick,
            Quantity = order.Quantity, LeavesQuantity = order.LeavesQuantity, ExchangeTime = now, RequestLocalTime = c.LocalTime,
        });
    }

    private OrderReport Status(VenueCommand c, long now, OrderStatus status, double leaves) => new()
    {
        Instrument = _index, OrderId = c.OrderId, Side = c.Side, Status = status, PriceTick = c.PriceTick,
        Quantity = c.Quantity, LeavesQuantity = leaves, ExchangeTime = now, RequestLocalTime = c.LocalTime,
    };

    private OrderReport Reject(VenueCommand c, long now, string reason) => new()
    {
        Instrument = _index, OrderId = c.OrderId, Side = c.Side, Status = OrderStatus.None, Request = OrderRequest.Rejected,
        PriceTick = c.PriceTick, Quantity = c.Quantity, LeavesQuantity = c.Quantity, ExchangeTime = now,
        RequestLocalTime = c.LocalTime, RejectReason = reason,
    };
}
