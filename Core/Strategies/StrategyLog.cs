using Akka.Event;

namespace Hft.Core.Strategies;

/// <summary>A strategy's log over the actor system's logging (Serilog in the engine).</summary>
internal sealed class StrategyLog(ILoggingAdapter log) : IStrategyLog
{
    public void Info(string message) => log.Info(message);

    public void Warning(string message) => log.Warning(message);

    public void Error(Exception? exception, string message)
    {
        if (exception is null) log.Error(message);
        else log.Error(exception, message);
    }
}
