namespace Hft.Core.Strategies;

/// <summary>
/// Describes one parameter of a strategy's settings: put it on a positional record parameter or on a
/// settable property of the settings type.
/// </summary>
/// <remarks>
/// Every constructor parameter of the settings type and every public settable (or init) property is a
/// parameter, attribute or not. Its name is the member's name in snake_case (<c>IntervalMs</c> →
/// <c>interval_ms</c>) unless <see cref="Name"/> gives another. Supported types: <c>double</c>,
/// <c>float</c>, <c>int</c>, <c>long</c>, <c>bool</c>, <c>string</c> and enums (written as a member name, in
/// snake_case or as declared). A constructor parameter without a default value is required.
/// <code>
/// public sealed record MySettings(
///     [StrategyParameter("order_qty", Description = "quantity of each order")] double OrderQuantity = 1,
///     [StrategyParameter(Description = "requote period, ms of event time")] int IntervalMs = 100);
/// </code>
/// </remarks>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class StrategyParameterAttribute : Attribute
{
    /// <summary>Keeps the snake_case name derived from the member.</summary>
    public StrategyParameterAttribute() { }

    /// <summary>Gives the parameter an explicit name.</summary>
    public StrategyParameterAttribute(string name) => Name = name;

    /// <summary>The parameter's name, or null for the member's name in snake_case.</summary>
    public string? Name { get; }

    /// <summary>What the parameter means (shown by the <c>strategies</c> command).</summary>
    public string Description { get; set; } = "";

    /// <summary>How to show the default when the value itself says little (e.g. "one tick" for a NaN default).</summary>
    public string? DefaultText { get; set; }
}
