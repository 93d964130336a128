using System.CommandLine;
using Hft.Engine.Config;
using Hft.Engine.Plugins;

namespace Hft.Engine.Cli;

/// <summary>
/// <c>check CONFIG</c>: validates a configuration file. Valid: prints the resolved settings (defaults filled
/// in, paths resolved, secrets as <c>***</c>) on standard output, exit 0. Invalid: prints every problem as
/// <c>file:line:col: message</c> on standard error, exit 1.
/// </summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var config = new Argument<string>("config") { Description = "TOML configuration file (see docs/configuration.md)" };
        var command = new Command("check", "Validate a configuration file and print the resolved settings (secrets redacted)") { config };
        command.SetAction(r => Run(r.GetValue(config)!, Console.Out, Console.Error));
        return command;
    }

    /// <summary>Checks <paramref name="path"/>, writing to the given streams; returns the exit code.</summary>
    public static int Run(string path, TextWriter stdout, TextWriter stderr, Func<string, string?>? environment = null)
    {
        EngineSettings settings;
        try
        {
            settings = SettingsLoader.Load(path, environment);
        }
        catch (ConfigException e)
        {
            foreach (var problem in e.Problems) stderr.WriteLine(problem);
            stderr.WriteLine($"{path}: {e.Problems.Count} problem{(e.Problems.Count == 1 ? "" : "s")}");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 1;
        }
        // Plugins that failed to load do not make the file invalid (its strategies were found), but they are worth knowing.
        foreach (var problem in StrategyRegistry.Shared(settings.PluginsDir).Problems) stderr.WriteLine($"warning: plugin not loaded: {problem}");
        stdout.WriteLine($"# {path}: valid (mode {SettingsBinder.NameOf(settings.Mode)}; secrets shown as {Secret.Redacted})");
        stdout.Write(SettingsWriter.Write(settings));
        return 0;
    }
}
