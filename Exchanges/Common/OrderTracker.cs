using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Venues;

namespace Hft.Exchanges.Common;

/// <summary>
/// The gateway's view of each of our orders on the venue, merging REST answers and user-stream events that may arrive
/// in either order into <see cref="OrderReport"/>s for the order-state actor: a fill is the increase of the venue's
/// cumulative filled quantity (so an event seen twice, or a REST answer and its stream event, never count a fill
/// twice), a final status stays final, and an update that changes nothing makes no report.
/// </summary>
public sealed class OrderTracker
{
    private const long NanosPerMilli = 1_000_000;
    private readonly IReadOnlyList<Instrument> _instruments;
    private readonly Dictionary<ulong, TrackedOrder> _orders = new();

    /// <summary>A tracker for orders on <paramref name="instruments"/> (by index).</summary>
    public OrderTracker(IReadOnlyList<Instrument> instruments) => _instruments = instruments;

    /// <summary>Orders the venue holds open as far as we know, in order id order.</summary>
    public IReadOnlyList<ulong> OpenOrderIds => _orders.Values.Where(o => o.IsOpen).Select(o => o.OrderId).Order().ToArray();

    /// <summary>Open orders on instrument <paramref name="instrument"/>.</summary>
    public int OpenCount(int instrument) => _orders.Values.Count(o => o.IsOpen && o.Instrument == instrument);

    /// <summary>True if <paramref name="orderId"/> was sent and is not final.</summary>
    public bool IsOpen(ulong orderId) => _orders.TryGetValue(orderId, out var o) && o.IsOpen;

    /// <summary>The instrument of a tracked order, or -1.</summary>
    public int InstrumentOf(ulong orderId) => _orders.TryGetValue(orderId, out var o) ? o.Instrument : -1;

    /// <summary>The price (ticks) and quantity the venue holds for <paramref name="orderId"/>, as far as we know.</summary>
    public (long PriceTick, double Quantity) Resting(ulong orderId) =>
        _orders.TryGetValue(orderId, out var o) ? (o.PriceTick, o.Quantity) : (0, 0);

    /// <summary>Records a request on its way to the venue.</summary>
    public void OnCommand(VenueCommand command)
    {
        if (!_orders.TryGetValue(command.OrderId, out var order))
        {
            if (command.Kind != VenueCommandKind.New) return;
            order = new TrackedOrder(command.Instrument, command.OrderId, command.Side);
            _orders.Add(command.OrderId, order);
        }
        order.LastRequestLocalTime = command.LocalTime;
        order.LastRequest = command.Kind;
        if (command.Kind == VenueCommandKind.New)
        {
            order.PriceTick = command.PriceTick;
            order.Quantity = command.Quantity;
        }
    }

    /// <summary>The venue refused <paramref name="command"/>: a rejection report (a refused new order ends it).</summary>
    public OrderReport Rejected(VenueCommand command, string reason)
    {
        if (_orders.TryGetValue(command.OrderId, out var order) && command.Kind == VenueCommandKind.New && order.Status == OrderStatus.None)
            order.Status = OrderStatus.Rejected;
        return new OrderReport
        {
            Instrument = command.Instrument, OrderId = command.OrderId, Side = command.Side, Status = order?.Status ?? OrderStatus.None,
            Request = OrderRequest.Rejected, PriceTick = command.PriceTick, Quantity = command.Quantity,
            LeavesQuantity = command.Quantity, RequestLocalTime = command.LocalTime, Answers = command.Kind, RejectReason = reason,
        };
    }

    /// <summary>
    /// Merges what the venue said about <paramref name="orderId"/>; returns the report to send, or null when nothing
    /// changed (a duplicate, or an older answer arriving after a newer event).
    /// </summary>
    public OrderReport? OnUpdate(ulong orderId, VenueOrderUpdate update)
    {
        if (!_orders.TryGetValue(orderId, out var order)) return null;
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
        order.Status = status;
        order.PriceTick = priceTick;
        order.Quantity = quantity;
        double leaves = IsFinal(status) ? 0 : Math.Max(0, quantity - order.Cumulative);
        return new OrderReport
        {
            Instrument = order.Instrument, OrderId = orderId, Side = order.Side, Status = status, PriceTick = priceTick,
            Quantity = quantity, LeavesQuantity = leaves, FillQuantity = fillQuantity, FillPriceTick = fillTick, FillValue = fillValue,
            Fee = fee, Maker = update.Maker, ExchangeTime = update.TimeMs * NanosPerMilli, RequestLocalTime = order.LastRequestLocalTime,
            Answers = order.LastRequest,
        };
    }

    /// <summary>Forgets orders that are final (after a report was made of their end).</summary>
    public void ForgetFinal()
    {
        foreach (var id in _orders.Where(p => IsFinal(p.Value.Status)).Select(p => p.Key).ToArray()) _orders.Remove(id);
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

    private sealed class TrackedOrder(int instrument, ulong orderId, Side side)
    {
        public int Instrument { get; } = instrument;
        public ulong OrderId { get; } = orderId;
        public Side Side { get; } = side;
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
