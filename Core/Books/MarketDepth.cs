using System.Runtime.CompilerServices;
using Hft.Core.Markets;

namespace Hft.Core.Books;

/// <summary>
/// An L2 order book indexed by integer price ticks, with hftbacktest's semantics: prices round to ticks
/// halves-away-from-zero; a level whose quantity rounds to zero lots is removed; best bid/ask stay current
/// as levels empty; a crossing update moves the opposite best past the crossed levels. Unlike the
/// reference, a depth clear rescans from the level right next to the cleared range (its off-by-one skips it).
/// Strategies read it directly on the core loop.
/// </summary>
public sealed class MarketDepth
{
    /// <summary>Best bid tick when there is no bid.</summary>
    public const long InvalidMin = long.MinValue;
    /// <summary>Best ask tick when there is no ask.</summary>
    public const long InvalidMax = long.MaxValue;

    private readonly TickLadder _bids = new();
    private readonly TickLadder _asks = new();
    private long _lowBidTick = InvalidMax;
    private long _highAskTick = InvalidMin;

    /// <summary>Creates an empty book.</summary>
    public MarketDepth(double tickSize, double lotSize)
    {
        if (!(tickSize > 0)) throw new ArgumentOutOfRangeException(nameof(tickSize), tickSize, "Tick size must be positive.");
        if (!(lotSize > 0)) throw new ArgumentOutOfRangeException(nameof(lotSize), lotSize, "Lot size must be positive.");
        TickSize = tickSize;
        LotSize = lotSize;
        _inverseTick = 1.0 / tickSize;
        _inverseLot = 1.0 / lotSize;
    }

    private readonly double _inverseTick;
    private readonly double _inverseLot;

    /// <summary>Price increment.</summary>
    public double TickSize { get; }
    /// <summary>Quantity increment.</summary>
    public double LotSize { get; }
    /// <summary>Best bid tick, or <see cref="InvalidMin"/>.</summary>
    public long BestBidTick { get; private set; } = InvalidMin;
    /// <summary>Best ask tick, or <see cref="InvalidMax"/>.</summary>
    public long BestAskTick { get; private set; } = InvalidMax;
    /// <summary>Best bid price, NaN if there is none.</summary>
    public double BestBid => BestBidTick == InvalidMin ? double.NaN : BestBidTick * TickSize;
    /// <summary>Best ask price, NaN if there is none.</summary>
    public double BestAsk => BestAskTick == InvalidMax ? double.NaN : BestAskTick * TickSize;
    /// <summary>Quantity at the best bid (0 if none).</summary>
    public double BestBidQuantity => BestBidTick == InvalidMin ? 0 : _bids.Get(BestBidTick);
    /// <summary>Quantity at the best ask (0 if none).</summary>
    public double BestAskQuantity => BestAskTick == InvalidMax ? 0 : _asks.Get(BestAskTick);
    /// <summary>Local time (ns) of the last market event the book's actor received, trades included; 0 before the first.</summary>
    public long LastEventTime { get; set; }

    /// <summary>True when both sides have a best price.</summary>
    public bool HasBothSides => BestBidTick != InvalidMin && BestAskTick != InvalidMax;
    /// <summary>Mid price, NaN unless both sides exist.</summary>
    public double MidPrice => (BestBid + BestAsk) / 2.0;

    /// <summary>Bid quantity at a tick (0 if empty).</summary>
    public double BidQuantityAt(long tick) => _bids.Get(tick);
    /// <summary>Ask quantity at a tick (0 if empty).</summary>
    public double AskQuantityAt(long tick) => _asks.Get(tick);

    /// <summary>The tick of a price.</summary>
    public long ToTick(double price) => PriceMath.RoundQuotient(price, TickSize, _inverseTick);

    /// <summary>Sets a bid level's quantity (0 removes it).</summary>
    public DepthChange UpdateBid(double price, double quantity)
    {
        long tick = PriceMath.RoundQuotient(price, TickSize, _inverseTick);
        long lots = PriceMath.RoundQuotient(quantity, LotSize, _inverseLot);
        long prevBest = BestBidTick;
        double prevQty = _bids.Get(tick);
        if (lots > 0)
        {
            _bids.Set(tick, quantity);
            if (tick > BestBidTick)
            {
                BestBidTick = tick;
                if (BestBidTick >= BestAskTick) BestAskTick = _asks.ScanUp(BestBidTick + 1, _highAskTick, InvalidMax);
            }
            if (tick < _lowBidTick) _lowBidTick = tick;
        }
        else
        {
            _bids.Set(tick, 0);
            if (tick == BestBidTick)
            {
                BestBidTick = _bids.ScanDown(BestBidTick - 1, _lowBidTick, InvalidMin);
                if (BestBidTick == InvalidMin) _lowBidTick = InvalidMax;
            }
        }
        return new DepthChange(tick, prevBest, BestBidTick, prevQty, quantity);
    }

