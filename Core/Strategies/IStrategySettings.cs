namespace Hft.Core.Strategies;

/// <summary>
/// Optional for a strategy's settings type: checks the values once they are bound, before any run, so a
/// value out of range is reported with the configuration's other problems.
/// </summary>
public interface IStrategySettings
{
    /// <summary>Throws <see cref="StrategyParameterException"/> naming the first parameter that is out of range.</summary>
    void Validate();
}
