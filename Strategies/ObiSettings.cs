using Hft.Core.Strategies;

namespace Hft.Strategies;

/// <summary>
/// Parameters of <see cref="ObiMarketMaking"/>. Prices are in ticks. The defaults are hftbacktest's OBI notebook
/// (BTCUSDT, tick 0.1: half spread $80 = 800 ticks, skew $3.5 = 35 ticks, c1 $160 = 1600 ticks, 1 s interval,
/// 1 h window, 2.5 %-of-mid band, max position 50 orders); the volatility-scaled spread and the stop-loss are off
/// by default (0).
/// </summary>
/// <param name="IntervalMs">Requote period in ms of event time (<c>interval_ms</c>).</param>
/// <param name="Depth">Half-width of the imbalance band as a fraction of mid (<c>depth</c>).</param>
/// <param name="Window">Samples in the z-score window (<c>window</c>).</param>
/// <param name="C1">Ticks of fair-price shift per standard deviation of imbalance (<c>c1</c>).</param>
/// <param name="HalfSpread">Base half spread in ticks (<c>half_spread</c>).</param>
/// <param name="Skew">Ticks of reservation shift per order quantity of position (<c>skew</c>).</param>
/// <param name="VolToHalfSpread">Ticks of half spread added per tick of volatility σ (<c>vol_to_half_spread</c>).</param>
/// <param name="VolWindow">Samples over which σ (std of mid changes) is measured (<c>vol_window</c>).</param>
/// <param name="OrderQuantity">Quantity of each quote (<c>order_qty</c>).</param>
/// <param name="MaxPosition">No bid while position ≥ it, no ask while position ≤ its negative (<c>max_position</c>).</param>
/// <param name="StopVolatility">Stop when σ exceeds this many ticks per interval; 0 = off (<c>stop_volatility</c>).</param>
/// <param name="StopPriceChange">Stop when mid moved more than this many ticks over <c>stop_lookback</c> samples; 0 = off.</param>
/// <param name="StopLookback">Samples over which the price change is measured (<c>stop_lookback</c>).</param>
/// <param name="StopCooldownMs">How long a stop lasts, in ms of event time (<c>stop_cooldown_ms</c>).</param>
/// <param name="FlattenOnStop">On a stop, also close the position with an IOC limit at the touch (<c>flatten_on_stop</c>).</param>
/// <param name="Instrument">Which instrument to trade (index).</param>
public sealed record ObiSettings(
    [StrategyParameter(Description = "requote period in ms of event time; one imbalance sample per period")]
    int IntervalMs = 1000,
    [StrategyParameter(Description = "imbalance band: levels within mid*(1-depth) .. mid*(1+depth)")]
    double Depth = 0.025,
    [StrategyParameter(Description = "samples in the rolling window of the imbalance z-score")]
    int Window = 3600,
    [StrategyParameter(Description = "fair price shift in ticks per standard deviation of imbalance (fair = mid + c1*alpha)")]
    double C1 = 1600,
    [StrategyParameter(Description = "base half spread in ticks")]
    double HalfSpread = 800,
    [StrategyParameter(Description = "reservation shift in ticks per order_qty of position")]
    double Skew = 35,
    [StrategyParameter(Description = "half spread added per tick of volatility (0 = fixed half spread)")]
    double VolToHalfSpread = 0,
    [StrategyParameter(Description = "samples over which volatility (std of mid changes, ticks) is measured")]
    int VolWindow = 60,
    [StrategyParameter("order_qty", Description = "quantity of each quote, > 0")]
    double OrderQuantity = 1.0,
    [StrategyParameter(Description = "no bid while position >= max_position, no ask while position <= -max_position")]
    double MaxPosition = 50,
    [StrategyParameter(Description = "stop-loss: volatility above this many ticks per interval (0 = off)")]
    double StopVolatility = 0,
    [StrategyParameter(Description = "stop-loss: |mid change| over stop_lookback samples above this many ticks (0 = off)")]
    double StopPriceChange = 0,
    [StrategyParameter(Description = "samples over which the stop-loss price change is measured")]
    int StopLookback = 60,
    [StrategyParameter(Description = "how long a stop lasts, ms of event time (quotes cancelled, none sent)")]
    int StopCooldownMs = 60_000,
    [StrategyParameter(Description = "on a stop, also close the position with an IOC limit at the touch")]
    bool FlattenOnStop = true,
    [StrategyParameter(Description = "index of the instrument to trade, in configuration order")]
    int Instrument = 0) : IStrategySettings
{
    /// <inheritdoc />
    public void Validate()
    {
        if (IntervalMs <= 0) throw StrategyParameterException.Invalid("interval_ms", "must be positive");
        if (!(Depth > 0 && Depth < 1)) throw StrategyParameterException.Invalid("depth", "must be between 0 and 1 (a fraction of mid)");
        if (Window < 2) throw StrategyParameterException.Invalid("window", "must be at least 2");
        if (!double.IsFinite(C1)) throw StrategyParameterException.Invalid("c1", "must be a finite number");
        if (!(HalfSpread >= 0) || !double.IsFinite(HalfSpread)) throw StrategyParameterException.Invalid("half_spread", "must be 0 or more");
        if (!(Skew >= 0) || !double.IsFinite(Skew)) throw StrategyParameterException.Invalid("skew", "must be 0 or more");
        if (!(VolToHalfSpread >= 0) || !double.IsFinite(VolToHalfSpread)) throw StrategyParameterException.Invalid("vol_to_half_spread", "must be 0 or more");
        if (VolWindow < 2) throw StrategyParameterException.Invalid("vol_window", "must be at least 2");
        if (!(OrderQuantity > 0) || !double.IsFinite(OrderQuantity)) throw StrategyParameterException.Invalid("order_qty", "must be positive");
        if (!(MaxPosition > 0)) throw StrategyParameterException.Invalid("max_position", "must be positive");
        if (!(StopVolatility >= 0)) throw StrategyParameterException.Invalid("stop_volatility", "must be 0 (off) or more");
        if (!(StopPriceChange >= 0)) throw StrategyParameterException.Invalid("stop_price_change", "must be 0 (off) or more");
        if (StopLookback < 1) throw StrategyParameterException.Invalid("stop_lookback", "must be at least 1");
        if (StopCooldownMs < 0) throw StrategyParameterException.Invalid("stop_cooldown_ms", "must be 0 or more");
        if (Instrument < 0) throw StrategyParameterException.Invalid("instrument", "must be at least 0");
    }
}
