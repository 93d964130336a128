namespace Hft.Core.Risk.Breakers;

/// <summary>Tells the risk actor to clear a tripped breaker and let trading resume.</summary>
public sealed record ResetBreakers;
