namespace Hft.Core.Orders;

/// <summary>Order status (hftbacktest values).</summary>
public enum OrderStatus : byte
{
    /// <summary>Not yet acknowledged.</summary>
    None = 0,
    /// <summary>Resting on the venue.</summary>
    New = 1,
    /// <summary>Ended without (full) execution: post-only that would cross, IOC/FOK not filled, rejected new order.</summary>
    Expired = 2,
    /// <summary>Fully executed.</summary>
    Filled = 3,
    /// <summary>Cancelled.</summary>
    Canceled = 4,
    /// <summary>Partly executed and still resting.</summary>
    PartiallyFilled = 5,
    /// <summary>Refused before reaching the venue (for example by a risk check).</summary>
    Rejected = 6,
    /// <summary>Replaced.</summary>
    Replaced = 7,
}
