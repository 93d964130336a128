using Hft.Backtest.Models.Fees;
using Hft.Core.Books;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Venues;

namespace Hft.Backtest.Venue;

/// <summary>
/// hftbacktest's <c>L3NoPartialFillExchange</c> with its <c>L3FIFOQueueModel</c>, for market-by-order data. Each
/// price keeps one queue, in arrival order, of the feed's orders and this account's: a backtest order joins the
/// back of its queue and moves up as the orders ahead of it are cancelled or filled.
/// <list type="bullet">
/// <item>add / modify (feed): the book and the queues follow; a feed modify that changes the price or raises
/// the quantity goes to the back of its (new) queue, otherwise it keeps its place. If the best bid rises to or
/// above a backtest ask (or the best ask falls to or below a backtest bid), that backtest order fills;</item>
/// <item>cancel (feed): the order leaves the book and its queue;</item>
/// <item>fill (feed): a feed order executed at its price. Every backtest order at a better price fills, and so
/// does every backtest order ahead of that feed order in its queue;</item>
/// <item>clear: the side's orders leave the book; this account's orders on that side expire;</item>
/// <item>trades: ignored (market-by-order fills carry the executions);</item>
/// <item>an add of an id already resting, or a modify, cancel or fill of an unknown id, changes nothing (the
/// reference refuses them; <see cref="Hft.Backtest.Data.Validation.MarketByOrderValidator"/> reports them).</item>
/// </list>
/// Every fill is complete and at the order's own price (maker). New orders follow the no-partial-fill rules
/// (crossing orders take the opposite best; post-only ones that would cross expire). Unlike the reference, a
/// modify to a crossing price is treated as a new order (it takes liquidity or expires) rather than resting
/// crossed, and simultaneous fills come out in price-then-arrival order.
/// </summary>
public sealed class L3Exchange : SimulatedExchange
{
    private sealed class QueueEntry(ulong id, ExchangeOrder? order)
    {
        public ulong Id { get; } = id;
        public ExchangeOrder? Order { get; } = order;   // null: an order of the feed
        public double Quantity { get; set; }            // feed orders' size, to tell a raise from a cut
    }

    private readonly Dictionary<long, List<QueueEntry>> _bidQueues = new();
    private readonly Dictionary<long, List<QueueEntry>> _askQueues = new();
    private readonly Dictionary<ulong, (Side Side, long Tick, QueueEntry Entry)> _feed = new();
    private readonly Dictionary<ulong, ExchangeOrder> _byId = new();
    private readonly List<ExchangeOrder> _bids = new();   // best price first, then arrival
    private readonly List<ExchangeOrder> _asks = new();
    private readonly List<ExchangeOrder> _toFill = new();

    /// <summary>Creates the exchange for instrument number <paramref name="index"/>.</summary>
    public L3Exchange(int index, Instrument instrument, IFeeModel fees) : base(index, instrument, fees)
    {
    }

    /// <inheritdoc />
    public override int RestingCount => _byId.Count;

    /// <summary>The feed's resting orders of a snapshot join their queues in the order given (the book's own order).</summary>
    public override void ApplyInitialSnapshot(ReadOnlySpan<MarketEvent> rows)
    {
        _feed.Clear();
        _bidQueues.Clear();
        _askQueues.Clear();
        Depth.ApplySnapshot(rows);
        foreach (ref readonly var row in rows)
        {
            if ((row.Flags & 0xFF) != EventFlags.AddOrder || !Depth.Orders.TryGetValue(row.OrderId, out var order) || _feed.ContainsKey(row.OrderId)) continue;
            var entry = new QueueEntry(row.OrderId, null) { Quantity = order.Quantity };
            QueueOf(order.Side, order.PriceTick).Add(entry);
            _feed[row.OrderId] = (order.Side, order.PriceTick, entry);
        }
    }

    /// <inheritdoc />
    public override void OnMarketEvent(in MarketEvent ev, List<OrderReport> reports)
    {
        ulong kind = ev.Flags & 0xFF;
        if (kind == EventFlags.AddOrder) OnAdd(in ev, reports);
        else if (kind == EventFlags.ModifyOrder) OnModify(in ev, reports);
        else if (kind == EventFlags.CancelOrder) OnCancel(in ev);
        else if (kind == EventFlags.Fill) OnFill(in ev, reports);
        else if (kind == EventFlags.DepthClear) OnClear(in ev, reports);
    }

    private void OnAdd(in MarketEvent ev, List<OrderReport> reports)
    {
        var side = SideOf(ev.Flags);
        // An id already resting is refused, as in the reference (OrderIdExist): book and queues stay as they are.
        if (side == Side.None || _feed.ContainsKey(ev.OrderId)) return;
        long bestBid = Depth.BestBidTick, bestAsk = Depth.BestAskTick;
        Depth.AddOrder(ev.OrderId, side, ev.Price, ev.Quantity);
        long tick = Depth.ToTick(ev.Price);
        var entry = new QueueEntry(ev.OrderId, null) { Quantity = ev.Quantity };
        QueueOf(side, tick).Add(entry);
        _feed[ev.OrderId] = (side, tick, entry);
        FillCrossedBy(bestBid, bestAsk, ev.ExchangeTime, reports);
    }

    private void OnModify(in MarketEvent ev, List<OrderReport> reports)
    {
        if (!_feed.TryGetValue(ev.OrderId, out var known)) return;
        long bestBid = Depth.BestBidTick, bestAsk = Depth.BestAskTick;
        Depth.ModifyOrder(ev.OrderId, ev.Price, ev.Quantity);
        long tick = Depth.ToTick(ev.Price);
        if (tick != known.Tick || ev.Quantity > known.Entry.Quantity)
        {
            QueueOf(known.Side, known.Tick).Remove(known.Entry);
            QueueOf(known.Side, tick).Add(known.Entry);
            _feed[ev.OrderId] = (known.Side, tick, known.Entry);
        }
        known.Entry.Quantity = ev.Quantity;
        FillCrossedBy(bestBid, bestAsk, ev.ExchangeTime, reports);
    }

