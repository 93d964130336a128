using Hft.Core.Strategies;

namespace Hft.Backtest.Runs;

/// <summary>A strategy to run: its actor name and how to make an instance (again, after a restart).</summary>
/// <param name="Name">Actor name under <c>/user/strategies</c>.</param>
/// <param name="Factory">Makes a fresh instance.</param>
public sealed record StrategySetup(string Name, Func<Strategy> Factory);
