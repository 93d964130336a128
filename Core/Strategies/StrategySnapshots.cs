namespace Hft.Core.Strategies;

/// <summary>
/// A strategy's snapshot plumbing in one session: what it saved last time (by its name) and where a new save goes.
/// Backtests have none: a save is kept in memory only, and nothing was saved before.
/// </summary>
/// <param name="Name">The strategy's name in the configuration.</param>
/// <param name="Earlier">What it saved last in an earlier session, or null.</param>
/// <param name="Journal">Where a save is written, or null (kept in memory only).</param>
public sealed record StrategySnapshots(string Name, byte[]? Earlier, IStrategySnapshotJournal? Journal);
