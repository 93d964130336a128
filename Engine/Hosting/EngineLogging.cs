using Serilog;
using Serilog.Events;

namespace Hft.Engine.Hosting;

/// <summary>Logging for the command line: everything to standard error, so standard output stays clean for results and JSON.</summary>
internal static class EngineLogging
{
    public static ILogger Create(bool verbose) => new LoggerConfiguration()
        .MinimumLevel.Is(verbose ? LogEventLevel.Debug : LogEventLevel.Information)
        .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose,
            outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}")
        .CreateLogger();
}
