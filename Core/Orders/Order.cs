using Hft.Core.Markets;

namespace Hft.Core.Orders;

/// <summary>
/// The local view of one order, as hftbacktest's <c>Order</c>: kept current by the order-state actor from
/// the venue's reports; strategies read it.
/// </summary>
public sealed class Order
{
    /// <summary>Creates a new order as a strategy submits it (status None, request New).</summary>
    public Order(int instrument, ulong id, Side side, long priceTick, double tickSize, double quantity,
        TimeInForce timeInForce, OrderType type, long localTime)
    {
        Instrument = instrument;
        Id = id;
        Side = side;
        PriceTick = priceTick;
        TickSize = tickSize;
        Quantity = quantity;
        LeavesQuantity = quantity;
        TimeInForce = timeInForce;
        Type = type;
        LocalTime = localTime;
        Request = OrderRequest.New;
    }

    /// <summary>Index of the instrument in the run's configuration.</summary>
    public int Instrument { get; }
    /// <summary>The strategy's id for the order, unique per instrument.</summary>
    public ulong Id { get; }
    /// <summary>Buy or sell.</summary>
    public Side Side { get; internal set; }
    /// <summary>Limit price in ticks.</summary>
    public long PriceTick { get; internal set; }
    /// <summary>The instrument's tick size.</summary>
    public double TickSize { get; }
    /// <summary>Ordered quantity.</summary>
    public double Quantity { get; internal set; }
    /// <summary>Quantity still open.</summary>
    public double LeavesQuantity { get; internal set; }
    /// <summary>Quantity executed by the last fill.</summary>
    public double ExecutedQuantity { get; internal set; }
    /// <summary>Price of the last fill, in ticks.</summary>
    public long ExecutedPriceTick { get; internal set; }
    /// <summary>Time in force.</summary>
    public TimeInForce TimeInForce { get; internal set; }
    /// <summary>Limit or market.</summary>
    public OrderType Type { get; internal set; }
    /// <summary>Current status.</summary>
    public OrderStatus Status { get; internal set; }
    /// <summary>The request in flight, if any.</summary>
    public OrderRequest Request { get; internal set; }
    /// <summary>Venue time of the last report.</summary>
    public long ExchangeTime { get; internal set; }
    /// <summary>Local time the last request was sent.</summary>
    public long LocalTime { get; internal set; }
    /// <summary>True if the last fill was as maker.</summary>
    public bool Maker { get; internal set; }
    /// <summary>Price and quantity before a modify in flight, restored if the modify is refused.</summary>
    internal long PreviousPriceTick { get; set; }
    internal double PreviousQuantity { get; set; }

    /// <summary>The actor that submitted the order; it is told about every change.</summary>
    internal Akka.Actor.IActorRef? Owner { get; set; }

    /// <summary>Why the order was rejected, if it was.</summary>
    public string? RejectReason { get; internal set; }

    /// <summary>Limit price.</summary>
    public double Price => PriceTick * TickSize;
    /// <summary>Price of the last fill.</summary>
    public double ExecutedPrice => ExecutedPriceTick * TickSize;
    /// <summary>Resting and no request in flight: a cancel or modify may be sent.</summary>
    public bool IsCancellable => (Status == OrderStatus.New || Status == OrderStatus.PartiallyFilled) && Request == OrderRequest.None;
    /// <summary>Resting on the venue.</summary>
    public bool IsActive => Status == OrderStatus.New || Status == OrderStatus.PartiallyFilled;
    /// <summary>A request is in flight.</summary>
    public bool IsPending => Request != OrderRequest.None;
    /// <summary>Ended: expired, filled, cancelled or rejected, with nothing in flight.</summary>
    public bool IsInactive => Request == OrderRequest.None &&
        Status is OrderStatus.Expired or OrderStatus.Filled or OrderStatus.Canceled or OrderStatus.Rejected;

    /// <inheritdoc />
    public override string ToString() =>
        $"#{Id} {Side} {LeavesQuantity}/{Quantity} @ {Price} {TimeInForce} {Status} req={Request}";
}
