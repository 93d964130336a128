using Akka.Actor;
using Akka.Hosting;
using Akka.Logger.Serilog;
using Hft.Core.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog.Events;
using AkkaLogLevel = Akka.Event.LogLevel;

namespace Hft.Engine.Hosting;

/// <summary>
/// The engine's generic host (Microsoft.Extensions.Hosting) with its actor system (Akka.Hosting's <c>AddAkka</c>):
/// Akka logs through Serilog, and Ctrl-C (the host's stopping) runs Akka's CoordinatedShutdown, whose tasks stop
/// what is running (a replay, a live session) before the system terminates.
/// </summary>
internal sealed class EngineHost : IDisposable
{
    private readonly IHost _host;

    private EngineHost(IHost host, ActorSystem system)
    {
        _host = host;
        System = system;
    }

    /// <summary>The engine's actor system.</summary>
    public ActorSystem System { get; }

    /// <summary>
    /// Builds and starts the host. Akka logs through Serilog's process-wide logger, which <see cref="UseLogger"/> sets
    /// once the engine's logging is configured; until then its start-up messages are not shown.
    /// </summary>
    /// <param name="extra">Configuration over the engine's own (a cluster node's), or null.</param>
    public static EngineHost Start(Akka.Configuration.Config? extra = null)
    {
        // No default configuration sources (appsettings.json, environment): the engine's settings come from TOML.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddAkka("hft", akka =>
        {
            if (extra is not null) akka.AddHocon(extra, HoconAddMode.Prepend);
            akka.AddHocon(EngineActorSystem.Config, HoconAddMode.Append);
            akka.ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = AkkaLogLevel.InfoLevel;
                loggers.ClearLoggers();
                loggers.AddLogger<SerilogLogger>();
            });
        });
        var host = builder.Build();
        host.Start();
        var system = host.Services.GetRequiredService<ActorSystem>();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        lifetime.ApplicationStopping.Register(() => CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance));
        return new EngineHost(host, system);
    }

    /// <summary>Sends Akka's log (actors, supervision, strategies) to <paramref name="logger"/>, at <paramref name="level"/> and above.</summary>
    /// <param name="logger">Where Akka's log goes.</param>
    /// <param name="level">The least level shown.</param>
    /// <param name="systemInfo">
    /// False to leave out the information of Akka's own actors (outside <c>/user</c>): a cluster node's remoting and
    /// membership tell of every connection and buffer; their warnings and errors still show.
    /// </param>
    public void UseLogger(Serilog.ILogger logger, LogEventLevel level, bool systemInfo = true)
    {
        Serilog.Log.Logger = systemInfo ? logger
            : new Serilog.LoggerConfiguration().MinimumLevel.Verbose().Filter.ByExcluding(IsSystemInfo).WriteTo.Logger(logger).CreateLogger();
        if (!systemInfo)
        {
            // When the system terminates, Akka hands its log to a console logger at the current level, and remoting's
            // last words would land on standard output (where a sweep's table goes): only warnings from then on.
            CoordinatedShutdown.Get(System).AddTask(CoordinatedShutdown.PhaseActorSystemTerminate, "quiet-akka-log", () =>
            {
                System.EventStream.SetLogLevel(AkkaLogLevel.WarningLevel);
                return Task.FromResult(Akka.Done.Instance);
            });
        }
        System.EventStream.SetLogLevel(ToAkka(level));
    }

    /// <summary>True once Ctrl-C (or anything else) has started the shutdown.</summary>
    public bool IsShuttingDown => CoordinatedShutdown.Get(System).ShutdownReason is not null;

    /// <summary>Runs <paramref name="stop"/> when the engine shuts down (Ctrl-C), before the actor system terminates.</summary>
    public void OnShutdown(string name, Action stop)
    {
        CoordinatedShutdown.Get(System).AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, name, () =>
        {
            stop();
            return Task.FromResult(Akka.Done.Instance);
        });
        // A shutdown that began before the task was added would not run it.
        if (IsShuttingDown) stop();
    }

    /// <summary>
    /// Runs <paramref name="stop"/> when the engine shuts down (Ctrl-C, SIGTERM) and keeps the actor system up until the
    /// task it returns completes (at most the phase's 30 s): a live session cancels its orders through its actors first.
    /// </summary>
    public void OnShutdown(string name, Func<Task> stop)
    {
        CoordinatedShutdown.Get(System).AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, name, async () =>
        {
            await stop().ConfigureAwait(false);
            return Akka.Done.Instance;
        });
        if (IsShuttingDown) _ = stop();
    }

    private static bool IsSystemInfo(LogEvent e) =>
        e.Level <= LogEventLevel.Information && e.Properties.TryGetValue("LogSource", out var source) && !source.ToString().Contains("/user/", StringComparison.Ordinal);

    private static AkkaLogLevel ToAkka(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose or LogEventLevel.Debug => AkkaLogLevel.DebugLevel,
        LogEventLevel.Information => AkkaLogLevel.InfoLevel,
        LogEventLevel.Warning => AkkaLogLevel.WarningLevel,
        _ => AkkaLogLevel.ErrorLevel,
    };

    /// <inheritdoc />
    public void Dispose()
    {
        _host.StopAsync().GetAwaiter().GetResult();
        _host.Dispose();
    }
}
