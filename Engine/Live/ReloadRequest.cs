using System.Globalization;

namespace Hft.Engine.Live;

/// <summary>The reload file's text: <c>strategy=NAME</c> on its first line for one strategy, anything else for all.</summary>
internal static class ReloadRequest
{
    private const string Prefix = "strategy=";

    /// <summary>The text <c>reload</c> writes for <paramref name="strategy"/> (null: every strategy).</summary>
    public static string Text(string? strategy) => string.Create(CultureInfo.InvariantCulture,
        $"{(strategy is null ? "all" : Prefix + strategy)} asked by reload at {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} (process {Environment.ProcessId})\n");

    /// <summary>The strategy a reload file names, or null for all.</summary>
    public static string? StrategyOf(string text)
    {
        string first = text.Split('\n', 2)[0].Trim();
        if (!first.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        string name = first[Prefix.Length..].Split(' ', 2)[0];
        return name.Length == 0 ? null : name;
    }
}
