using System.CommandLine;
using System.Globalization;
using Hft.Backtest.Models.Fees;
using Hft.Backtest.Recording;
using Hft.Backtest.Reports;
using Hft.Backtest.Runs;
using Hft.Backtest.Venue;
using Hft.Core.Strategies;
using Hft.Engine.Config;
using Hft.Engine.Hosting;
using Hft.Engine.Live;
using Hft.Engine.Plugins;
using Hft.Engine.Safety;
using Hft.Core.Risk;
using Hft.Exchanges.Binance.Common;
using Hft.Exchanges.Binance.Futures;
using Hft.Exchanges.Binance.Spot;
using Hft.Exchanges.Bybit;
using Akka.Actor;
using Hft.Core.Markets;
using Hft.Exchanges.Common;
using Hft.Exchanges.Common.Reconciliation;
using Hft.Engine.Metrics;

namespace Hft.Engine.Cli;

/// <summary>
/// <c>live CONFIG.toml</c> and <c>paper CONFIG.toml</c>: the configured graph on the real clock against a venue (live:
/// real orders; paper: live market data, orders filled by the backtest's simulated venue). Ctrl-C, SIGTERM or the end
/// of <c>--duration</c> stop it: strategies first, then the open orders are cancelled (<c>cancel_on_stop</c>), then the
/// summary is printed as <c>backtest</c> prints it, plus the orders still open on the venue.
/// </summary>
internal static class LiveCommand
{
    /// <summary>The <c>live</c> command (runs the file's mode: live, or paper for a paper file).</summary>
    public static Command CreateLive() => Create("live", "Trade the configured strategies on the configured venue on the real clock (real orders)", SessionKind.Live);

    /// <summary>The <c>paper</c> command (live market data; nothing is sent to the venue; no keys).</summary>
    public static Command CreatePaper() => Create("paper", "Paper-trade: live market data, orders filled locally by the simulated venue's models", SessionKind.Paper);

    /// <summary>The <c>record</c> command: the configured venues' public streams to event files (and, on request, raw collector files).</summary>
    public static Command CreateRecord() => Create("record",
        "Record the configured instruments' market data: hftbacktest .npz event files per instrument and UTC day (the rows convert makes of the same frames), and with --raw the collector files convert reads", SessionKind.Record);

    private enum SessionKind
    {
        Live,
        Paper,
        Record,
    }

    private static Command Create(string name, string description, SessionKind kind)
    {
        var config = new Argument<string>("config") { Description = "TOML configuration with mode = \"live\" or \"paper\" (see docs/configuration.md)" };
        var duration = new Option<double?>("--duration") { Description = "Stop after this many seconds (default: run until Ctrl-C or SIGTERM)" };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object (the keys of backtest --json, plus open_orders_at_exit)" };
        var recordDir = new Option<string?>(kind == SessionKind.Record ? "--out" : "--record")
        {
            Description = kind == SessionKind.Record ? "Directory for the recorded files" : "Also record the market data into this directory (as the record command does)",
            Required = kind == SessionKind.Record,
        };
        var raw = new Option<bool>("--raw") { Description = "Keep the raw collector files (<ns> <json> lines, gzip) beside the event files" };
        var command = new Command(name, description) { config, duration, json, recordDir, raw };
        // A trading session writes the run as a backtest's --out does (record's --out is its recording).
        var runDir = kind == SessionKind.Record ? null : new Option<string?>("--out")
        {
            Description = "Write the run as backtest --out does (summary.json with the statistics, report.html, equity.csv, orders.csv, fills.csv), for compare; default [output] dir",
        };
        if (runDir is not null) command.Add(runDir);
        command.SetAction(r => CliFailure.Guard(() =>
            Run(r.GetValue(config)!, r.GetValue(duration), r.GetValue(json), kind, r.GetValue(recordDir), r.GetValue(raw), runDir is null ? null : r.GetValue(runDir))));
        return command;
    }

