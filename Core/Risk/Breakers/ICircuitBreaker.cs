namespace Hft.Core.Risk.Breakers;

/// <summary>One condition that stops trading when it holds.</summary>
public interface ICircuitBreaker
{
    /// <summary>Its name in the configuration and the report (<c>daily_loss</c>, <c>stale_feed</c>, ...).</summary>
    string Name { get; }

    /// <summary>Why it trips now, or null if its condition does not hold.</summary>
    string? Check(BreakerInputs inputs);
}
