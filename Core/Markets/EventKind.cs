namespace Hft.Core.Markets;

/// <summary>The kind of a market event, held in the low byte of its flags (hftbacktest's values).</summary>
public enum EventKind : byte
{
    /// <summary>No kind.</summary>
    None = 0,
    /// <summary>An L2 depth level update: the level's new quantity (0 deletes it).</summary>
    Depth = 1,
    /// <summary>A public trade.</summary>
    Trade = 2,
    /// <summary>Clears depth levels up to a price (or a whole side, or the whole book).</summary>
    DepthClear = 3,
    /// <summary>A depth level from a snapshot; applied like <see cref="Depth"/>.</summary>
    DepthSnapshot = 4,
    /// <summary>A best bid/offer update (ignored by the backtest processors, as in the reference).</summary>
    DepthBbo = 5,
    /// <summary>L3: an order is added.</summary>
    AddOrder = 10,
    /// <summary>L3: an order is cancelled.</summary>
    CancelOrder = 11,
    /// <summary>L3: an order is modified.</summary>
    ModifyOrder = 12,
    /// <summary>L3: an order is filled.</summary>
    Fill = 13,
}
