using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hft.Engine.Config;
using Hft.Engine.Safety;
using Hft.Exchanges.Common;

namespace Hft.Engine.Cli;

/// <summary>
/// <c>kill CONFIG.toml [--flatten]</c>: the kill switch from a second process. It writes the config's kill file first (a
/// running session of that config sees it within 50 ms, halts for good and cancels too; <c>live</c> will not start
/// while it exists), then cancels every open order on every configured venue and symbol itself over REST, checks
/// that none is left, and with <c>--flatten</c> closes each position with a reduce-only market order. Exit code 0
/// when nothing is left open (and, if asked, everything is flat), 1 otherwise.
/// </summary>
internal static class KillCommand
{
    public static Command Create()
    {
        var config = new Argument<string>("config") { Description = "The live session's TOML configuration (its venues, keys, instruments and kill file)" };
        var flatten = new Option<bool>("--flatten") { Description = "Also close every position with reduce-only market orders (futures; spot balances are left as they are)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per venue and symbol" };
        var command = new Command("kill", "Kill switch: halt every running session of this config, cancel every open order on its venues, optionally flatten") { config, flatten, json };
        command.SetAction(r => CliFailure.Guard(() => Run(r.GetValue(config)!, r.GetValue(flatten), r.GetValue(json))));
        return command;
    }

    private static int Run(string path, bool flatten, bool json)
    {
        var started = Stopwatch.StartNew();
        var settings = SettingsLoader.Load(path);
        if (settings.Mode == EngineMode.Backtest) throw new ArgumentException($"{path}: mode is \"backtest\": a backtest sends no orders, so there is nothing to kill");
        // The file first: a running session stops sending before the cancels go out.
        if (settings.Live.KillFile is { } file)
        {
            File.WriteAllText(file, string.Create(CultureInfo.InvariantCulture,
                $"engaged by kill at {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} (process {Environment.ProcessId}){(flatten ? ", flatten" : "")}\n"), Encoding.UTF8);
            Console.Error.WriteLine($"kill file {file} written: sessions of this config halt; remove it to trade again");
        }
        if (settings.Mode == EngineMode.Paper)
        {
            Console.Error.WriteLine("paper mode: no order is on a venue, nothing to cancel");
            return 0;
        }
        var targets = new List<(IKillSwitchVenue, IReadOnlyList<string>)>();
        try
        {
            foreach (var venue in settings.Venues)
            {
                var symbols = settings.Instruments.Where(i => i.Venue == venue.Name).Select(i => i.Symbol).ToArray();
                if (symbols.Length > 0) targets.Add((KillSwitchVenues.Create(venue, settings.Live), symbols));
            }
            var reports = new KillSwitch(targets, settings.Live.ClientOrderPrefix).Run(flatten).GetAwaiter().GetResult();
            foreach (var r in reports)
            {
                if (json) Console.Out.WriteLine(Json.Object(w =>
                {
                    w.WriteString("venue", r.Venue);
                    w.WriteString("symbol", r.Symbol);
                    w.WriteNumber("cancelled_after_ms", Math.Round(r.CancelledAfterMs, 3));
                    w.WriteNumber("cancel_requests", r.CancelRequests);
                    if (r.OpenAfter is { } open) w.WriteNumber("open_orders", open);
                    else w.WriteNull("open_orders");
                    if (r.Flatten && r.HasPositions)
                    {
                        Number(w, "position_before", r.PositionBefore);
                        Number(w, "position_after", r.PositionAfter);
                    }
                    w.WriteBoolean("succeeded", r.Succeeded);
                    w.WriteStartArray("problems");
                    foreach (var p in r.Problems) w.WriteStringValue(p);
                    w.WriteEndArray();
                }));
                else Console.Out.WriteLine((r.Succeeded ? "killed  " : "FAILED  ") + KillSwitch.Describe(r));
            }
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"kill switch done in {started.Elapsed.TotalMilliseconds:F0} ms"));
            return reports.All(r => r.Succeeded) ? 0 : 1;
        }
        finally
        {
            foreach (var (venue, _) in targets) venue.Dispose();
        }
    }

    private static void Number(System.Text.Json.Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }
}
