using System.CommandLine;
using System.Text;
using Hft.Engine.Plugins;

namespace Hft.Engine.Cli;

/// <summary>
/// <c>strategies [--plugins DIR] [--json]</c>: lists the built-in strategies and those of the plugins folder with
/// their parameters (name, type, default, description). Plugins that failed to load are printed on standard error,
/// one line each (<c>error: file: cause</c>), and make the exit code 1; the others are still listed.
/// </summary>
internal static class StrategiesCommand
{
    public static Command Create()
    {
        var plugins = new Option<string?>("--plugins") { Description = "Plugins folder (default: plugins/ in the working directory)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("strategies", "List the built-in and plugin strategies with their parameters") { plugins, json };
        command.SetAction(r => CliFailure.Guard(() => Run(r.GetValue(plugins), r.GetValue(json), Console.Out, Console.Error)));
        return command;
    }

    /// <summary>Lists the strategies available with <paramref name="pluginsDirectory"/>; returns the exit code.</summary>
    public static int Run(string? pluginsDirectory, bool json, TextWriter stdout, TextWriter stderr)
    {
        if (pluginsDirectory is not null && !Directory.Exists(pluginsDirectory))
            throw new ArgumentException($"--plugins: no such directory '{pluginsDirectory}'");
        string? folder = pluginsDirectory ?? PluginFolders.FindDefault(null);
        using var registry = folder is null ? null : StrategyRegistry.Load(folder, pluginsDirectory ?? PluginFolders.DefaultName);
        var strategies = registry ?? StrategyRegistry.BuiltIn;
        stdout.WriteLine(json ? ToJson(strategies) : ToText(strategies));
        foreach (var problem in strategies.Problems) stderr.WriteLine($"error: {problem}");
        return strategies.Problems.Count == 0 ? 0 : 1;
    }

    private static string ToText(StrategyRegistry registry)
    {
        var sb = new StringBuilder();
        foreach (var s in registry.Strategies)
        {
            if (sb.Length > 0) sb.AppendLine();
            var d = s.Descriptor;
            sb.AppendLine($"{d.Name}  ({s.Source})");
            if (d.Description.Length > 0) sb.AppendLine($"  {d.Description}");
            if (d.Parameters.Count == 0)
            {
                sb.AppendLine("  no parameters");
                continue;
            }
            var rows = new List<string[]> { new[] { "parameter", "type", "default", "description" } };
            rows.AddRange(d.Parameters.Select(p => new[] { p.Name, p.Type, p.Default, p.Description }));
            int[] widths = Enumerable.Range(0, 3).Select(c => rows.Max(r => r[c].Length)).ToArray();
            foreach (var row in rows)
                sb.AppendLine($"  {row[0].PadRight(widths[0])}  {row[1].PadRight(widths[1])}  {row[2].PadRight(widths[2])}  {row[3]}".TrimEnd());
        }
        if (registry.PluginsDirectory is null) sb.AppendLine().AppendLine("(no plugins folder: give --plugins DIR or create plugins/)");
        return sb.ToString().TrimEnd();
    }

    private static string ToJson(StrategyRegistry registry) => Json.Object(w =>
    {
        if (registry.PluginsDirectory is { } dir) w.WriteString("plugins_dir", dir);
        else w.WriteNull("plugins_dir");
        w.WriteStartArray("strategies");
        foreach (var s in registry.Strategies)
        {
            w.WriteStartObject();
            w.WriteString("name", s.Name);
            w.WriteString("source", s.Source);
            w.WriteString("description", s.Descriptor.Description);
            w.WriteStartArray("parameters");
            foreach (var p in s.Descriptor.Parameters)
            {
                w.WriteStartObject();
                w.WriteString("name", p.Name);
                w.WriteString("type", p.Type);
                w.WriteString("default", p.Default);
                w.WriteBoolean("required", p.Required);
                w.WriteString("description", p.Description);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("problems");
        foreach (var p in registry.Problems)
        {
            w.WriteStartObject();
            w.WriteString("file", p.File);
            w.WriteString("message", p.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });
}
