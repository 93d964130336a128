using System.Runtime.InteropServices;

namespace Hft.Core.Markets;

/// <summary>
/// One row of market data in hftbacktest's exact 64-byte event layout
/// (<c>ev u8, exch_ts i8, local_ts i8, px f8, qty f8, order_id u8, ival i8, fval f8</c>),
/// so that arrays of it can be read from and written to <c>.npz</c> files without conversion.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 8, Size = 64)]
public readonly struct MarketEvent : IEquatable<MarketEvent>
{
    /// <summary>Flag bits (<see cref="EventFlags"/>) and the event kind in the low byte.</summary>
    public readonly ulong Flags;
    /// <summary>Time the venue processed the event, in nanoseconds.</summary>
    public readonly long ExchangeTime;
    /// <summary>Time our process received the event, in nanoseconds.</summary>
    public readonly long LocalTime;
    /// <summary>Price.</summary>
    public readonly double Price;
    /// <summary>Quantity (0 deletes a depth level).</summary>
    public readonly double Quantity;
    /// <summary>Market-by-order id (L3 data only).</summary>
    public readonly ulong OrderId;
    /// <summary>Reserved integer value.</summary>
    public readonly long IntValue;
    /// <summary>Reserved floating-point value.</summary>
    public readonly double FloatValue;

    /// <summary>Creates an event.</summary>
    public MarketEvent(ulong flags, long exchangeTime, long localTime, double price, double quantity,
        ulong orderId = 0, long intValue = 0, double floatValue = 0)
    {
        Flags = flags;
        ExchangeTime = exchangeTime;
        LocalTime = localTime;
        Price = price;
        Quantity = quantity;
        OrderId = orderId;
        IntValue = intValue;
        FloatValue = floatValue;
    }

    /// <summary>The event kind held in the low byte of <see cref="Flags"/>.</summary>
    public EventKind Kind => (EventKind)(Flags & 0xFF);

    /// <summary>True if the exchange side should see this row (at <see cref="ExchangeTime"/>).</summary>
    public bool IsExchangeEvent => (Flags & EventFlags.Exchange) != 0;

    /// <summary>True if the local side should see this row (at <see cref="LocalTime"/>).</summary>
    public bool IsLocalEvent => (Flags & EventFlags.Local) != 0;

    /// <summary>True for the bid side of depth rows, or a buyer-initiated trade.</summary>
    public bool IsBuy => (Flags & EventFlags.Buy) != 0;

    /// <summary>True for the ask side of depth rows, or a seller-initiated trade.</summary>
    public bool IsSell => (Flags & EventFlags.Sell) != 0;

    /// <summary>
    /// hftbacktest's <c>Event::is</c>: every bit of <paramref name="mask"/> is present and, when the mask
    /// names a kind in its low byte, the kind matches exactly.
    /// </summary>
    public bool Is(ulong mask)
    {
        if ((Flags & mask) != mask) return false;
        ulong kind = mask & 0xFF;
        return kind == 0 || (Flags & 0xFF) == kind;
    }

    /// <summary>Returns a copy with other flags.</summary>
    public MarketEvent WithFlags(ulong flags) =>
        new(flags, ExchangeTime, LocalTime, Price, Quantity, OrderId, IntValue, FloatValue);

    /// <summary>Returns a copy with another local time.</summary>
    public MarketEvent WithLocalTime(long localTime) =>
        new(Flags, ExchangeTime, localTime, Price, Quantity, OrderId, IntValue, FloatValue);

    /// <inheritdoc />
    public bool Equals(MarketEvent other) =>
        Flags == other.Flags && ExchangeTime == other.ExchangeTime && LocalTime == other.LocalTime &&
        Price.Equals(other.Price) && Quantity.Equals(other.Quantity) && OrderId == other.OrderId &&
        IntValue == other.IntValue && FloatValue.Equals(other.FloatValue);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is MarketEvent e && Equals(e);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Flags, ExchangeTime, LocalTime, Price, Quantity, OrderId);

    /// <inheritdoc />
    public override string ToString() =>
        $"{EventFlags.Describe(Flags)} exch={ExchangeTime} local={LocalTime} px={Price} qty={Quantity}";
}
