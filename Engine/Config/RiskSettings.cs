using Hft.Core.Risk;

namespace Hft.Engine.Config;

/// <summary>Pre-trade limits (<c>[risk]</c>), checked by the risk actor in every mode; infinity disables a check.</summary>
/// <param name="MaxOrderQuantity">Largest quantity of one order (<c>max_order_qty</c>).</param>
/// <param name="MaxPosition">Largest absolute position an order may lead to if it fills (<c>max_position</c>).</param>
public sealed record RiskSettings(double MaxOrderQuantity = double.PositiveInfinity, double MaxPosition = double.PositiveInfinity)
{
    /// <summary>The limits the risk actor applies.</summary>
    public RiskLimits ToRiskLimits() => new(MaxOrderQuantity, MaxPosition);
}
