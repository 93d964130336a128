namespace Hft.Core.Risk;

/// <summary>Pre-trade limits checked by the risk actor. Infinite values disable a check.</summary>
/// <param name="MaxOrderQuantity">Largest quantity of one order.</param>
/// <param name="MaxPosition">Largest absolute position an order may lead to if it fills completely.</param>
public sealed record RiskLimits(double MaxOrderQuantity = double.PositiveInfinity, double MaxPosition = double.PositiveInfinity)
{
    /// <summary>No limits.</summary>
    public static RiskLimits None { get; } = new();
}
