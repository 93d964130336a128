namespace Hft.Core.Strategies;

/// <summary>One parameter of a strategy, as the <c>strategies</c> command lists it.</summary>
/// <param name="Name">What users write: the TOML key in <c>[strategies.params]</c> or <c>--param name=value</c>.</param>
/// <param name="Type"><c>number</c>, <c>integer</c>, <c>boolean</c>, <c>string</c>, or the choices of an enum (<c>a|b|c</c>).</param>
/// <param name="Default">The default as text (<c>(required)</c> when there is none).</param>
/// <param name="Description">What it means.</param>
/// <param name="Required">True when it has no default and must be given.</param>
public sealed record StrategyParameterDescription(string Name, string Type, string Default, string Description, bool Required);
