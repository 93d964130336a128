namespace Hft.Backtest.Runs;

/// <summary>A failure escalated past the top of the actor hierarchy and ended the backtest.</summary>
public sealed class BacktestFailedException(Exception cause)
    : Exception($"The backtest stopped: {cause.GetType().Name}: {cause.Message}", cause);
