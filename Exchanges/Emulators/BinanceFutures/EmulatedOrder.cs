using Hft.Core.Markets;

namespace Hft.Exchanges.Emulators.BinanceFutures;

/// <summary>The venue's record of one of the account's orders, in the venue's terms (lots, ticks, status names).</summary>
public sealed class EmulatedOrder
{
    /// <summary>The venue's order id (also the matching engine's).</summary>
    public required long OrderId { get; init; }
    /// <summary>Client order id (given or generated).</summary>
    public required string ClientOrderId { get; init; }
    /// <summary>The symbol.</summary>
    public required FuturesSymbol Symbol { get; init; }
    /// <summary>Side.</summary>
    public required Side Side { get; init; }
    /// <summary><c>LIMIT</c> or <c>MARKET</c>.</summary>
    public required string Type { get; init; }
    /// <summary><c>GTC</c>, <c>IOC</c>, <c>FOK</c>, <c>GTX</c> or <c>GTD</c>.</summary>
    public required string TimeInForce { get; init; }
    /// <summary>Limit price in ticks (0 for market orders).</summary>
    public long PriceTick { get; set; }
    /// <summary>Ordered quantity in lots.</summary>
    public long OriginalLots { get; set; }
    /// <summary>Executed quantity in lots: the <c>z</c> of every event, never decreasing.</summary>
    public long ExecutedLots { get; set; }
    /// <summary>Executed value (price × quantity summed over fills).</summary>
    public decimal CumulativeQuote { get; set; }
    /// <summary><c>NEW</c>, <c>PARTIALLY_FILLED</c>, <c>FILLED</c>, <c>CANCELED</c> or <c>EXPIRED</c>.</summary>
    public string Status { get; set; } = "NEW";
    /// <summary>reduceOnly as sent.</summary>
    public bool ReduceOnly { get; init; }
    /// <summary>selfTradePreventionMode as sent (default NONE).</summary>
    public string SelfTradePrevention { get; init; } = "NONE";
    /// <summary>goodTillDate (GTD only; 0 otherwise).</summary>
    public long GoodTillDate { get; init; }
    /// <summary>Creation time (ms).</summary>
    public long Time { get; init; }
    /// <summary>Last update time (ms).</summary>
    public long UpdateTime { get; set; }

    /// <summary>Open on the book.</summary>
    public bool IsOpen => Status is "NEW" or "PARTIALLY_FILLED";
    /// <summary>Open quantity in lots.</summary>
    public long LeavesLots => Math.Max(0, OriginalLots - ExecutedLots);
    /// <summary>Average fill price (0 before the first fill).</summary>
    public decimal AveragePrice => ExecutedLots == 0 ? 0 : CumulativeQuote / Symbol.QuantityOf(ExecutedLots);
    /// <summary><c>BUY</c> or <c>SELL</c>.</summary>
    public string SideName => Side == Side.Buy ? "BUY" : "SELL";
}
