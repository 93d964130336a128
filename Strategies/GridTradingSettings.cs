using Hft.Core.Strategies;

namespace Hft.Strategies;

/// <summary>Parameters of <see cref="GridTrading"/> (names as in hftbacktest's example); NaN means "derive as the reference does".</summary>
/// <param name="RelativeHalfSpread">Half spread as a fraction of mid (<c>relative_half_spread</c>).</param>
/// <param name="RelativeGridInterval">Grid interval as a fraction of mid (<c>relative_grid_interval</c>).</param>
/// <param name="GridNum">Levels per side (<c>grid_num</c>).</param>
/// <param name="MinGridStep">Smallest grid interval; NaN = one tick (<c>min_grid_step</c>).</param>
/// <param name="Skew">Quote skew per unit of normalised position; NaN = half spread / grid levels.</param>
/// <param name="OrderQuantity">Quantity of each order (<c>order_qty</c>).</param>
/// <param name="MaxPosition">No new bids at or above it, no new asks at or below its negative; NaN = levels × quantity.</param>
/// <param name="IntervalMs">How often to requote, in milliseconds of event time.</param>
/// <param name="Instrument">Which instrument to trade (index).</param>
public sealed record GridTradingSettings(
    [StrategyParameter(Description = "half spread as a fraction of mid")]
    double RelativeHalfSpread = 0.0005,
    [StrategyParameter(Description = "grid interval as a fraction of mid")]
    double RelativeGridInterval = 0.0005,
    [StrategyParameter(Description = "levels per side")]
    int GridNum = 10,
    [StrategyParameter(Description = "smallest grid interval (price)", DefaultText = "one tick")]
    double MinGridStep = double.NaN,
    [StrategyParameter(Description = "quote skew per unit of normalised position (position / order_qty)", DefaultText = "relative_half_spread / grid_num")]
    double Skew = double.NaN,
    [StrategyParameter("order_qty", Description = "quantity of each order, > 0")]
    double OrderQuantity = 1.0,
    [StrategyParameter(Description = "no new bids at or above it, no new asks at or below its negative", DefaultText = "grid_num * order_qty")]
    double MaxPosition = double.NaN,
    [StrategyParameter(Description = "requote period in milliseconds of event time, > 0")]
    int IntervalMs = 100,
    [StrategyParameter(Description = "index of the instrument to trade, in configuration order")]
    int Instrument = 0) : IStrategySettings
{
    /// <summary>Reads the settings from parameters (names as in hftbacktest's example).</summary>
    public static GridTradingSettings From(StrategyParameters p) =>
        (GridTradingSettings)StrategyDescriptor.Of<GridTrading>().BindSettings(p)!;

    /// <inheritdoc />
    public void Validate()
    {
        if (GridNum < 0) throw StrategyParameterException.Invalid("grid_num", "must be at least 0");
        if (!(OrderQuantity > 0)) throw StrategyParameterException.Invalid("order_qty", "must be positive");
        if (IntervalMs <= 0) throw StrategyParameterException.Invalid("interval_ms", "must be positive");
        if (Instrument < 0) throw StrategyParameterException.Invalid("instrument", "must be at least 0");
    }
}
