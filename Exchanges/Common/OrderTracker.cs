using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Venues;

namespace Hft.Exchanges.Common;

/// <summary>
/// The gateway's view of each of our orders on the venue, merging REST answers and user-stream events that may arrive
/// in either order into <see cref="OrderReport"/>s for the order-state actor: a fill is the increase of the venue's
/// cumulative filled quantity (so an event seen twice, or a REST answer and its stream event, never count a fill
/// twice), a final status stays final, and an update that changes nothing makes no report. Orders are kept by client
/// order id: a strategy that reuses a local id after an order ended gets a new venue order (a new incarnation) under a
/// new client id, and late events of the old one still count their fills, once.
/// </summary>
public sealed class OrderTracker
{
    private const long NanosPerMilli = 1_000_000;
    private readonly IReadOnlyList<Instrument> _instruments;
    private readonly Dictionary<string, TrackedOrder> _byClientId = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, TrackedOrder> _current = new();
    // Ended incarnations are kept a while for late events (a fill racing a cancel), then forgotten, oldest first.
    private readonly Queue<string> _ended = new();
    private const int EndedKept = 10_000;

    /// <summary>A tracker for orders on <paramref name="instruments"/> (by index).</summary>
    public OrderTracker(IReadOnlyList<Instrument> instruments) => _instruments = instruments;

    /// <summary>True if the current incarnation of <paramref name="orderId"/> is not final.</summary>
    public bool IsOpen(ulong orderId) => _current.TryGetValue(orderId, out var o) && o.IsOpen;

    /// <summary>The client id of the current incarnation of <paramref name="orderId"/>, or null if it was never sent.</summary>
    public string? ClientIdOf(ulong orderId) => _current.TryGetValue(orderId, out var o) ? o.ClientOrderId : null;

    /// <summary>The price (ticks) and quantity the venue holds for <paramref name="orderId"/>, as far as we know.</summary>
    public (long PriceTick, double Quantity) Resting(ulong orderId) =>
        _current.TryGetValue(orderId, out var o) ? (o.PriceTick, o.Quantity) : (0, 0);

    /// <summary>Records a new order on its way to the venue under <paramref name="clientOrderId"/>.</summary>
    public void OnNew(VenueCommand command, string clientOrderId)
    {
        var order = new TrackedOrder(command.Instrument, command.OrderId, command.Side, clientOrderId)
        {
            PriceTick = command.PriceTick,
            Quantity = command.Quantity,
            LastRequestLocalTime = command.LocalTime,
            LastRequest = VenueCommandKind.New,
        };
        _byClientId[clientOrderId] = order;
        _current[command.OrderId] = order;
    }

    /// <summary>
    /// Takes over an order sent before this session (from the journal, or found on the venue under our prefix) as the
    /// current incarnation of <paramref name="orderId"/>, with what is known to be filled already: later venue updates
    /// count only what goes beyond <paramref name="cumulative"/>.
    /// </summary>
    public void Adopt(int instrument, ulong orderId, Side side, string clientOrderId, long priceTick, double quantity, double cumulative, OrderStatus status)
    {
        var order = new TrackedOrder(instrument, orderId, side, clientOrderId)
        {
            PriceTick = priceTick,
            Quantity = quantity,
            Cumulative = cumulative,
            // A resting limit order fills at its price: the best guess for what was filled before.
            CumulativeValue = cumulative * priceTick * _instruments[instrument].TickSize,
            Status = status,
        };
        _byClientId[clientOrderId] = order;
        _current[orderId] = order;
        if (IsFinal(status)) Ended(clientOrderId);
    }

    /// <summary>True if <paramref name="clientOrderId"/> is a known order (open or recently ended).</summary>
    public bool Knows(string clientOrderId) => _byClientId.ContainsKey(clientOrderId);

    /// <summary>
    /// The open current orders whose last request is older than <paramref name="before"/> (local ns), in client-id order:
    /// what reconciliation may ask the venue about without racing an answer still on its way.
    /// </summary>
    public IReadOnlyList<(int Instrument, ulong OrderId, Side Side, string ClientOrderId)> OpenOrders(long before)
    {
        var open = new List<(int, ulong, Side, string)>();
        foreach (var o in _current.Values)
        {
            if (o.IsOpen && o.LastRequestLocalTime <= before) open.Add((o.Instrument, o.OrderId, o.Side, o.ClientOrderId));
        }
        open.Sort((a, b) => string.CompareOrdinal(a.Item4, b.Item4));
        return open;
    }

    /// <summary>Records a cancel or modify of the current incarnation on its way to the venue.</summary>
    public void OnRequest(VenueCommand command)
    {
        if (!_current.TryGetValue(command.OrderId, out var order)) return;
        order.LastRequestLocalTime = command.LocalTime;
        order.LastRequest = command.Kind;
    }

    /// <summary>The venue refused <paramref name="command"/>: a rejection report (a refused new order ends it).</summary>
    public OrderReport Rejected(VenueCommand command, string reason)
    {
        _current.TryGetValue(command.OrderId, out var order);
        if (order is not null && command.Kind == VenueCommandKind.New && order.Status == OrderStatus.None)
        {
            order.Status = OrderStatus.Rejected;
            Ended(order.ClientOrderId);
        }
        return new OrderReport
        {
            Instrument = command.Instrument, OrderId = command.OrderId, Side = command.Side, Status = order?.Status ?? OrderStatus.None,
            Request = OrderRequest.Rejected, PriceTick = command.PriceTick, Quantity = command.Quantity,
            LeavesQuantity = command.Quantity, RequestLocalTime = command.LocalTime, Answers = command.Kind, RejectReason = reason,
        };
    }

