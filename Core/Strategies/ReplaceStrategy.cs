namespace Hft.Core.Strategies;

/// <summary>
/// Asks a <see cref="StrategyGroup"/> to replace its strategy <paramref name="Name"/> with one made by
/// <paramref name="Factory"/> (a new build of its plugin, or new parameters): the old one stops, then its open orders
/// are cancelled (<paramref name="CancelOpenOrders"/>) or handed over as they are, then the new one starts with the
/// same positions. The answer is a <see cref="StrategyReplaced"/>.
/// </summary>
public sealed record ReplaceStrategy(string Name, Func<Strategy> Factory, bool CancelOpenOrders);
