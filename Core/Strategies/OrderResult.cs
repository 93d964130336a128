namespace Hft.Core.Strategies;

/// <summary>The immediate answer to an order call (hftbacktest's error codes, as values not exceptions).</summary>
public enum OrderResult
{
    /// <summary>Sent.</summary>
    Ok = 0,
    /// <summary>An order with this id exists already (including ended ones not yet cleared).</summary>
    OrderIdExists = 10,
    /// <summary>The order has a request in flight.</summary>
    OrderRequestInProcess = 11,
    /// <summary>No order with this id.</summary>
    OrderNotFound = 12,
    /// <summary>The request is malformed (quantity not positive, price not finite, unknown instrument).</summary>
    InvalidOrderRequest = 13,
    /// <summary>The order is not in a state that allows the request.</summary>
    InvalidOrderStatus = 14,
}
