using Hft.Core.Strategies;

namespace Hft.Strategies;

/// <summary>Parameters of <see cref="GridTrading"/>; NaN means "derive as the reference does".</summary>
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
    double RelativeHalfSpread = 0.0005,
    double RelativeGridInterval = 0.0005,
    int GridNum = 10,
    double MinGridStep = double.NaN,
    double Skew = double.NaN,
    double OrderQuantity = 1.0,
    double MaxPosition = double.NaN,
    int IntervalMs = 100,
    int Instrument = 0)
{
    /// <summary>Reads the settings from parameters (names as in hftbacktest's example).</summary>
    public static GridTradingSettings From(StrategyParameters p)
    {
        var d = new GridTradingSettings();
        var s = new GridTradingSettings(
            p.GetDouble("relative_half_spread", d.RelativeHalfSpread),
            p.GetDouble("relative_grid_interval", d.RelativeGridInterval),
            p.GetInt("grid_num", d.GridNum),
            p.GetDouble("min_grid_step", d.MinGridStep),
            p.GetDouble("skew", d.Skew),
            p.GetDouble("order_qty", d.OrderQuantity),
            p.GetDouble("max_position", d.MaxPosition),
            p.GetInt("interval_ms", d.IntervalMs),
            p.GetInt("instrument", d.Instrument));
        p.EnsureAllUsed("grid");
        if (s.GridNum < 0) throw new StrategyParameterException("grid_num", "parameter 'grid_num': must be at least 0");
        if (!(s.OrderQuantity > 0)) throw new StrategyParameterException("order_qty", "parameter 'order_qty': must be positive");
        if (s.IntervalMs <= 0) throw new StrategyParameterException("interval_ms", "parameter 'interval_ms': must be positive");
        return s;
    }
}
