using Hft.Core.Strategies;
using Hft.Strategies;

namespace Hft.Engine;

/// <summary>The strategies the engine can run by name.</summary>
internal static class StrategyCatalog
{
    public static IReadOnlyList<string> Names { get; } = ["grid", "idle"];

    /// <summary>Makes a factory for a named strategy; parameters are checked now, so a typo fails before the run.</summary>
    public static Func<Strategy> Resolve(string name, StrategyParameters parameters)
    {
        switch (name)
        {
            case "grid":
                var settings = GridTradingSettings.From(parameters);
                return () => new GridTrading(settings);
            case "idle":
                parameters.EnsureAllUsed("idle");
                return () => new Idle();
            default:
                throw new ArgumentException($"unknown strategy '{name}'; available: {string.Join(", ", Names)}");
        }
    }
}
