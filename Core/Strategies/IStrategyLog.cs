namespace Hft.Core.Strategies;

/// <summary>Where a strategy writes its log lines (the engine's log, with the strategy's name as the source).</summary>
public interface IStrategyLog
{
    /// <summary>Something worth knowing in normal operation.</summary>
    void Info(string message);

    /// <summary>Something went wrong but the strategy carries on.</summary>
    void Warning(string message);

    /// <summary>Something failed.</summary>
    void Error(Exception? exception, string message);
}