    private static int Run(string path, double? duration, bool json, SessionKind kind, string? recordDir, bool keepRaw, string? runDir)
    {
        bool forcePaper = kind == SessionKind.Paper;
        if (duration is { } d && !(d > 0 && d < 1e9)) throw new ArgumentException($"--duration: expected a positive number of seconds, got {d.ToString(CultureInfo.InvariantCulture)}");
        // The session's own registry (not the process's shared one), so a hot swap can unload the plugins it replaces.
        StrategyRegistry? registry = null;
        var settings = SettingsLoader.Load(path, registries: dir => registry = dir is null ? StrategyRegistry.BuiltIn : StrategyRegistry.Load(dir));
        if (settings.Mode == EngineMode.Backtest)
            throw new ArgumentException($"{path}: mode is \"backtest\"; run it with: backtest --config {path}");
        bool record = kind == SessionKind.Record;
        bool paper = !record && (forcePaper || settings.Mode == EngineMode.Paper);
        bool trading = !paper && !record;
        var venueNames = settings.Instruments.Select(i => i.Venue).Distinct(StringComparer.Ordinal).ToArray();
        if (venueNames.Length != 1)
            throw new ArgumentException($"{path}: the instruments are on {venueNames.Length} venues ({string.Join(", ", venueNames)}); a session trades on one venue for now");
        var venue = settings.Venues.First(v => v.Name == venueNames[0]);
        if (trading && venue is BinanceVenueSettings { Credentials: null } or BybitVenueSettings { Credentials: null })
            throw new ArgumentException($"{path}: venue {venue.Name} has no api_key/api_secret; live trading needs them (paper trading does not)");
        string? killFile = record ? null : settings.Live.KillFile;
        if (trading && killFile is not null && KillSwitchWatch.Read(killFile) is { } engaged)
            throw new ArgumentException($"{path}: the kill switch is engaged: {killFile} exists ({engaged}); trading stays halted until that file is removed");
        var kill = new KillSwitchLatch();

        using var log = EngineLogging.Create(settings.Logging.Level, settings.Logging.File);
        using var starting = new StartingHost();
        registry ??= StrategyRegistry.BuiltIn;
        foreach (var problem in registry.Problems) log.Warning("Plugin not loaded: {Problem}", problem.ToString());
        // Recording runs no strategy.
        var strategySettings = record ? [] : settings.Strategies;
        var instances = new Strategy?[strategySettings.Count];
        // Each strategy is made through its slot, which a hot swap points at the new build: nothing else holds the old one.
        var slots = new Func<Strategy>?[strategySettings.Count];
        var strategies = strategySettings
            .Select((s, k) =>
            {
                slots[k] = registry.Resolve(s.Kind, s.ToParameters());
                return new StrategySetup(s.Name, () => instances[k] = slots[k]!(), s.OnError);
            })
            .ToList();
        using var reload = new StrategyReload(Path.GetFullPath(path), null, strategySettings.Select(s => s.Name).ToArray(), slots, registry,
            settings.Live.CancelOnReload, log);
        var instruments = settings.Instruments.Select(i => i.ToInstrument().Validate()).ToArray();
        var b = settings.Backtest;
        var models = new VenueModels(ExchangeModels.Parse(b.Exchange), BacktestCommand.QueueModelFactory(b.Queue.Model), BacktestCommand.CreateLatency(b.Latency),
            FeeModels.Create(b.Fees.Model, b.Fees.Maker, b.Fees.Taker));
        using var recorder = recordDir is null ? null : new CollectorFileRecorder(Path.GetFullPath(recordDir), instruments);
        string? outDir = record ? null : runDir is not null ? Path.GetFullPath(runDir) : settings.Output.Dir;
        using var runFiles = outDir is null ? null : TradeJournal.Open(instruments, outDir);
        using var equityCsv = outDir is null ? null : new EquityCsvWriter(Path.Combine(outDir, "equity.csv"), instruments);
        using var journal = trading && settings.Journal.Enabled
            ? SessionJournal.Open(settings.Journal, $"live {Path.GetFullPath(path)} on {venue.Name} ({string.Join(", ", instruments.Select(i => i.Symbol))})", log)
            : null;
        var setup = new LiveSessionSetup
        {
            Journal = journal?.Writer,
            Instruments = instruments,
            Strategies = strategies,
            VenueName = venue.Name,
            Gateway = Gateway(venue, instruments, settings.Live, trading, recorder, kill, settings.Reconciliation.ToOptions()),
            EarlierJournal = journal?.Earlier,
            Risk = settings.Risk,
            Paper = paper ? models : null,
            Shadow = settings.Shadow.Enabled && !record ? ShadowOptionsOf(settings.Shadow, models) : null,
            Recorder = outDir is null ? null : BacktestCommand.RecorderOptions(settings.Output, equityCsv),
            TradeLog = runFiles,
        };
        var host = starting.Host;
        host.UseLogger(log, settings.Logging.Level);
        if (host.IsShuttingDown) throw new OperationCanceledException("the session was stopped before it started");

        string mode = record ? "recording" : paper ? "paper" : "live";
        log.Information("Starting a {Mode} session on {Venue} ({Symbols}), strategies {Strategies}", mode, venue.Name,
            string.Join(", ", instruments.Select(i => i.Symbol)), string.Join(", ", settings.Strategies.Select(s => s.Name)));
        BacktestResult result;
        var stopRequested = new ManualResetEvent(false);
        var stopped = new TaskCompletionSource();
        // Listening before the session connects: a port in use stops live before anything is traded. Until the
        // session exists, /health says the loop is unavailable.
        LiveSession? running = null;
        using var endpoint = settings.Metrics.Enabled ? StartMetrics(settings.Metrics, t => Volatile.Read(ref running)?.Snapshot(t), log) : null;
        using (var session = new LiveSession(setup, host.System))
        using (var killSwitch = new SessionKillSwitch(kill, killFile, reason =>
               {
                   session.Health.Raise(Hft.Core.Health.HealthReasons.KillSwitch, reason);
                   session.EngageKillSwitch(reason);
               }, trading ? () => KillSwitchVenues.Create(venue, settings.Live) : null,
                   instruments.Select(i => i.Symbol).ToArray(), settings.Live.ClientOrderPrefix, log))
        using (var resets = new SessionRequestWatch(killFile is null ? null : SessionRequestWatch.ResetFileFor(killFile),
                   how => { log.Warning("Circuit breaker reset asked: {How}", how); session.ResetBreakers("reset by " + how); }, SessionRequestWatch.SigUsr2OnLinux))
        using (var reloads = AttachReload(reload, session, record ? null : killFile, settings, log))
        // A journal that cannot be written (a full disk) halts trading as the kill switch does: nothing unrecorded goes on.
        using (var journalWatch = new Timer(_ =>
               {
                   if (journal?.Writer.Failure is { } broken) killSwitch.Engage($"the journal {journal.Writer.Path} cannot be written: {broken.Message}");
               }, null, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200)))
        using (var status = settings.Metrics.StatusLine ? StatusLine.OnTerminal(mode, settings.Metrics.StaleFeedMs, session.Snapshot) : null)
        {
            Volatile.Write(ref running, session);
            // Ctrl-C or SIGTERM: the shutdown waits (in its first phase) until the session has cancelled and stopped.
            host.OnShutdown("stop-live-session", () =>
            {
                stopRequested.Set();
                return stopped.Task;
            });
            try
            {
                session.Wait(stopRequested, duration is { } s ? TimeSpan.FromSeconds(s) : Timeout.InfiniteTimeSpan);
                if (session.Failure is { } failure) throw Unwrap(failure);
                // The kill switch's own cancels finish first: the summary then counts what they left.
                if (!killSwitch.Cancels.Wait(TimeSpan.FromSeconds(15))) log.Warning("The kill switch's cancels did not finish within 15 s");
                log.Information("Stopping the {Mode} session{Cancel}", mode, settings.Live.CancelOnStop ? "; cancelling open orders" : "");
                result = session.Stop(settings.Live.CancelOnStop, TimeSpan.FromSeconds(15));
                if (journal is not null && !journal.Stop()) log.Error("Journal {Path}: not everything could be made durable ({Problem})", journal.Writer.Path,
                    journal.Writer.Failure?.Message ?? "timed out");
                if (session.Failure is { } late) throw Unwrap(late);
            }
            finally
            {
                stopped.TrySetResult();
                status?.Dispose();
            }
            if (record) Console.Error.WriteLine($"{result.Events:N0} rows from {session.Gateway.Frames:N0} frames");
            else Print(result, session, settings, instances, json, paper, kill.Reason, journal?.Writer);
            if (outDir is not null && runFiles is not null)
            {
                runFiles.Complete();
                BacktestReport.Write(outDir, result, new RunDescription($"{mode} session: {BacktestCommand.Title(settings)}", BacktestCommand.ConfigurationPairs(paper ? settings with { Mode = EngineMode.Paper } : settings)));
                log.Information("Wrote summary.json, report.html, equity.csv ({Samples} rows), orders.csv ({Orders} rows) and fills.csv ({Fills} rows) to {Dir}",
                    equityCsv?.Rows ?? 0, runFiles.OrderRows, runFiles.FillRows, outDir);
            }
        }
        if (recorder is not null) RecordedFiles.Convert(recorder, venue.Kind, keepRaw, json && record, log);
        return 0;
    }

    // Hot swap: the reload file (written by `reload CONFIG`) and, with reload_on_change, changes of the plugins or the config.
    private static IDisposable AttachReload(StrategyReload reload, LiveSession session, string? killFile, EngineSettings settings, Serilog.ILogger log)
    {
        reload.Attach(session);
        var file = new SessionRequestWatch(killFile is null ? null : SessionRequestWatch.ReloadFileFor(killFile),
            says => reload.Apply(ReloadRequest.StrategyOf(says), "reload file: " + says.Trim()));
        if (!settings.Live.ReloadOnChange || killFile is null) return file;
        var changes = new StrategySourceWatch(settings.PluginsDir, reload.ConfigPath, what => reload.Apply(null, what), log);
        return new Disposables(file, changes);
    }

    private static void WriteShadow(System.Text.Json.Utf8JsonWriter w, Hft.Engine.Shadow.ShadowVenue? shadow)
    {
        if (shadow is null)
        {
            w.WriteNull("shadow");
            return;
        }
        var s = shadow.Statistics;
        void Number(string name, double value)
        {
            if (double.IsFinite(value)) w.WriteNumber(name, value);
            else w.WriteNull(name);
        }
        w.WriteStartObject("shadow");
        w.WriteNumber("orders", s.Orders);
        w.WriteNumber("compared", s.Compared);
        w.WriteNumber("diverged", s.Diverged);
        w.WriteNumber("quantity_diverged", s.QuantityDiverged);
        w.WriteNumber("price_diverged", s.PriceDiverged);
        w.WriteNumber("time_diverged", s.TimeDiverged);
        w.WriteNumber("divergence", s.Divergence);
        w.WriteNumber("max_divergence", s.MaxDivergence);
        w.WriteNumber("venue_filled", s.VenueFilled);
        w.WriteNumber("model_filled", s.ModelFilled);
        w.WriteNumber("refused", s.Refused);
        w.WriteNumber("unanswered", s.Unanswered);
        w.WriteNumber("not_compared", shadow.OpenOrders);
        Number("mean_latency_difference_us", s.MeanLatencyDifference / 1e3);
        Number("mean_fill_time_difference_ms", s.MeanFillTimeDifference / 1e6);
        Number("mean_venue_queue_ms", s.MeanVenueQueueTime / 1e6);
        Number("mean_model_queue_ms", s.MeanModelQueueTime / 1e6);
        w.WriteEndObject();
    }

    private static string ShadowLine(Hft.Engine.Shadow.ShadowVenue shadow)
    {
        var s = shadow.Statistics;
        var c = CultureInfo.InvariantCulture;
        string Ms(double ns) => double.IsFinite(ns) ? (ns / 1e6).ToString("0.###", c) + " ms" : "n/a";
        return string.Create(c, $"shadow         {s.Compared} of {s.Orders} orders compared, {s.Diverged} diverged ({s.QuantityDiverged} quantity, {s.PriceDiverged} price, {s.TimeDiverged} time); ") +
               string.Create(c, $"divergence {s.Divergence:0.####} (max {s.MaxDivergence:0.####}); filled: venue {s.VenueFilled}, model {s.ModelFilled}; ") +
               $"latency venue - model {Ms(s.MeanLatencyDifference)}; queue time venue {Ms(s.MeanVenueQueueTime)}, model {Ms(s.MeanModelQueueTime)}";
    }

    private static Hft.Engine.Shadow.ShadowOptions ShadowOptionsOf(ShadowSettings s, VenueModels models) =>
        new(models, s.Window, (long)(s.FillTimeToleranceMs * 1e6), (long)(s.AnswerTimeoutMs * 1e6), (long)(s.ReorderMs * 1e6), s.MinOrders);

    private static MetricsEndpoint StartMetrics(MetricsSettings metrics, Func<TimeSpan, SessionSnapshot?> snapshot, Serilog.ILogger log)
    {
        var endpoint = new MetricsEndpoint(metrics.Port, metrics.StaleFeedMs, snapshot, log);
        log.Information("Metrics on {Address}metrics, health on {Address}health", endpoint.Address, endpoint.Address);
        return endpoint;
    }

    private static Exception Unwrap(Exception failure) =>
        failure is Hft.Exchanges.Common.VenueStartException ? new ArgumentException(failure.Message, failure) : failure;

    private static void Print(BacktestResult result, LiveSession session, EngineSettings settings, Strategy?[] instances, bool json, bool paper, string? killed,
        Hft.Core.Journal.JournalWriter? journal)
    {
        string strategyNames = string.Join(",", settings.Strategies.Select(s => s.Name));
        var notQuoting = NotQuoting.Collect(settings.Strategies.Select(s => s.Name).ToArray(), instances, result.Orders);
        var g = session.Gateway;
        int open = paper ? 0 : g.OpenOrdersAtExit;
        var positions = g.VenuePositions.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
        int localOpen = Enumerable.Range(0, session.Accounts.Count).Sum(i => session.Accounts[i].Orders.All.Count(o => o.IsActive));
        if (json)
        {
            Console.Out.WriteLine(BacktestCommand.ToJson(result, strategyNames, null, notQuoting, w =>
            {
                w.WriteString("mode", paper ? "paper" : "live");
                if (open >= 0) w.WriteNumber("open_orders_at_exit", open);
                else w.WriteNull("open_orders_at_exit");
                w.WriteStartObject("venue_positions");
                foreach (var (symbol, position) in positions) w.WriteNumber(symbol, position);
                w.WriteEndObject();
                w.WriteNumber("book_resyncs", g.Resyncs);
                w.WriteNumber("reconnects", g.Reconnects);
                w.WriteNumber("bad_messages", g.BadMessages);
                w.WriteNumber("venue_rejects", g.Rejected);
                w.WriteNumber("unknown_outcomes", g.UnknownOutcomes);
                w.WriteNumber("rate_limited", g.RateLimited);
                if (killed is not null) w.WriteString("kill_switch", killed);
                else w.WriteNull("kill_switch");
                if (journal is not null)
                {
                    w.WriteStartObject("journal");
                    w.WriteString("path", journal.Path);
                    w.WriteNumber("records", journal.Appended);
                    w.WriteNumber("durable", journal.Durable);
                    w.WriteEndObject();
                }
                else w.WriteNull("journal");
                w.WriteNumber("local_open_orders", localOpen);
                if (!paper)
                {
                    var rc = g.Reconciliation;
                    w.WriteStartObject("reconciliation");
                    w.WriteNumber("runs", rc.Runs);
                    w.WriteNumber("failures", rc.Failures);
                    w.WriteNumber("adopted", rc.Adopted);
                    w.WriteNumber("resolved", rc.Resolved);
                    w.WriteNumber("unknown_orders", rc.UnknownOrders);
                    w.WriteNumber("position_differences", rc.PositionDifferences);
                    w.WriteNumber("adjusted", rc.Adjusted);
                    if (rc.LastProblem is { } problem) w.WriteString("last_problem", problem);
                    else w.WriteNull("last_problem");
                    w.WriteEndObject();
                }
                WriteShadow(w, session.Shadow);
                var rec = session.Recovered;
                w.WriteStartObject("recovered");
                w.WriteNumber("sessions", rec.Sessions);
                w.WriteNumber("fills", rec.Fills);
                w.WriteNumber("open_orders", rec.OpenOrders.Count);
                w.WriteBoolean("ended_cleanly", rec.EndedCleanly);
                w.WriteEndObject();
            }));
            return;
        }
        var c = CultureInfo.InvariantCulture;
        var extra = new List<string>
        {
            $"open orders    {(open >= 0 ? open.ToString(c) : "unknown (the venue could not be asked)")} at exit",
            $"venue          resyncs {g.Resyncs}  reconnects {g.Reconnects}  bad messages {g.BadMessages}  rejects {g.Rejected}  unknown outcomes {g.UnknownOutcomes}  rate limited {g.RateLimited}",
        };
        foreach (var (symbol, position) in positions) extra.Add($"{symbol,-14} venue position {position.ToString(c)}");
        if (killed is not null) extra.Add($"kill switch    engaged: {killed}");
        if (journal is not null) extra.Add($"journal        {journal.Path}: {journal.Appended} records this session, {journal.Durable} durable");
        if (session.Recovered.Sessions > 0)
            extra.Add($"recovered      {session.Recovered.Fills} fills and {session.Recovered.OpenOrders.Count} open orders from {session.Recovered.Sessions} earlier sessions" +
                      (session.Recovered.EndedCleanly ? "" : " (the last one did not stop cleanly)"));
        if (session.Shadow is { } shadow) extra.Add(ShadowLine(shadow));
        if (!paper)
        {
            var rc = g.Reconciliation;
            extra.Add($"reconciled     {rc.Runs} times: {rc.Adopted} orders adopted, {rc.Resolved} resolved, {rc.UnknownOrders} not ours, " +
                      $"{rc.PositionDifferences} position differences ({rc.Adjusted} adjusted), {rc.Failures} failed" +
                      (rc.LastProblem is { } lp ? $"; last: {lp}" : ""));
        }
        Console.Out.WriteLine(BacktestCommand.ToText(result, null, notQuoting, extra));
    }

    private static Func<GatewayContext, ActorBase> BinanceGateway(BinanceVenueSettings v, Instrument[] instruments, LiveSettings live, bool trading,
        IRawFrameRecorder? recorder, KillSwitchLatch kill, ReconciliationOptions reconciliation, Func<BinanceGatewayOptions, IBinanceMarket> market)
    {
        var options = VenueOptions.Binance(v, live, trading, kill, reconciliation);
        return context => new BinanceGateway(options, market(options), instruments, context.Books, context.BookEntries, context.ExchangeSide,
            context.Loop, context.Statistics, context.Recovery, recorder);
    }

    private static Func<GatewayContext, ActorBase> Gateway(VenueSettings venue, Instrument[] instruments, LiveSettings live, bool trading,
        IRawFrameRecorder? recorder, KillSwitchLatch kill, ReconciliationOptions reconciliation) => venue switch
    {
        BinanceVenueSettings { Kind: VenueKind.BinanceFutures } v => BinanceGateway(v, instruments, live, trading, recorder, kill, reconciliation, o => new FuturesMarket(o)),
        BinanceVenueSettings { Kind: VenueKind.BinanceSpot } v => BinanceGateway(v, instruments, live, trading, recorder, kill, reconciliation, o => new SpotMarket(o)),
        BybitVenueSettings v => BybitGateway(v, instruments, live, trading, recorder, kill, reconciliation),
        _ => throw new ArgumentException($"venue {venue.Name}: live trading on {venue.Kind} is not built yet"),
    };

    private static Func<GatewayContext, ActorBase> BybitGateway(BybitVenueSettings v, Instrument[] instruments, LiveSettings live, bool trading,
        IRawFrameRecorder? recorder, KillSwitchLatch kill, ReconciliationOptions reconciliation)
    {
        var options = VenueOptions.Bybit(v, live, trading, kill, reconciliation);
        return context => new BybitGateway(options, instruments, context.Books, context.BookEntries, context.ExchangeSide,
            context.Loop, context.Statistics, context.Recovery, recorder);
    }
}