    /// <summary>Sets an ask level's quantity (0 removes it).</summary>
    public DepthChange UpdateAsk(double price, double quantity)
    {
        long tick = PriceMath.RoundQuotient(price, TickSize, _inverseTick);
        long lots = PriceMath.RoundQuotient(quantity, LotSize, _inverseLot);
        long prevBest = BestAskTick;
        double prevQty = _asks.Get(tick);
        if (lots > 0)
        {
            _asks.Set(tick, quantity);
            if (tick < BestAskTick)
            {
                BestAskTick = tick;
                if (BestAskTick <= BestBidTick) BestBidTick = _bids.ScanDown(BestAskTick - 1, _lowBidTick, InvalidMin);
            }
            if (tick > _highAskTick) _highAskTick = tick;
        }
        else
        {
            _asks.Set(tick, 0);
            if (tick == BestAskTick)
            {
                BestAskTick = _asks.ScanUp(BestAskTick + 1, _highAskTick, InvalidMax);
                if (BestAskTick == InvalidMax) _highAskTick = InvalidMin;
            }
        }
        return new DepthChange(tick, prevBest, BestAskTick, prevQty, quantity);
    }

    /// <summary>
    /// Clears one side from its best price out to <paramref name="upToPrice"/> inclusive (the whole side if
    /// the price is not finite), or the whole book for <see cref="Side.None"/>.
    /// </summary>
    public void Clear(Side side, double upToPrice)
    {
        if (side == Side.Buy)
        {
            if (!double.IsFinite(upToPrice)) ClearBids();
            else if (BestBidTick != InvalidMin)
            {
                long upTo = PriceMath.ToTick(upToPrice, TickSize);
                if (upTo <= BestBidTick) _bids.ClearRange(upTo, BestBidTick);
                BestBidTick = _bids.ScanDown(Math.Min(upTo - 1, BestBidTick), _lowBidTick, InvalidMin);
                if (BestBidTick == InvalidMin) _lowBidTick = InvalidMax;
            }
        }
        else if (side == Side.Sell)
        {
            if (!double.IsFinite(upToPrice)) ClearAsks();
            else if (BestAskTick != InvalidMax)
            {
                long upTo = PriceMath.ToTick(upToPrice, TickSize);
                if (upTo >= BestAskTick) _asks.ClearRange(BestAskTick, upTo);
                BestAskTick = _asks.ScanUp(Math.Max(upTo + 1, BestAskTick), _highAskTick, InvalidMax);
                if (BestAskTick == InvalidMax) _highAskTick = InvalidMin;
            }
        }
        else
        {
            ClearBids();
            ClearAsks();
        }
    }

    private void ClearBids()
    {
        _bids.ClearAll();
        BestBidTick = InvalidMin;
        _lowBidTick = InvalidMax;
    }

    private void ClearAsks()
    {
        _asks.ClearAll();
        BestAskTick = InvalidMax;
        _highAskTick = InvalidMin;
    }

    /// <summary>
    /// Applies one market event as the reference's processors do: depth and snapshot rows set levels, clear rows
    /// clear, market-by-order rows (add, cancel, modify) change their order and its level; everything else
    /// (trades, fills, BBO, custom kinds) leaves the book alone.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(in MarketEvent ev)
    {
        ulong kind = ev.Flags & 0xFF;
        if (kind == EventFlags.Depth || kind == EventFlags.DepthSnapshot)
        {
            if ((ev.Flags & EventFlags.Buy) != 0) UpdateBid(ev.Price, ev.Quantity);
            else if ((ev.Flags & EventFlags.Sell) != 0) UpdateAsk(ev.Price, ev.Quantity);
        }
        else if (kind == EventFlags.DepthClear)
        {
            ApplyClear(in ev);
        }
        else if (kind >= EventFlags.AddOrder)
        {
            ApplyOrderEvent(in ev);
        }
    }

