namespace Hft.Core.Orders;

/// <summary>The request in flight for an order (hftbacktest's <c>req</c>).</summary>
public enum OrderRequest : byte
{
    /// <summary>No request in flight.</summary>
    None = 0,
    /// <summary>A new order is on its way.</summary>
    New = 1,
    /// <summary>A cancel is on its way.</summary>
    Canceled = 4,
    /// <summary>The venue refused the request.</summary>
    Rejected = 6,
    /// <summary>A modify is on its way.</summary>
    Replaced = 7,
}
