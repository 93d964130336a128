using System.Globalization;

namespace Hft.Core.Risk.Breakers;

/// <summary>Trips when total equity has fallen more than a set amount from its peak.</summary>
public sealed class DrawdownBreaker(double maxDrawdown) : ICircuitBreaker
{
    /// <inheritdoc />
    public string Name => "drawdown";

    /// <inheritdoc />
    public string? Check(BreakerInputs inputs)
    {
        double drawdown = inputs.PeakEquity - inputs.Equity;
        return drawdown > maxDrawdown
            ? string.Create(CultureInfo.InvariantCulture, $"equity {inputs.Equity:0.####} is {drawdown:0.####} below its peak {inputs.PeakEquity:0.####} (limit {maxDrawdown:0.####})")
            : null;
    }
}
