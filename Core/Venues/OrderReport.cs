using Hft.Core.Markets;
using Hft.Core.Orders;

namespace Hft.Core.Venues;

/// <summary>
/// A venue's report on one order: the acknowledgement of a request, or an execution. The fill fields
/// describe only what this report executed, so a partial fill is counted once and an echoed rejection
/// never counts a fill again.
/// </summary>
public sealed record OrderReport
{
    /// <summary>Instrument index.</summary>
    public required int Instrument { get; init; }
    /// <summary>The order's id.</summary>
    public required ulong OrderId { get; init; }
    /// <summary>The order's side.</summary>
    public required Side Side { get; init; }
    /// <summary>Status on the venue after this report.</summary>
    public required OrderStatus Status { get; init; }
    /// <summary><see cref="OrderRequest.Rejected"/> if the venue refused the request, else <see cref="OrderRequest.None"/>.</summary>
    public OrderRequest Request { get; init; }
    /// <summary>Limit price in ticks on the venue.</summary>
    public long PriceTick { get; init; }
    /// <summary>Ordered quantity on the venue.</summary>
    public double Quantity { get; init; }
    /// <summary>Open quantity on the venue.</summary>
    public double LeavesQuantity { get; init; }
    /// <summary>Quantity executed by this report (0 if none).</summary>
    public double FillQuantity { get; init; }
    /// <summary>Execution price of this report, in ticks.</summary>
    public long FillPriceTick { get; init; }
    /// <summary>Traded value of this report's execution.</summary>
    public double FillValue { get; init; }
    /// <summary>Fee of this report's execution.</summary>
    public double Fee { get; init; }
    /// <summary>True if this execution provided liquidity.</summary>
    public bool Maker { get; init; }
    /// <summary>Venue time of the report.</summary>
    public long ExchangeTime { get; init; }
    /// <summary>Local time of the request this report answers (matches the local order's request time).</summary>
    public long RequestLocalTime { get; init; }
    /// <summary>The request this report answers; null for executions caused by market data.</summary>
    public VenueCommandKind? Answers { get; init; }

    /// <summary>
    /// True for an order the venue holds under our client id prefix that the local side does not know (reconciliation
    /// adopted it): the order-state actor creates the local order.
    /// </summary>
    public bool Adopted { get; init; }

    /// <summary>Why the venue refused, if it did.</summary>
    public string? RejectReason { get; init; }
}
