using Hft.Core.Strategies;

namespace Hft.Strategies;

/// <summary>Parameters of <see cref="GlftMarketMaking"/>; the defaults are those of hftbacktest's GLFT tutorial (adjusted version).</summary>
/// <param name="Gamma">Risk aversion γ; the model's ξ is taken equal to γ (<c>gamma</c>).</param>
/// <param name="Delta">Δ, the model's order size unit (<c>delta</c>).</param>
/// <param name="SpreadAdj">Multiplier of the half spread, the tutorial's <c>adj1</c> (<c>spread_adj</c>).</param>
/// <param name="SkewAdj">Multiplier of the skew, the tutorial's <c>adj2</c> (<c>skew_adj</c>); 1 gives the unadjusted model.</param>
/// <param name="OrderQuantity">Quantity of each quote (<c>order_qty</c>); also the unit of the position q in the skew.</param>
/// <param name="MaxPosition">No bid while position ≥ it, no ask while position ≤ its negative (<c>max_position</c>).</param>
/// <param name="StepMs">Length of one step in ms of event time: quotes are refreshed and an arrival depth is recorded every step.</param>
/// <param name="WindowSteps">Calibration window in steps (6000 × 100 ms = 10 minutes).</param>
/// <param name="CalibrateEvery">Steps between calibrations (50 × 100 ms = 5 s).</param>
/// <param name="IntensityPoints">How many λ(δ) points the regression uses at most (the tutorial's 70).</param>
/// <param name="Instrument">Which instrument to trade (index).</param>
public sealed record GlftSettings(
    [StrategyParameter(Description = "risk aversion γ (ξ = γ)")]
    double Gamma = 0.05,
    [StrategyParameter(Description = "Δ, the model's order size unit")]
    double Delta = 1.0,
    [StrategyParameter(Description = "multiplier of the half spread (the tutorial's adj1)")]
    double SpreadAdj = 1.0,
    [StrategyParameter(Description = "multiplier of the skew (the tutorial's adj2; 1 = the unadjusted model)")]
    double SkewAdj = 0.05,
    [StrategyParameter("order_qty", Description = "quantity of each quote, > 0; the position is counted in it")]
    double OrderQuantity = 1.0,
    [StrategyParameter(Description = "no bid while position >= max_position, no ask while position <= -max_position")]
    double MaxPosition = 20.0,
    [StrategyParameter(Description = "step length in ms of event time: requote and record one arrival depth")]
    int StepMs = 100,
    [StrategyParameter(Description = "calibration window in steps (6000 x 100 ms = 10 min); nothing is quoted before it is full")]
    int WindowSteps = 6000,
    [StrategyParameter(Description = "steps between calibrations (50 x 100 ms = 5 s)")]
    int CalibrateEvery = 50,
    [StrategyParameter(Description = "largest number of lambda(depth) points in the regression of ln lambda on depth")]
    int IntensityPoints = 70,
    [StrategyParameter(Description = "index of the instrument to trade, in configuration order")]
    int Instrument = 0) : IStrategySettings
{
    /// <inheritdoc />
    public void Validate()
    {
        if (!(Gamma > 0) || !double.IsFinite(Gamma)) throw StrategyParameterException.Invalid("gamma", "must be a positive number");
        if (!(Delta > 0) || !double.IsFinite(Delta)) throw StrategyParameterException.Invalid("delta", "must be a positive number");
        if (!(SpreadAdj >= 0) || !double.IsFinite(SpreadAdj)) throw StrategyParameterException.Invalid("spread_adj", "must be 0 or more");
        if (!(SkewAdj >= 0) || !double.IsFinite(SkewAdj)) throw StrategyParameterException.Invalid("skew_adj", "must be 0 or more");
        if (!(OrderQuantity > 0) || !double.IsFinite(OrderQuantity)) throw StrategyParameterException.Invalid("order_qty", "must be positive");
        if (!(MaxPosition > 0)) throw StrategyParameterException.Invalid("max_position", "must be positive");
        if (StepMs <= 0) throw StrategyParameterException.Invalid("step_ms", "must be positive");
        if (WindowSteps < 2) throw StrategyParameterException.Invalid("window_steps", "must be at least 2");
        if (CalibrateEvery <= 0) throw StrategyParameterException.Invalid("calibrate_every", "must be positive");
        if (IntensityPoints < 3) throw StrategyParameterException.Invalid("intensity_points", "must be at least 3");
        if (Instrument < 0) throw StrategyParameterException.Invalid("instrument", "must be at least 0");
    }
}