    /// <summary>
    /// Merges what the venue said about the order sent as <paramref name="clientOrderId"/>; returns the report to send,
    /// or null when nothing changed (a duplicate, an older answer after a newer event, an id that is not ours).
    /// </summary>
    public OrderReport? OnUpdate(string clientOrderId, VenueOrderUpdate update)
    {
        if (!_byClientId.TryGetValue(clientOrderId, out var order)) return null;
        var instrument = _instruments[order.Instrument];
        double cumulative = (double)update.CumulativeQuantity;
        double fillQuantity = 0, fillValue = 0, fee = 0;
        long fillTick = 0;
        if (cumulative > order.Cumulative + instrument.LotSize * 1e-9)
        {
            fillQuantity = cumulative - order.Cumulative;
            // One fill per event is the rule; if events were merged or missed, the average price covers the gap.
            double price = (double)update.LastPrice;
            bool oneFill = update.LastQuantity > 0 && Math.Abs((double)update.LastQuantity - fillQuantity) <= instrument.LotSize * 1e-9;
            double cumulativeValue = (double)(update.AveragePrice * update.CumulativeQuantity);
            if (!oneFill && cumulativeValue > 0) price = (cumulativeValue - order.CumulativeValue) / fillQuantity;
            fillTick = instrument.ToTick(price);
            fillValue = instrument.Value(price, fillQuantity);
            fee = (double)update.Fee;
            order.Cumulative = cumulative;
            order.CumulativeValue += price * fillQuantity;
        }
        var status = Merge(order.Status, update.Status, cumulative, order.Quantity);
        long priceTick = update.Price > 0 ? instrument.ToTick((double)update.Price) : order.PriceTick;
        double quantity = update.Quantity > 0 ? (double)update.Quantity : order.Quantity;
        bool changed = fillQuantity > 0 || status != order.Status || priceTick != order.PriceTick || quantity != order.Quantity;
        if (!changed) return null;
        if (!IsFinal(order.Status) && IsFinal(status)) Ended(order.ClientOrderId);
        order.Status = status;
        order.PriceTick = priceTick;
        order.Quantity = quantity;
        // A late event of an ended incarnation: only its fill matters; the local order now stands for the current one.
        var shown = _current.TryGetValue(order.OrderId, out var current) ? current : order;
        if (!ReferenceEquals(shown, order) && fillQuantity == 0) return null;
        double leaves = IsFinal(shown.Status) ? 0 : Math.Max(0, shown.Quantity - shown.Cumulative);
        return new OrderReport
        {
            Instrument = order.Instrument, OrderId = order.OrderId, Side = order.Side, Status = shown.Status, PriceTick = shown.PriceTick,
            Quantity = shown.Quantity, LeavesQuantity = leaves, FillQuantity = fillQuantity, FillPriceTick = fillTick, FillValue = fillValue,
            Fee = fee, Maker = update.Maker, ExchangeTime = update.TimeMs * NanosPerMilli, RequestLocalTime = shown.LastRequestLocalTime,
            Answers = shown.LastRequest, RejectReason = IsFinal(shown.Status) && ReferenceEquals(shown, order) ? update.Reason : null,
        };
    }

    private void Ended(string clientOrderId)
    {
        _ended.Enqueue(clientOrderId);
        while (_ended.Count > EndedKept)
        {
            string old = _ended.Dequeue();
            if (_byClientId.Remove(old, out var gone) && _current.TryGetValue(gone.OrderId, out var current) && ReferenceEquals(current, gone))
                _current.Remove(gone.OrderId);
        }
    }

    private static OrderStatus Merge(OrderStatus known, OrderStatus reported, double cumulative, double quantity)
    {
        // A final state stays final; a filled order stays filled even if a late cancel answer says otherwise.
        if (IsFinal(known)) return known;
        if (reported == OrderStatus.New && cumulative > 0) return cumulative >= quantity ? OrderStatus.Filled : OrderStatus.PartiallyFilled;
        if (reported == OrderStatus.New && known == OrderStatus.PartiallyFilled) return known;
        return reported;
    }

    /// <summary>True for statuses after which the venue never changes the order again.</summary>
    public static bool IsFinal(OrderStatus status) =>
        status is OrderStatus.Filled or OrderStatus.Canceled or OrderStatus.Expired or OrderStatus.Rejected;

    private sealed class TrackedOrder(int instrument, ulong orderId, Side side, string clientOrderId)
    {
        public int Instrument { get; } = instrument;
        public ulong OrderId { get; } = orderId;
        public Side Side { get; } = side;
        public string ClientOrderId { get; } = clientOrderId;
        public long PriceTick { get; set; }
        public double Quantity { get; set; }
        public double Cumulative { get; set; }
        public double CumulativeValue { get; set; }
        public OrderStatus Status { get; set; } = OrderStatus.None;
        public long LastRequestLocalTime { get; set; }
        public VenueCommandKind? LastRequest { get; set; }
        public bool IsOpen => !IsFinal(Status);
    }
}
