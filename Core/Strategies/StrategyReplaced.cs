namespace Hft.Core.Strategies;

/// <summary>
/// The answer to <see cref="ReplaceStrategy"/>: the new strategy runs (<paramref name="Error"/> null), with how many of
/// the old one's open orders were cancelled and how many were handed over to it; or why nothing was replaced.
/// </summary>
public sealed record StrategyReplaced(string Name, int Cancelled, int HandedOver, string? Error = null);