    // ---------------------------------------------------------------- market by order (L3)

    private Dictionary<ulong, L3Order>? _orders;
    private long _nextSequence;

    /// <summary>The resting orders of a market-by-order feed (empty for L2 data).</summary>
    public IReadOnlyDictionary<ulong, L3Order> Orders => _orders ?? (IReadOnlyDictionary<ulong, L3Order>)EmptyOrders;

    private static readonly Dictionary<ulong, L3Order> EmptyOrders = new();

    /// <summary>Applies an add, cancel or modify row of a market-by-order feed (fills change nothing: the feed reports the size change itself).</summary>
    public void ApplyOrderEvent(in MarketEvent ev)
    {
        ulong kind = ev.Flags & 0xFF;
        if (kind == EventFlags.AddOrder)
        {
            var side = (ev.Flags & EventFlags.Buy) != 0 ? Side.Buy : (ev.Flags & EventFlags.Sell) != 0 ? Side.Sell : Side.None;
            if (side != Side.None) AddOrder(ev.OrderId, side, ev.Price, ev.Quantity);
        }
        else if (kind == EventFlags.CancelOrder)
        {
            DeleteOrder(ev.OrderId);
        }
        else if (kind == EventFlags.ModifyOrder)
        {
            ModifyOrder(ev.OrderId, ev.Price, ev.Quantity);
        }
    }

    /// <summary>
    /// Adds an order to its level; false if the id is already resting, which the reference refuses
    /// (<c>OrderIdExist</c>): the book is then left unchanged.
    /// </summary>
    public bool AddOrder(ulong id, Side side, double price, double quantity)
    {
        var orders = _orders ??= new Dictionary<ulong, L3Order>();
        long tick = ToTick(price);
        if (!orders.TryAdd(id, new L3Order(id, side, tick, quantity, _nextSequence))) return false;
        _nextSequence++;
        if (side == Side.Buy) UpdateBid(price, BidQuantityAt(tick) + quantity);
        else UpdateAsk(price, AskQuantityAt(tick) + quantity);
        return true;
    }

    /// <summary>Removes an order from its level; false if the id is unknown.</summary>
    public bool DeleteOrder(ulong id)
    {
        if (_orders is null || !_orders.Remove(id, out var order)) return false;
        SetLevel(order.Side, order.PriceTick, (order.Side == Side.Buy ? BidQuantityAt(order.PriceTick) : AskQuantityAt(order.PriceTick)) - order.Quantity);
        return true;
    }

    /// <summary>Moves an order to a new price and/or quantity; false if the id is unknown.</summary>
    public bool ModifyOrder(ulong id, double price, double quantity)
    {
        if (_orders is null || !_orders.TryGetValue(id, out var order)) return false;
        long tick = ToTick(price);
        if (tick == order.PriceTick)
        {
            // A larger quantity loses the queue place, as in the L3 exchange; a smaller one keeps it.
            _orders[id] = quantity > order.Quantity ? order with { Quantity = quantity, Sequence = _nextSequence++ } : order with { Quantity = quantity };
            double level = order.Side == Side.Buy ? BidQuantityAt(tick) : AskQuantityAt(tick);
            SetLevel(order.Side, tick, level - order.Quantity + quantity);
            return true;
        }
        DeleteOrder(id);
        AddOrder(id, order.Side, price, quantity);
        return true;
    }

    /// <summary>Removes every order of one side (or both, <see cref="Side.None"/>) and clears the levels.</summary>
    public void ClearOrders(Side side)
    {
        if (_orders is not null)
        {
            foreach (var id in _orders.Where(kv => side == Side.None || kv.Value.Side == side).Select(kv => kv.Key).ToArray()) _orders.Remove(id);
        }
        Clear(side, double.NaN);
    }

    private void SetLevel(Side side, long tick, double quantity)
    {
        // A level whose remainder rounds to no lot is gone (floating-point leftovers of many adds and removes).
        if (PriceMath.RoundQuotient(quantity, LotSize, _inverseLot) <= 0) quantity = 0;
        double price = tick * TickSize;
        if (side == Side.Buy) UpdateBid(price, quantity);
        else UpdateAsk(price, quantity);
    }

