namespace Hft.Core.Strategies;

/// <summary>
/// A strategy parameter is unknown, malformed or out of range. It names the parameter so that a caller
/// holding the parameters' source (a config file) can point at the very key; it stays a
/// <see cref="FormatException"/> so callers that treat bad input generally need not know this type.
/// </summary>
public sealed class StrategyParameterException : FormatException
{
    /// <summary>Creates the error for parameter <paramref name="key"/>.</summary>
    public StrategyParameterException(string key, string message) : base(message) => Key = key;

    /// <summary>A value out of range: <c>parameter 'key': rule</c>, e.g. <c>Invalid("grid_num", "must be at least 0")</c>.</summary>
    public static StrategyParameterException Invalid(string key, string rule) => new(key, $"parameter '{key}': {rule}");

    /// <summary>The parameter's name as given.</summary>
    public string Key { get; }
}
