namespace Hft.Core.Risk.Breakers;

/// <summary>Tells the risk actor to clear a tripped breaker and let trading resume.</summary>
/// <param name="Why">Who asked, for the log and the report line.</param>
public sealed record ResetBreakers(string Why = "reset by command");
