using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Hft.Engine.Hosting;

/// <summary>Logging for the command line: everything to standard error, so standard output stays clean for results and JSON.</summary>
internal static class EngineLogging
{
    private const string Template = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}";

    public static ILogger Create(bool verbose) => Create(verbose ? LogEventLevel.Debug : LogEventLevel.Information, null);

    /// <summary>Logs at <paramref name="level"/> and above to standard error and, when given, to <paramref name="file"/> as well.</summary>
    public static Logger Create(LogEventLevel level, string? file)
    {
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            // Akka announces every orderly shutdown at information level; the engine's own lines say what ended.
            .Filter.ByExcluding(e => e.Level < LogEventLevel.Warning && e.MessageTemplate.Text.StartsWith("CoordinatedShutdown invoked", StringComparison.Ordinal))
            .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose, outputTemplate: Template);
        if (file is not null)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(file));
            if (directory is not null) Directory.CreateDirectory(directory);
            configuration = configuration.WriteTo.File(file, outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} " + Template);
        }
        return configuration.CreateLogger();
    }
}
