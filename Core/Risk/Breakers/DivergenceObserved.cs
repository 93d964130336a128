namespace Hft.Core.Risk.Breakers;

/// <summary>Tells the risk actor the latest divergence between the venue and the shadow model (for its breaker).</summary>
/// <param name="Divergence">The divergence, in the shadow model's measure.</param>
public sealed record DivergenceObserved(double Divergence);