    /// <summary>
    /// Applies a depth-clear event: BUY or SELL clears that side up to its price, neither clears all. With
    /// market-by-order data the cleared side's orders go too, as the reference's L3 processors do
    /// (<c>clear_orders</c>), so that no order outlives its level.
    /// </summary>
    public void ApplyClear(in MarketEvent ev)
    {
        var side = (ev.Flags & EventFlags.Buy) != 0 ? Side.Buy : (ev.Flags & EventFlags.Sell) != 0 ? Side.Sell : Side.None;
        if (_orders is { Count: > 0 })
        {
            ClearOrders(side);
            return;
        }
        Clear(side, side == Side.None ? 0 : ev.Price);
    }

    /// <summary>
    /// Replaces the book with a snapshot (an initial-snapshot file): BUY rows are bids, SELL rows asks,
    /// whatever their kind, except <c>ADD_ORDER</c> rows, which add resting orders (market-by-order data) in the
    /// order given. Rows of zero lots are skipped.
    /// </summary>
    public void ApplySnapshot(ReadOnlySpan<MarketEvent> rows)
    {
        _orders?.Clear();
        Clear(Side.None, 0);
        foreach (ref readonly var row in rows)
        {
            if (PriceMath.ToLots(row.Quantity, LotSize) <= 0) continue;
            var side = (row.Flags & EventFlags.Buy) != 0 ? Side.Buy : (row.Flags & EventFlags.Sell) != 0 ? Side.Sell : Side.None;
            if (side == Side.None) continue;
            // Market-by-order snapshots hold the resting orders, in queue order; their levels are their sums.
            if ((row.Flags & 0xFF) == EventFlags.AddOrder) AddOrder(row.OrderId, side, row.Price, row.Quantity);
            else if (side == Side.Buy) UpdateBid(row.Price, row.Quantity);
            else UpdateAsk(row.Price, row.Quantity);
        }
    }

    /// <summary>
    /// The book as snapshot rows in the reference's layout (<c>ApplySnapshot::snapshot</c>): bids from the best bid
    /// down, then asks from the best ask up, each <c>EXCH|LOCAL|side|DEPTH_SNAPSHOT</c> with <c>exch_ts = local_ts =
    /// 0</c> and <c>px = tick × tick size</c>; levels beyond the best (left by a crossing update) are not part of the
    /// book. With market-by-order data, the resting orders instead, as <c>ADD_ORDER</c> rows carrying their ids: bids
    /// by price (best first) then queue order, then asks likewise, so that <see cref="ApplySnapshot"/> rebuilds the
    /// same levels and queues.
    /// </summary>
    public MarketEvent[] Snapshot()
    {
        const ulong both = EventFlags.Exchange | EventFlags.Local;
        var rows = new List<MarketEvent>();
        if (_orders is { Count: > 0 })
        {
            var orders = _orders.Values.ToArray();
            // A total order (price, queue place, id), so the output never depends on the dictionary's.
            Array.Sort(orders, (a, b) =>
            {
                if (a.Side != b.Side) return a.Side == Side.Buy ? -1 : 1;
                int byPrice = a.Side == Side.Buy ? b.PriceTick.CompareTo(a.PriceTick) : a.PriceTick.CompareTo(b.PriceTick);
                if (byPrice != 0) return byPrice;
                int bySequence = a.Sequence.CompareTo(b.Sequence);
                return bySequence != 0 ? bySequence : a.Id.CompareTo(b.Id);
            });
            foreach (var o in orders)
            {
                ulong side = o.Side == Side.Buy ? EventFlags.Buy : EventFlags.Sell;
                rows.Add(new MarketEvent(both | side | EventFlags.AddOrder, 0, 0, o.PriceTick * TickSize, o.Quantity, o.Id));
            }
            return rows.ToArray();
        }
        if (BestBidTick != InvalidMin)
        {
            for (long t = BestBidTick; t != InvalidMin && t >= _lowBidTick; t = _bids.ScanDown(t - 1, _lowBidTick, InvalidMin))
                rows.Add(new MarketEvent(both | EventFlags.Buy | EventFlags.DepthSnapshot, 0, 0, t * TickSize, _bids.Get(t)));
        }
        if (BestAskTick != InvalidMax)
        {
            for (long t = BestAskTick; t != InvalidMax && t <= _highAskTick; t = _asks.ScanUp(t + 1, _highAskTick, InvalidMax))
                rows.Add(new MarketEvent(both | EventFlags.Sell | EventFlags.DepthSnapshot, 0, 0, t * TickSize, _asks.Get(t)));
        }
        return rows.ToArray();
    }
}
