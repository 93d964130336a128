using Hft.Core.Markets;

namespace Hft.Exchanges.Emulators.BinanceSpot;

/// <summary>One order of the account as the venue records it (open or finished, so it can still be queried).</summary>
public sealed class SpotOrder
{
    /// <summary>Venue order id.</summary>
    public required long OrderId { get; init; }
    /// <summary>Client order id (changed by a keep-priority amend that names a new one).</summary>
    public required string ClientOrderId { get; set; }
    /// <summary>Buy or sell.</summary>
    public required Side Side { get; init; }
    /// <summary><c>LIMIT</c>, <c>LIMIT_MAKER</c> or <c>MARKET</c>.</summary>
    public required string Type { get; init; }
    /// <summary><c>GTC</c>, <c>IOC</c> or <c>FOK</c> (LIMIT_MAKER and MARKET orders report GTC, as the venue does).</summary>
    public required string TimeInForce { get; init; }
    /// <summary>Limit price in ticks (0 for a market order).</summary>
    public required long PriceTick { get; init; }
    /// <summary>Ordered quantity in lots (a keep-priority amend lowers it).</summary>
    public required long QuantityLots { get; set; }
    /// <summary>The quote quantity a market order was given (0 otherwise).</summary>
    public decimal QuoteOrderQuantity { get; init; }
    /// <summary>Executed lots so far.</summary>
    public long ExecutedLots { get; set; }
    /// <summary>Executed quote value so far (cummulativeQuoteQty).</summary>
    public decimal CumulativeQuote { get; set; }
    /// <summary>Venue status: <c>NEW</c>, <c>PARTIALLY_FILLED</c>, <c>FILLED</c>, <c>CANCELED</c>, <c>EXPIRED</c>.</summary>
    public string Status { get; set; } = "NEW";
    /// <summary>Creation time (ms).</summary>
    public required long Time { get; init; }
    /// <summary>Last change (ms).</summary>
    public long UpdateTime { get; set; }
    /// <summary>What is still held for it (quote for a buy, base for a sell).</summary>
    public decimal Locked { get; set; }

    /// <summary>Lots still open.</summary>
    public long LeavesLots => QuantityLots - ExecutedLots;
    /// <summary>True while the order can still execute.</summary>
    public bool IsOpen => Status is "NEW" or "PARTIALLY_FILLED";
}
