using Hft.Core.Strategies;

namespace MyStrategy;

/// <summary>
/// Parameters of <see cref="OneLevelQuoter"/>. Every constructor parameter is a strategy parameter, named in
/// snake_case (<c>OffsetTicks</c> → <c>offset_ticks</c>) unless <see cref="StrategyParameterAttribute"/> names it;
/// the defaults are the values used when a parameter is not given.
/// </summary>
public sealed record OneLevelQuoterSettings(
    [StrategyParameter(Description = "ticks between the touch and each quote (0 = join the best bid and ask)")]
    int OffsetTicks = 0,
    [StrategyParameter("order_qty", Description = "quantity of each quote, > 0")]
    double OrderQuantity = 1.0,
    [StrategyParameter(Description = "no bid while position >= max_position, no ask while position <= -max_position")]
    double MaxPosition = 5.0,
    [StrategyParameter(Description = "requote period in ms of event time")]
    int IntervalMs = 100,
    [StrategyParameter(Description = "index of the instrument to trade")]
    int Instrument = 0) : IStrategySettings
{
    /// <summary>Called once after binding: reject values out of range, naming the parameter.</summary>
    public void Validate()
    {
        if (OffsetTicks < 0) throw StrategyParameterException.Invalid("offset_ticks", "must be 0 or more");
        if (!(OrderQuantity > 0)) throw StrategyParameterException.Invalid("order_qty", "must be positive");
        if (!(MaxPosition > 0)) throw StrategyParameterException.Invalid("max_position", "must be positive");
        if (IntervalMs <= 0) throw StrategyParameterException.Invalid("interval_ms", "must be positive");
    }
}
