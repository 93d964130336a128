using System.Globalization;

namespace Hft.Core.Risk.Breakers;

/// <summary>Trips when the divergence between the venue and the shadow model, as last reported, is past a set size.</summary>
public sealed class DivergenceBreaker(double maxDivergence) : ICircuitBreaker
{
    /// <inheritdoc />
    public string Name => "divergence";

    /// <inheritdoc />
    public string? Check(BreakerInputs inputs) =>
        inputs.Divergence > maxDivergence
            ? string.Create(CultureInfo.InvariantCulture, $"divergence {inputs.Divergence:0.####} from the shadow model (limit {maxDivergence:0.####})")
            : null;
}
