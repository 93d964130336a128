namespace Hft.Core.Risk;

/// <summary>Why the risk actor refused an order: one per pre-trade limit, each with a stable code for reports.</summary>
public enum RiskReason
{
    /// <summary>One order's quantity is over <c>max_order_qty</c>.</summary>
    OrderQuantity,
    /// <summary>One order's value is over <c>max_order_notional</c>.</summary>
    OrderNotional,
    /// <summary>The position would pass <c>max_position</c> if the order filled.</summary>
    Position,
    /// <summary>The position's value would pass <c>max_position_notional</c> if the order filled.</summary>
    PositionNotional,
    /// <summary>The value of all positions would pass <c>max_gross_notional</c> if the order filled.</summary>
    GrossNotional,
    /// <summary>The instrument already has <c>max_open_orders</c> open orders.</summary>
    OpenOrders,
    /// <summary>More than <c>max_orders_per_second</c> requests (new, modify and cancel) in the last second.</summary>
    OrderRate,
    /// <summary>The price is further from the mid than <c>price_band</c>.</summary>
    PriceBand,
    /// <summary>The quantity is not a multiple of the instrument's lot size.</summary>
    LotSize,
    /// <summary>The order's value is under <c>min_notional</c>.</summary>
    MinNotional,
    /// <summary>Reduce-only: the order would not reduce the position.</summary>
    ReduceOnly,
    /// <summary>The order would trade against one of our own resting orders.</summary>
    SelfTrade,
    /// <summary>Spot: selling more than is held.</summary>
    SpotHoldings,
    /// <summary>Trading is halted (a breaker or a command).</summary>
    Halted,
}

/// <summary>The reports' names of <see cref="RiskReason"/>s.</summary>
public static class RiskReasons
{
    /// <summary>Every reason, in report order.</summary>
    public static IReadOnlyList<RiskReason> All { get; } = Enum.GetValues<RiskReason>();

    /// <summary>The stable code of <paramref name="reason"/> (the config key of its limit where it has one).</summary>
    public static string Code(this RiskReason reason) => reason switch
    {
        RiskReason.OrderQuantity => "max_order_qty",
        RiskReason.OrderNotional => "max_order_notional",
        RiskReason.Position => "max_position",
        RiskReason.PositionNotional => "max_position_notional",
        RiskReason.GrossNotional => "max_gross_notional",
        RiskReason.OpenOrders => "max_open_orders",
        RiskReason.OrderRate => "max_orders_per_second",
        RiskReason.PriceBand => "price_band",
        RiskReason.LotSize => "lot_size",
        RiskReason.MinNotional => "min_notional",
        RiskReason.ReduceOnly => "reduce_only",
        RiskReason.SelfTrade => "self_trade",
        RiskReason.SpotHoldings => "spot_holdings",
        RiskReason.Halted => "halted",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
