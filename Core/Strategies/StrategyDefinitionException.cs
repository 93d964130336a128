namespace Hft.Core.Strategies;

/// <summary>A type marked with <see cref="StrategyAttribute"/> cannot be run: what is wrong with its declaration.</summary>
public sealed class StrategyDefinitionException : Exception
{
    /// <summary>Creates the error.</summary>
    public StrategyDefinitionException(string message) : base(message) { }
}
