using Serilog.Events;

namespace Hft.Engine.Config;

/// <summary>Logging (<c>[logging]</c>). Logs always go to standard error; standard output is kept for results.</summary>
/// <param name="Level">Lowest level written (<c>level</c>): verbose, debug, information, warning, error or fatal.</param>
/// <param name="File">Also write the log to this file (<c>file</c>), resolved against the config file's directory; null for none.</param>
public sealed record LoggingSettings(LogEventLevel Level = LogEventLevel.Information, string? File = null);