    private void OnCancel(in MarketEvent ev)
    {
        if (!_feed.ContainsKey(ev.OrderId)) return;
        Depth.DeleteOrder(ev.OrderId);
        RemoveFeed(ev.OrderId);
    }

    private void OnFill(in MarketEvent ev, List<OrderReport> reports)
    {
        // An execution of an order the feed never added is refused, as in the reference: nothing fills.
        if (!_feed.TryGetValue(ev.OrderId, out var known)) return;
        var (side, tick, entry) = known;
        _toFill.Clear();
        bool buy = side == Side.Buy;
        // Our orders at a better price than the executed feed order would have traded first.
        foreach (var order in buy ? _bids : _asks)
        {
            if (buy ? order.PriceTick <= tick : order.PriceTick >= tick) break;
            _toFill.Add(order);
        }
        // And so would ours ahead of it in its queue.
        if ((buy ? _bidQueues : _askQueues).TryGetValue(tick, out var queue))
        {
            foreach (var e in queue)
            {
                if (e == entry) break;
                if (e.Order is { } mine && !_toFill.Contains(mine)) _toFill.Add(mine);
            }
        }
        FillListed(ev.ExchangeTime, reports);
    }

    private void OnClear(in MarketEvent ev, List<OrderReport> reports)
    {
        var side = SideOf(ev.Flags);
        Depth.ClearOrders(side);
        foreach (var id in _feed.Where(kv => side == Side.None || kv.Value.Side == side).Select(kv => kv.Key).ToArray()) _feed.Remove(id);
        if (side != Side.Sell) _bidQueues.Clear();
        if (side != Side.Buy) _askQueues.Clear();
        // Our orders on a cleared side have no queue left: they expire, in price-then-arrival order.
        foreach (var list in new[] { side != Side.Sell ? _bids : null, side != Side.Buy ? _asks : null })
        {
            if (list is null) continue;
            foreach (var order in list)
            {
                _byId.Remove(order.Id);
                reports.Add(Status(order, ev.ExchangeTime, OrderStatus.Expired, order.LocalTime));
            }
            list.Clear();
        }
    }

    /// <summary>The best bid rose to (or the best ask fell to) our orders on the other side: they fill.</summary>
    private void FillCrossedBy(long previousBestBid, long previousBestAsk, long time, List<OrderReport> reports)
    {
        _toFill.Clear();
        if (Depth.BestBidTick > previousBestBid)
        {
            foreach (var order in _asks)
            {
                if (order.PriceTick > Depth.BestBidTick) break;
                _toFill.Add(order);
            }
        }
        if (Depth.BestAskTick < previousBestAsk)
        {
            foreach (var order in _bids)
            {
                if (order.PriceTick < Depth.BestAskTick) break;
                _toFill.Add(order);
            }
        }
        FillListed(time, reports);
    }

    private void FillListed(long time, List<OrderReport> reports)
    {
        foreach (var order in _toFill)
        {
            RemoveOurs(order);
            reports.Add(Execution(order.Id, order.Side, order.PriceTick, order.Quantity, 0, order.LeavesQuantity,
                order.PriceTick, maker: true, time, order.LocalTime));
            order.LeavesQuantity = 0;
        }
        _toFill.Clear();
    }

    // ---------------------------------------------------------------- requests

    /// <inheritdoc />
    protected override ExchangeOrder? FindResting(ulong id) => _byId.GetValueOrDefault(id);

    /// <inheritdoc />
    protected override void RemoveResting(ExchangeOrder order) => RemoveOurs(order);

    /// <inheritdoc />
    protected override void Rest(ExchangeOrder order)
    {
        InsertByPriority(order.Side == Side.Buy ? _bids : _asks, order);
        _byId.Add(order.Id, order);
        QueueOf(order.Side, order.PriceTick).Add(new QueueEntry(order.Id, order));
    }

    /// <inheritdoc />
    protected override double TakeLiquidity(VenueCommand c, long now, List<OrderReport> reports) => TakeAllAtBest(c, now, reports);

    // ---------------------------------------------------------------- queues

    private List<QueueEntry> QueueOf(Side side, long tick)
    {
        var queues = side == Side.Buy ? _bidQueues : _askQueues;
        if (!queues.TryGetValue(tick, out var queue))
        {
            queue = new List<QueueEntry>();
            queues.Add(tick, queue);
        }
        return queue;
    }

    private void RemoveFeed(ulong id)
    {
        if (!_feed.Remove(id, out var known)) return;
        RemoveFromQueue(known.Side, known.Tick, e => e == known.Entry);
    }

    private void RemoveOurs(ExchangeOrder order)
    {
        _byId.Remove(order.Id);
        (order.Side == Side.Buy ? _bids : _asks).Remove(order);
        RemoveFromQueue(order.Side, order.PriceTick, e => e.Order == order);
    }

    private void RemoveFromQueue(Side side, long tick, Predicate<QueueEntry> match)
    {
        var queues = side == Side.Buy ? _bidQueues : _askQueues;
        if (!queues.TryGetValue(tick, out var queue)) return;
        int i = queue.FindIndex(match);
        if (i >= 0) queue.RemoveAt(i);
        if (queue.Count == 0) queues.Remove(tick);
    }

    private static Side SideOf(ulong flags) =>
        (flags & EventFlags.Buy) != 0 ? Side.Buy : (flags & EventFlags.Sell) != 0 ? Side.Sell : Side.None;
}
