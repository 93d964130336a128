using Hft.Core.Actors;
using Serilog;

namespace Hft.Engine.Hosting;

/// <summary>Routes the actor kernel's log to Serilog.</summary>
internal sealed class SerilogKernelLog(ILogger logger) : IKernelLog
{
    public void Info(string message) => logger.Information("{Message}", message);
    public void Warning(string message) => logger.Warning("{Message}", message);
    public void Error(Exception? exception, string message) => logger.Error(exception, "{Message}", message);
}
