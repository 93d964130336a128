using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hft.Engine.Config;
using Hft.Engine.Live;
using Hft.Engine.Safety;

namespace Hft.Engine.Cli;

/// <summary>
/// <c>reload CONFIG.toml [--strategy NAME]</c>: from a second process, asks the running live or paper session of that
/// config to replace its strategies (or the one named) with what the config and the plugins folder hold now: a new
/// build of a plugin, or changed <c>[strategies.params]</c> (hot swap). It writes the reload file beside the kill file
/// and waits for the session to take it; exit 0 once taken (the session's log says what was replaced), 1 if no session
/// took it in time.
/// </summary>
internal static class ReloadCommand
{
    public static Command Create()
    {
        var config = new Argument<string>("config") { Description = "The running live or paper session's TOML configuration" };
        var strategy = new Option<string?>("--strategy") { Description = "Replace only this strategy (by its name in [[strategies]]); default all" };
        var timeout = new Option<double>("--timeout") { Description = "How long to wait for the session to take the request, in seconds", DefaultValueFactory = _ => 5 };
        var command = new Command("reload", "Hot swap: replace the running session's strategies with the current plugin builds and parameters") { config, strategy, timeout };
        command.SetAction(r => CliFailure.Guard(() => Run(r.GetValue(config)!, r.GetValue(strategy), r.GetValue(timeout))));
        return command;
    }

    private static int Run(string path, string? strategy, double timeoutSeconds)
    {
        if (!(timeoutSeconds > 0 && timeoutSeconds < 3600)) throw new ArgumentException($"--timeout: expected a positive number of seconds below 3600, got {timeoutSeconds.ToString(CultureInfo.InvariantCulture)}");
        // Read as the session will read it, so a broken config or plugin is reported here, before anything is asked.
        var settings = SettingsLoader.Load(path);
        if (settings.Mode == EngineMode.Backtest) throw new ArgumentException($"{path}: mode is \"backtest\": only a running live or paper session reloads its strategies");
        if (strategy is not null && settings.Strategies.All(s => s.Name != strategy))
            throw new ArgumentException($"--strategy: {path} has no strategy named '{strategy}' (strategies: {string.Join(", ", settings.Strategies.Select(s => s.Name))})");
        string file = SessionRequestWatch.ReloadFileFor(settings.Live.KillFile ?? throw new ArgumentException($"{path}: no kill file, so no reload file either"));
        File.WriteAllText(file, ReloadRequest.Text(strategy), Encoding.UTF8);
        var watch = Stopwatch.StartNew();
        while (File.Exists(file) && watch.Elapsed.TotalSeconds < timeoutSeconds) Thread.Sleep(20);
        if (!File.Exists(file))
        {
            Console.Error.WriteLine($"the running session took the reload after {watch.Elapsed.TotalMilliseconds:0} ms: {(strategy is null ? "its strategies are" : $"strategy {strategy} is")} being replaced (see its log)");
            return 0;
        }
        File.Delete(file);
        Console.Error.WriteLine($"no running session of {path} took the reload within {timeoutSeconds.ToString(CultureInfo.InvariantCulture)} s; nothing was replaced");
        return 1;
    }
}
