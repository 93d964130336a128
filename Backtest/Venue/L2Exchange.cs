using Hft.Backtest.Models.Fees;
using Hft.Backtest.Models.Queue;
using Hft.Core.Books;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Venues;

namespace Hft.Backtest.Venue;

/// <summary>
/// The matching rules shared by hftbacktest's L2 exchanges for one instrument: resting orders fill when the
/// opposite best crosses their price, when a trade prints through their price, or when the queue model puts
/// them at the front during a trade at their price; requests arrive after the entry latency and are answered
/// at once. The exchange keeps its own book, fed at exchange time. How much an aggressive order or a
/// queue-front fill executes is left to the fill policy of the subclass.
/// Unlike the reference, several fills on one event come out in price-then-arrival order (the reference's hash
/// order differs from run to run), and a requeued modify rests with its new quantity.
/// </summary>
public abstract class L2Exchange : SimulatedExchange
{
    private readonly List<ExchangeOrder> _bids = new();   // best (highest) price first, then arrival
    private readonly List<ExchangeOrder> _asks = new();   // best (lowest) price first, then arrival
    private readonly Dictionary<ulong, ExchangeOrder> _byId = new();
    private readonly List<(ExchangeOrder Order, double Quantity)> _toFill = new();
    private readonly IQueueModel _queue;

    /// <summary>Creates the exchange for instrument number <paramref name="index"/>.</summary>
    protected L2Exchange(int index, Instrument instrument, IQueueModel queue, IFeeModel fees) : base(index, instrument, fees)
    {
        _queue = queue;
    }

    /// <inheritdoc />
    public override int RestingCount => _byId.Count;

    /// <summary>How much of a resting order fills when the queue model reports <paramref name="queueFill"/> at the front.</summary>
    protected abstract double QueueFillQuantity(ExchangeOrder order, double queueFill);


    // ---------------------------------------------------------------- market data

    /// <inheritdoc />
    public override void OnMarketEvent(in MarketEvent ev, List<OrderReport> reports)
    {
        ulong kind = ev.Flags & 0xFF;
        if (kind == EventFlags.Depth || kind == EventFlags.DepthSnapshot)
        {
            if ((ev.Flags & EventFlags.Buy) != 0)
            {
                var change = Depth.UpdateBid(ev.Price, ev.Quantity);
                if (_bids.Count > 0) UpdateQueues(_bids, buy: true, change);
                if (change.BestTick > change.PreviousBestTick && _asks.Count > 0) FillCrossed(_asks, buy: false, change.BestTick, ev.ExchangeTime, reports);
            }
            else if ((ev.Flags & EventFlags.Sell) != 0)
            {
                var change = Depth.UpdateAsk(ev.Price, ev.Quantity);
                if (_asks.Count > 0) UpdateQueues(_asks, buy: false, change);
                if (change.BestTick < change.PreviousBestTick && _bids.Count > 0) FillCrossed(_bids, buy: true, change.BestTick, ev.ExchangeTime, reports);
            }
        }
        else if (kind == EventFlags.DepthClear)
        {
            Depth.ApplyClear(in ev);
        }
        else if (kind == EventFlags.Trade)
        {
            // A buyer-initiated trade lifts asks (our sells); a seller-initiated one hits bids (our buys).
            if ((ev.Flags & EventFlags.Buy) != 0 && _asks.Count > 0) OnTrade(_asks, buy: false, in ev, reports);
            else if ((ev.Flags & EventFlags.Sell) != 0 && _bids.Count > 0) OnTrade(_bids, buy: true, in ev, reports);
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

    /// <summary>The opposite best moved to <paramref name="best"/>: every order of <paramref name="side"/> it reaches fills in full as maker.</summary>
    private void FillCrossed(List<ExchangeOrder> side, bool buy, long best, long time, List<OrderReport> reports)
    {
        _toFill.Clear();
        foreach (var order in side)
        {
            if (buy ? order.PriceTick < best : order.PriceTick > best) break;
            _toFill.Add((order, order.LeavesQuantity));
        }
        ApplyFills(side, time, reports);
    }

    private void OnTrade(List<ExchangeOrder> side, bool buy, in MarketEvent ev, List<OrderReport> reports)
    {
        long tick = PriceMath.ToTick(ev.Price, Instrument.TickSize);
        _toFill.Clear();
        foreach (var order in side)
        {
            bool through = buy ? order.PriceTick > tick : order.PriceTick < tick;
            if (through)
            {
                _toFill.Add((order, order.LeavesQuantity));
                continue;
            }
            if (order.PriceTick != tick) break;
            _queue.Trade(order, ev.Quantity, Depth);
            double queueFill = _queue.IsFilled(order, Depth);
            if (queueFill > 0) _toFill.Add((order, QueueFillQuantity(order, queueFill)));
        }
        ApplyFills(side, ev.ExchangeTime, reports);
    }

    private void ApplyFills(List<ExchangeOrder> side, long time, List<OrderReport> reports)
    {
        if (_toFill.Count == 0) return;
        foreach (var (order, quantity) in _toFill)
        {
            reports.Add(ExecuteResting(order, quantity, time));
            if (order.LeavesQuantity <= 0)
            {
                side.Remove(order);
                _byId.Remove(order.Id);
            }
        }
        _toFill.Clear();
    }

    /// <summary>Fills <paramref name="quantity"/> of a resting order as maker at its own price.</summary>
    private OrderReport ExecuteResting(ExchangeOrder order, double quantity, long time)
    {
        double leaves = order.LeavesQuantity - quantity;
        // An order whose remainder rounds to no lot is done (the reference's PartiallyFilled test).
        if (PriceMath.ToLots(leaves, Instrument.LotSize) <= 0) leaves = 0;
        order.LeavesQuantity = leaves;
        return Execution(order.Id, order.Side, order.PriceTick, order.Quantity, leaves, quantity, order.PriceTick, maker: true, time, order.LocalTime);
    }

    // ---------------------------------------------------------------- requests

    /// <inheritdoc />
    protected override ExchangeOrder? FindResting(ulong id) => _byId.GetValueOrDefault(id);

    /// <inheritdoc />
    protected override void RemoveResting(ExchangeOrder order)
    {
        _byId.Remove(order.Id);
        (order.Side == Side.Buy ? _bids : _asks).Remove(order);
    }

    /// <inheritdoc />
    protected override void Rest(ExchangeOrder order)
    {
        _queue.NewOrder(order, Depth);
        InsertByPriority(order.Side == Side.Buy ? _bids : _asks, order);
        _byId.Add(order.Id, order);
    }
}
