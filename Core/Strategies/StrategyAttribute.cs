namespace Hft.Core.Strategies;

/// <summary>
/// Marks a <see cref="Strategy"/> subclass as runnable by name: <c>kind = "name"</c> in a configuration,
/// <c>backtest --strategy name</c> on the command line. The engine finds these types in its built-in strategies
/// and in every plugin assembly at start-up, binds the strategy's parameters once, and lists them with the
/// <c>strategies</c> command.
/// </summary>
/// <remarks>
/// The type must be public, non-abstract, derive from <see cref="Strategy"/>, and have a public constructor
/// that takes either its settings (a class, normally a sealed record with defaults: see
/// <see cref="StrategyParameterAttribute"/>) or nothing. Names are unique across built-ins and plugins.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class StrategyAttribute : Attribute
{
    /// <summary>Declares the strategy's name.</summary>
    /// <param name="name">What users write as <c>kind</c>; no spaces, '/' or control characters.</param>
    public StrategyAttribute(string name) => Name = name;

    /// <summary>The strategy's name.</summary>
    public string Name { get; }

    /// <summary>One line saying what the strategy does (shown by the <c>strategies</c> command).</summary>
    public string Description { get; set; } = "";
}
