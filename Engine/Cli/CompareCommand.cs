using System.CommandLine;
using System.Text.Json;
using Hft.Backtest.Reports;
using Hft.Backtest.Statistics;
using Spectre.Console;

namespace Hft.Engine.Cli;

/// <summary>
/// <c>compare RUN_DIR RUN_DIR...</c>: reads each run's <c>summary.json</c> and prints the statistics side by side,
/// after the configuration keys whose values differ, so a parameter change can be judged in one table. The best
/// value of a metric with a direction (higher or lower is better) is highlighted on a terminal.
/// </summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var runs = new Argument<string[]>("runs") { Arity = ArgumentArity.OneOrMore, Description = "Run directories written by backtest --out (or their summary.json files)" };
        var instrument = new Option<string?>("--instrument") { Description = "Compare one instrument's statistics instead of the portfolio's" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table" };
        var command = new Command("compare", "Print the statistics of several backtest runs side by side") { runs, instrument, json };
        command.SetAction(r => CliFailure.Guard(() => Run(r.GetValue(runs)!, r.GetValue(instrument), r.GetValue(json), Console.Out)));
        return command;
    }

    /// <summary>One run's summary, as read back.</summary>
    internal sealed record RunSummary(string Name, IReadOnlyDictionary<string, object?> Metrics, IReadOnlyList<KeyValuePair<string, string>> Configuration);

    internal static int Run(string[] paths, string? instrument, bool json, TextWriter output)
    {
        // Runs of one instrument each compare that instrument (the portfolio has no position figures).
        instrument ??= SingleInstrument(paths);
        var runs = paths.Select(p => Load(p, instrument)).ToList();
        var names = Names(paths);
        var differences = Differences(runs);
        if (json)
        {
            output.WriteLine(Json.Object(w =>
            {
                w.WriteStartArray("runs");
                foreach (var n in names) w.WriteStringValue(n);
                w.WriteEndArray();
                w.WriteString("section", instrument ?? "portfolio");
                w.WriteStartObject("configuration_differences");
                foreach (var (key, values) in differences)
                {
                    w.WriteStartArray(key);
                    foreach (var v in values) w.WriteStringValue(v);
                    w.WriteEndArray();
                }
                w.WriteEndObject();
                w.WriteStartObject("metrics");
                foreach (var m in MetricCatalog.All)
                {
                    w.WriteStartArray(m.Key);
                    foreach (var run in runs) WriteValue(w, run.Metrics.GetValueOrDefault(m.Key));
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }));
            return 0;
        }

        // A pipe or a file gets plain text (no colours) and no width limit to wrap the table at.
        bool terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal) console.Profile.Width = 240;
        var table = new Table().Border(TableBorder.Rounded).Title(instrument is null ? "portfolio" : instrument);
        table.AddColumn(new TableColumn("[bold]metric[/]"));
        foreach (var n in names) table.AddColumn(new TableColumn($"[bold]{Markup.Escape(n)}[/]").RightAligned());
        if (differences.Count > 0)
        {
            foreach (var (key, values) in differences)
                table.AddRow([new Markup($"[yellow]{Markup.Escape(key)}[/]"), .. values.Select(v => new Markup($"[yellow]{Markup.Escape(v)}[/]"))]);
            table.AddEmptyRow();
        }
        foreach (var m in MetricCatalog.All)
        {
            var values = runs.Select(r => r.Metrics.GetValueOrDefault(m.Key)).ToList();
            int best = Best(m, values);
            var cells = new List<Markup> { new(Markup.Escape(m.Label)) };
            for (int i = 0; i < values.Count; i++)
            {
                string text = Markup.Escape(m.Format(values[i]));
                // Colour on a terminal; a star where there is none.
                cells.Add(new Markup(i != best ? text : terminal ? $"[green bold]{text}[/]" : text + " *"));
            }
            table.AddRow(cells);
        }
        console.Write(table);
        if (runs.Count > 1)
        {
            console.WriteLine(terminal ? "Best values in green (for metrics where higher or lower is better)." : "* best value (for metrics where higher or lower is better)");
            if (differences.Count == 0) console.WriteLine("The runs have the same configuration.");
            else console.WriteLine($"The first {differences.Count} row{(differences.Count == 1 ? " is the configuration key" : "s are the configuration keys")} that differ.");
        }
        return 0;
    }

    // The symbol when every run traded the same single instrument; otherwise null (compare the portfolio).
    private static string? SingleInstrument(IEnumerable<string> paths)
    {
        var symbols = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in paths)
        {
            string file = Directory.Exists(p) ? Path.Combine(p, "summary.json") : p;
            if (!File.Exists(file)) return null;
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(file));
                if (!doc.RootElement.TryGetProperty("instruments", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() != 1) return null;
                symbols.Add(list[0].GetProperty("symbol").GetString() ?? "");
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
            {
                return null;
            }
        }
        return symbols.Count == 1 ? symbols.First() : null;
    }

    /// <summary>Reads a run's summary: the portfolio section, or one instrument's.</summary>
    internal static RunSummary Load(string path, string? instrument)
    {
        string file = Directory.Exists(path) ? Path.Combine(path, "summary.json") : path;
        if (!File.Exists(file))
        {
            throw new FileNotFoundException(Directory.Exists(path)
                ? $"{path}: no summary.json (write one with backtest --out {path})"
                : $"{path}: no such run directory or file");
        }
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllText(file));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file}: not valid JSON ({e.Message})");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.GetString() != SummaryJson.Format)
                throw new InvalidDataException($"{file}: not a backtest summary (expected \"format\": \"{SummaryJson.Format}\")");
            JsonElement section;
            if (instrument is null)
            {
                section = root.GetProperty("portfolio");
            }
            else
            {
                var match = root.GetProperty("instruments").EnumerateArray()
                    .Where(i => string.Equals(i.GetProperty("symbol").GetString(), instrument, StringComparison.OrdinalIgnoreCase)).ToList();
                if (match.Count == 0)
                {
                    var symbols = string.Join(", ", root.GetProperty("instruments").EnumerateArray().Select(i => i.GetProperty("symbol").GetString()));
                    throw new ArgumentException($"{file}: no instrument {instrument} (it has {symbols})");
                }
                section = match[0];
            }
            var metrics = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var m in MetricCatalog.All)
            {
                metrics[m.Key] = section.TryGetProperty(m.Key, out var v) ? Read(m, v) : null;
            }
            var config = new List<KeyValuePair<string, string>>();
            if (root.TryGetProperty("configuration", out var c) && c.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in c.EnumerateObject()) config.Add(new(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText()));
            }
            return new RunSummary(path, metrics, config);
        }
    }

    private static object? Read(Metric m, JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when m.Kind is MetricKind.Count or MetricKind.Time && v.TryGetInt64(out long l) => l,
        JsonValueKind.Number => v.GetDouble(),
        _ => null,
    };

    private static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case bool b: w.WriteBooleanValue(b); break;
            case long l: w.WriteNumberValue(l); break;
            case double d when double.IsFinite(d): w.WriteNumberValue(d); break;
            default: w.WriteNullValue(); break;
        }
    }

    /// <summary>Column names: the directory names, or the paths as given when two names are the same.</summary>
    internal static IReadOnlyList<string> Names(IReadOnlyList<string> paths)
    {
        var names = paths.Select(p =>
        {
            string trimmed = p.TrimEnd('/', '\\');
            string name = Path.GetFileName(trimmed);
            if (name == "summary.json") name = Path.GetFileName(Path.GetDirectoryName(trimmed) ?? trimmed);
            return string.IsNullOrEmpty(name) ? p : name;
        }).ToList();
        return names.Distinct(StringComparer.Ordinal).Count() == names.Count ? names : paths.ToList();
    }

    /// <summary>The configuration keys whose values are not the same in every run (a missing key shows as "-").</summary>
    internal static IReadOnlyList<(string Key, IReadOnlyList<string> Values)> Differences(IReadOnlyList<RunSummary> runs)
    {
        var keys = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in runs)
        {
            foreach (var (k, _) in r.Configuration)
            {
                if (seen.Add(k)) keys.Add(k);
            }
        }
        var result = new List<(string, IReadOnlyList<string>)>();
        foreach (var k in keys)
        {
            var values = runs.Select(r => r.Configuration.FirstOrDefault(p => p.Key == k).Value ?? "-").ToList();
            if (values.Distinct(StringComparer.Ordinal).Count() > 1) result.Add((k, values));
        }
        return result;
    }

    /// <summary>Index of the best value of a metric with a direction, or -1 (no direction, fewer than two values, or a tie).</summary>
    internal static int Best(Metric m, IReadOnlyList<object?> values)
    {
        if (m.Direction == MetricDirection.None) return -1;
        int best = -1, count = 0;
        double bestValue = 0;
        bool tie = false;
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i] is not (double or long)) continue;
            double v = Convert.ToDouble(values[i], System.Globalization.CultureInfo.InvariantCulture);
            count++;
            if (best < 0 || (m.Direction == MetricDirection.Higher ? v > bestValue : v < bestValue))
            {
                best = i;
                bestValue = v;
                tie = false;
            }
            else if (v == bestValue)
            {
                tie = true;
            }
        }
        return count >= 2 && !tie ? best : -1;
    }
}
