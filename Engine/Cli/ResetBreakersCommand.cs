using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hft.Engine.Config;
using Hft.Engine.Safety;

namespace Hft.Engine.Cli;

/// <summary>
/// <c>reset-breakers CONFIG.toml</c>: from a second process, clears the tripped circuit breaker of the running session
/// of that config (the breakers' cool-down does it by itself only where one is configured). It writes the reset file
/// beside the kill file and waits for the session to take it (the session deletes it); exit code 0 once taken, 1 if
/// no session took it in time (the file is then removed, so a later session does not find a stale reset).
/// The kill switch is not lifted by this: only removing the kill file and starting again does that.
/// </summary>
internal static class ResetBreakersCommand
{
    public static Command Create()
    {
        var config = new Argument<string>("config") { Description = "The running live or paper session's TOML configuration" };
        var timeout = new Option<double>("--timeout") { Description = "How long to wait for the session to take the reset, in seconds", DefaultValueFactory = _ => 5 };
        var command = new Command("reset-breakers", "Clear the tripped circuit breaker of the running session of this config, so trading resumes") { config, timeout };
        command.SetAction(r => CliFailure.Guard(() => Run(r.GetValue(config)!, r.GetValue(timeout))));
        return command;
    }

    private static int Run(string path, double timeoutSeconds)
    {
        if (!(timeoutSeconds > 0 && timeoutSeconds < 3600)) throw new ArgumentException($"--timeout: expected a positive number of seconds below 3600, got {timeoutSeconds.ToString(CultureInfo.InvariantCulture)}");
        var settings = SettingsLoader.Load(path);
        if (settings.Mode == EngineMode.Backtest) throw new ArgumentException($"{path}: mode is \"backtest\": breakers of a backtest are reset by its own script, not from outside");
        string file = SessionRequestWatch.ResetFileFor(settings.Live.KillFile ?? throw new ArgumentException($"{path}: no kill file, so no reset file either"));
        File.WriteAllText(file, string.Create(CultureInfo.InvariantCulture,
            $"asked by reset-breakers at {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} (process {Environment.ProcessId})\n"), Encoding.UTF8);
        var watch = Stopwatch.StartNew();
        while (File.Exists(file) && watch.Elapsed.TotalSeconds < timeoutSeconds) Thread.Sleep(20);
        if (!File.Exists(file))
        {
            Console.Error.WriteLine($"the running session took the reset after {watch.Elapsed.TotalMilliseconds:0} ms: a tripped breaker is cleared and trading resumes (see its log)");
            return 0;
        }
        File.Delete(file);
        Console.Error.WriteLine($"no running session of {path} took the reset within {timeoutSeconds.ToString(CultureInfo.InvariantCulture)} s; nothing was reset");
        return 1;
    }
}
