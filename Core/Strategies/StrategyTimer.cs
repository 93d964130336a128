namespace Hft.Core.Strategies;

/// <summary>The message a strategy's timer sends to its actor.</summary>
/// <param name="TimerId">The id given when the timer was set.</param>
public sealed record StrategyTimer(int TimerId);
