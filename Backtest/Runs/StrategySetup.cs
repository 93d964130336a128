using Hft.Core.Strategies;

namespace Hft.Backtest.Runs;

/// <summary>A strategy to run: its actor name and how to make an instance (again, after a restart).</summary>
/// <param name="Name">Actor name under <c>/strategies</c>.</param>
/// <param name="Factory">Makes a fresh instance.</param>
/// <param name="OnError">What happens when it throws; null for the run's <see cref="BacktestSetup.OnStrategyError"/>.</param>
public sealed record StrategySetup(string Name, Func<Strategy> Factory, Akka.Actor.Directive? OnError = null);
