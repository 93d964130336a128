namespace Hft.Backtest.Reports;

/// <summary>What the reports say about a run besides its results: a title and the settings it ran with.</summary>
/// <param name="Title">A short title, e.g. the strategy and the instruments.</param>
/// <param name="Configuration">The resolved settings as ordered key–value pairs (dotted keys, as in the TOML file).</param>
public sealed record RunDescription(string Title, IReadOnlyList<KeyValuePair<string, string>> Configuration);
