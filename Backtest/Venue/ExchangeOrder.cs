using Hft.Core.Markets;
using Hft.Core.Orders;

namespace Hft.Backtest.Venue;

/// <summary>The simulated exchange's own copy of a resting order, with the queue model's state.</summary>
public sealed class ExchangeOrder
{
    internal ExchangeOrder(ulong id, Side side, long priceTick, double quantity, TimeInForce tif, OrderType type, long localTime, long sequence)
    {
        Id = id;
        Side = side;
        PriceTick = priceTick;
        Quantity = quantity;
        LeavesQuantity = quantity;
        TimeInForce = tif;
        Type = type;
        LocalTime = localTime;
        Sequence = sequence;
    }

    /// <summary>Order id.</summary>
    public ulong Id { get; }
    /// <summary>Side.</summary>
    public Side Side { get; }
    /// <summary>Limit price in ticks.</summary>
    public long PriceTick { get; internal set; }
    /// <summary>Ordered quantity.</summary>
    public double Quantity { get; internal set; }
    /// <summary>Open quantity.</summary>
    public double LeavesQuantity { get; internal set; }
    /// <summary>Time in force.</summary>
    public TimeInForce TimeInForce { get; }
    /// <summary>Order type.</summary>
    public OrderType Type { get; }
    /// <summary>Local time of the latest request for this order.</summary>
    public long LocalTime { get; internal set; }
    /// <summary>Arrival order at the exchange; breaks ties between orders at one price.</summary>
    public long Sequence { get; }
    /// <summary>Quantity ahead of the order in the queue at its price (queue models).</summary>
    public double FrontQuantity { get; set; }
    /// <summary>Traded quantity at the order's price since the last depth update (probabilistic queue models).</summary>
    public double CumulativeTradeQuantity { get; set; }
}
