using Hft.Core.Risk.Limits;

namespace Hft.Core.Risk;

/// <summary>
/// Pre-trade limits checked by the risk actor (<c>[risk]</c>), in every mode; each is off unless set (infinite, zero or
/// false), so a configuration without them runs exactly as before they existed.
/// </summary>
/// <param name="MaxOrderQuantity">Largest quantity of one order (<c>max_order_qty</c>).</param>
/// <param name="MaxPosition">Largest absolute position an order may lead to if it fills completely (<c>max_position</c>).</param>
public sealed record RiskLimits(double MaxOrderQuantity = double.PositiveInfinity, double MaxPosition = double.PositiveInfinity)
{
    /// <summary>No limits.</summary>
    public static RiskLimits None { get; } = new();

    /// <summary>Largest value of one order in the quote currency (<c>max_order_notional</c>).</summary>
    public double MaxOrderNotional { get; init; } = double.PositiveInfinity;

    /// <summary>Largest value of one instrument's position if the order filled (<c>max_position_notional</c>).</summary>
    public double MaxPositionNotional { get; init; } = double.PositiveInfinity;

    /// <summary>Largest value of all positions together if the order filled (<c>max_gross_notional</c>).</summary>
    public double MaxGrossNotional { get; init; } = double.PositiveInfinity;

    /// <summary>Most open orders per instrument (<c>max_open_orders</c>; 0: no limit).</summary>
    public int MaxOpenOrders { get; init; }

    /// <summary>Most requests (new, modify, cancel) per second over all instruments (<c>max_orders_per_second</c>; 0: no limit).</summary>
    public int MaxOrdersPerSecond { get; init; }

    /// <summary>Largest distance of a limit price from the mid, as a fraction of it (<c>price_band</c>; infinite: none).</summary>
    public double PriceBand { get; init; } = double.PositiveInfinity;

    /// <summary>Smallest value of one order (<c>min_notional</c>; 0: none).</summary>
    public double MinNotional { get; init; }

    /// <summary>Quantities must be multiples of the lot size (<c>check_lot_size</c>).</summary>
    public bool CheckLotSize { get; init; }

    /// <summary>Only position-reducing orders, always (<c>reduce_only</c>); the Reducing state asks for it too.</summary>
    public bool ReduceOnly { get; init; }

    /// <summary>Our bid never at or above our ask (<c>self_trade_prevention</c>).</summary>
    public bool SelfTradePrevention { get; init; }

    /// <summary>The circuit breakers (<c>[risk.breakers]</c>).</summary>
    public Breakers.BreakerSettings Breakers { get; init; } = Risk.Breakers.BreakerSettings.None;

    /// <summary>
    /// The limits to check, in order (the first refusal is the reason): what the order is on its own first, then what it
    /// would do to the account. Reduce-only is always there, for the Reducing state; spot holdings always apply.
    /// </summary>
    /// <param name="mids">Each instrument's mid now (NaN if unknown), for the gross-notional limit.</param>
    public IReadOnlyList<IPreTradeLimit> Build(Func<int, double> mids)
    {
        var limits = new List<IPreTradeLimit> { new ReduceOnly(ReduceOnly) };
        if (CheckLotSize) limits.Add(new LotSizeRule());
        if (MinNotional > 0) limits.Add(new MinNotional(MinNotional));
        if (!double.IsPositiveInfinity(MaxOrderQuantity)) limits.Add(new MaxOrderQuantity(MaxOrderQuantity));
        if (!double.IsPositiveInfinity(MaxOrderNotional)) limits.Add(new MaxOrderNotional(MaxOrderNotional));
        if (!double.IsPositiveInfinity(PriceBand)) limits.Add(new PriceBand(PriceBand));
        if (SelfTradePrevention) limits.Add(new SelfTradePrevention());
        if (MaxOpenOrders > 0) limits.Add(new MaxOpenOrders(MaxOpenOrders));
        if (MaxOrdersPerSecond > 0) limits.Add(new MaxOrdersPerSecond(MaxOrdersPerSecond));
        limits.Add(new SpotHoldings());
        if (!double.IsPositiveInfinity(MaxPosition)) limits.Add(new MaxPosition(MaxPosition));
        if (!double.IsPositiveInfinity(MaxPositionNotional)) limits.Add(new MaxPositionNotional(MaxPositionNotional));
        if (!double.IsPositiveInfinity(MaxGrossNotional)) limits.Add(new MaxGrossNotional(MaxGrossNotional, mids));
        return limits;
    }
}
