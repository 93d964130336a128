using Hft.Core.Markets;

namespace Hft.Exchanges.Emulators.Bybit;

/// <summary>One order on the emulated venue, in Bybit's terms.</summary>
public sealed class BybitOrder
{
    /// <summary>The matching engine's number for it.</summary>
    public required long Number { get; init; }
    /// <summary><c>orderId</c> (a UUID on the venue).</summary>
    public required string OrderId { get; init; }
    /// <summary><c>orderLinkId</c> (<c>""</c> if none).</summary>
    public required string OrderLinkId { get; init; }
    /// <summary>Buy or sell.</summary>
    public required Side Side { get; init; }
    /// <summary><c>Limit</c> or <c>Market</c>.</summary>
    public required string OrderType { get; init; }
    /// <summary><c>GTC</c>, <c>PostOnly</c>, <c>IOC</c> or <c>FOK</c>.</summary>
    public required string TimeInForce { get; init; }
    /// <summary>Limit price in ticks (0 for market).</summary>
    public long PriceTick { get; set; }
    /// <summary>Ordered quantity in lots.</summary>
    public long Lots { get; set; }
    /// <summary>Filled so far, in lots.</summary>
    public long FilledLots { get; set; }
    /// <summary>Sum of price × quantity of the fills.</summary>
    public decimal CumulativeValue { get; set; }
    /// <summary>Sum of the fills' fees.</summary>
    public decimal CumulativeFee { get; set; }
    /// <summary><c>orderStatus</c>.</summary>
    public string Status { get; set; } = "New";
    /// <summary><c>rejectReason</c>.</summary>
    public string RejectReason { get; set; } = "EC_NoError";
    /// <summary><c>cancelType</c>.</summary>
    public string CancelType { get; set; } = "UNKNOWN";
    /// <summary><c>reduceOnly</c>.</summary>
    public bool ReduceOnly { get; init; }
    /// <summary><c>createdTime</c>, ms.</summary>
    public required long CreatedTime { get; init; }
    /// <summary><c>updatedTime</c>, ms.</summary>
    public long UpdatedTime { get; set; }

    /// <summary>Left to fill, in lots (0 once ended).</summary>
    public long LeavesLots => IsOpen ? Lots - FilledLots : 0;

    /// <summary>True while it can still fill.</summary>
    public bool IsOpen => Status is "New" or "PartiallyFilled";
}
