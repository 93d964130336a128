namespace Hft.Core.Orders;

/// <summary>Order type (hftbacktest values).</summary>
public enum OrderType : byte
{
    /// <summary>A limit order at a price.</summary>
    Limit = 0,
    /// <summary>A market order: takes the best opposite price.</summary>
    Market = 1,
}
