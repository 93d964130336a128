using System.CommandLine;
using System.Globalization;
using Hft.Backtest.Data;
using Hft.Backtest.Data.Validation;
using Hft.Backtest.Feed;
using Hft.Backtest.Models.Fees;
using Hft.Backtest.Models.Latency;
using Hft.Backtest.Models.Queue;
using Hft.Backtest.Recording;
using Hft.Backtest.Reports;
using Hft.Backtest.Runs;
using Hft.Backtest.Venue;
using Hft.Backtest.Statistics;
using Directive = Akka.Actor.Directive;
using Hft.Core.Markets;
using Hft.Core.Risk;
using Hft.Core.Strategies;
using Hft.Core.Time;
using Hft.Engine.Backtests;
using Hft.Engine.Config;
using Hft.Engine.Hosting;
using Hft.Engine.Plugins;
using Serilog.Events;

namespace Hft.Engine.Cli;

/// <summary>
/// <c>backtest [FILES...] [--config FILE]</c>: replays event files through the backtest graph and prints a summary.
/// Without <c>--config</c> every setting comes from the options (and their defaults). With it, the file gives
/// instruments, data, strategies, models, limits and output, and only the options given explicitly override it.
/// </summary>
internal static class BacktestCommand
{
    // The options of one command instance, so the action and the tests resolve settings the same way.
    private sealed class Options
    {
        public readonly Argument<string[]> Files = new("files") { Arity = ArgumentArity.ZeroOrMore, Description = "hftbacktest .npz/.npy event files, replayed in the order given (optional when --config lists data)" };
        public readonly Option<string?> Config = new("--config") { Description = "TOML configuration with mode = \"backtest\" (see docs/configuration.md); options given on the command line override it" };
        public readonly Option<string> Strategy = new("--strategy") { Description = $"Strategy to run: {string.Join(", ", StrategyRegistry.BuiltIn.Names)} or a plugin's (see the strategies command)", DefaultValueFactory = _ => "grid" };
        public readonly Option<string[]> Param = new("--param") { Description = "Strategy parameter KEY=VALUE (repeatable)", AllowMultipleArgumentsPerToken = false };
        public readonly Option<string?> Output = new("--out") { Description = "Directory for summary.json, report.html, equity.csv, orders.csv and fills.csv" };
        public readonly Option<double> RecordInterval = new("--record-interval-ms") { Description = "Recorder sampling interval in event time (ms); every fill is sampled too", DefaultValueFactory = _ => 100.0 };
        public readonly Option<double> StatsInterval = new("--stats-interval-s") { Description = "Resampling interval of the Sharpe and Sortino ratios (s)", DefaultValueFactory = _ => 10.0 };
        public readonly Option<double> DaysPerYear = new("--days-per-year") { Description = "Days per year for annualising (365 for crypto, 252 for trading days)", DefaultValueFactory = _ => 365.0 };
        public readonly Option<double?> BookSize = new("--book-size") { Description = "Capital for the relative figures (return, relative drawdown, turnover)" };
        public readonly Option<bool> Json = new("--json") { Description = "Print one JSON object on standard output (logs go to standard error)" };
        public readonly Option<string> Symbol = new("--symbol") { Description = "Instrument symbol", DefaultValueFactory = _ => "SIMUSDT" };
        public readonly Option<double> Tick = new("--tick-size") { Description = "Price increment", DefaultValueFactory = _ => 0.01 };
        public readonly Option<double> Lot = new("--lot-size") { Description = "Quantity increment", DefaultValueFactory = _ => 0.01 };
        public readonly Option<string> Contract = new("--contract") { Description = "linear, inverse or spot (no short position)", DefaultValueFactory = _ => "linear" };
        public readonly Option<double> ContractSize = new("--contract-size") { Description = "Contract multiplier", DefaultValueFactory = _ => 1.0 };
        public readonly Option<double> Entry = new("--entry-latency-ms") { Description = "Order entry latency (ms)", DefaultValueFactory = _ => 1.0 };
        public readonly Option<double> Response = new("--response-latency-ms") { Description = "Order response latency (ms)", DefaultValueFactory = _ => 1.0 };
        public readonly Option<string[]> LatencyFile = new("--latency-file") { Description = "Recorded order latencies (req_ts, exch_ts, resp_ts rows) to interpolate, instead of constant latencies (repeatable)", AllowMultipleArgumentsPerToken = false };
        public readonly Option<string> Exchange = new("--exchange") { Description = "Fill rules: " + string.Join(", ", ExchangeModels.Names), DefaultValueFactory = _ => "no-partial-fill" };
        public readonly Option<string> Queue = new("--queue-model") { Description = "Queue position model: " + string.Join(", ", QueueModels.Names), DefaultValueFactory = _ => "risk-averse" };
        public readonly Option<double> Maker = new("--maker-fee") { Description = "Maker fee (negative = rebate): a fraction of traded value, or with --fee-model an amount per unit of quantity or per execution", DefaultValueFactory = _ => -0.00005 };
        public readonly Option<double> Taker = new("--taker-fee") { Description = "Taker fee: a fraction of traded value, or with --fee-model an amount per unit of quantity or per execution", DefaultValueFactory = _ => 0.0007 };
        public readonly Option<string> FeeModel = new("--fee-model") { Description = "How fees are charged: " + string.Join(", ", FeeModels.Names) + " (fee = rate x value, rate x quantity, or an amount per execution)", DefaultValueFactory = _ => FeeModels.TradingValue };
        public readonly Option<string?> Snapshot = new("--initial-snapshot") { Description = "Event file whose rows set the starting book" };
        public readonly Option<double> MaxPosition = new("--max-position") { Description = "Risk: largest absolute position", DefaultValueFactory = _ => double.PositiveInfinity };
        public readonly Option<double> MaxOrder = new("--max-order-qty") { Description = "Risk: largest order quantity", DefaultValueFactory = _ => double.PositiveInfinity };
        public readonly Option<string> OnDataError = new("--on-data-error") { Description = "stop at a market-by-order row the reference refuses (add of a resting id; cancel, modify or fill of an unknown id), or skip such rows, count and report them", DefaultValueFactory = _ => "stop" };
        public readonly Option<string> OnError = new("--on-strategy-error") { Description = "restart, resume or stop a strategy that throws", DefaultValueFactory = _ => "restart" };
        public readonly Option<bool> Verbose = new("--verbose") { Description = "More logging" };
        public readonly Option<string?> Plugins = new("--plugins") { Description = "Plugins folder (default: plugins/ beside the config file or in the working directory)" };
    }

    public static Command Create() => Build().Command;

    private static (Command Command, Options Options) Build()
    {
        var o = new Options();
        var command = new Command("backtest", "Replay event files through the actor graph with a simulated venue")
        {
            o.Files, o.Config, o.Strategy, o.Param, o.Output, o.RecordInterval, o.StatsInterval, o.DaysPerYear, o.BookSize, o.Json, o.Symbol, o.Tick, o.Lot, o.Contract, o.ContractSize, o.Entry, o.Response,
            o.LatencyFile, o.Exchange, o.Queue, o.Maker, o.Taker, o.FeeModel, o.Snapshot, o.MaxPosition, o.MaxOrder, o.OnError, o.OnDataError, o.Verbose, o.Plugins,
        };
        command.SetAction(r => CliFailure.Guard(() => Run(Resolve(r, o), r.GetValue(o.Json))));
        return (command, o);
    }

    /// <summary>The settings a <c>backtest</c> command line would run with (for tests): the config merged with the options.</summary>
    internal static EngineSettings Resolve(params string[] args)
    {
        var (command, o) = Build();
        var r = command.Parse(args);
        if (r.Errors.Count > 0) throw new ArgumentException(string.Join("; ", r.Errors.Select(e => e.Message)));
        return Resolve(r, o);
    }

    private static EngineSettings Resolve(ParseResult r, Options o)
    {
        string? configPath = r.GetValue(o.Config);
        string? plugins = r.GetValue(o.Plugins);
        if (plugins is not null && !Directory.Exists(plugins)) throw new ArgumentException($"--plugins: no such directory '{plugins}'");
        EngineSettings settings;
        if (configPath is not null)
        {
            settings = SettingsLoader.Load(configPath, pluginsDirectory: plugins);
            if (settings.Mode != EngineMode.Backtest)
                throw new ArgumentException($"--config: {configPath} is a {SettingsBinder.NameOf(settings.Mode)} configuration; backtest needs mode = \"backtest\"");
        }
        else
        {
            // No file: every option applies with its default, exactly as before configuration files existed.
            settings = new EngineSettings
            {
                Mode = EngineMode.Backtest,
                Instruments = [new InstrumentSettings("SIMUSDT", "sim", 0.01, 0.01, ContractKind.Linear, 1.0, [], null)],
                Strategies = [new StrategySettings("grid", "grid", Directive.Restart, [])],
                PluginsDir = plugins is not null ? Path.GetFullPath(plugins) : PluginFolders.FindDefault(null),
            };
        }
        // With a file, an option counts only if the user typed it; a default must not override the file.
        bool Use(Option option) => configPath is null || r.GetResult(option) is { Implicit: false };

        string[] files = r.GetValue(o.Files) ?? [];
        var instrumentOptions = new Option[] { o.Symbol, o.Tick, o.Lot, o.Contract, o.ContractSize, o.Snapshot }.Where(Use).ToList();
        if (instrumentOptions.Count > 0 || files.Length > 0)
        {
            if (settings.Instruments.Count != 1)
            {
                string what = instrumentOptions.Count > 0 ? instrumentOptions[0].Name : "event files";
                throw new ArgumentException($"{what}: the config defines {settings.Instruments.Count} instruments; command-line instrument settings apply to a single one, so edit the file instead");
            }
            var i = settings.Instruments[0];
            if (Use(o.Symbol)) i = i with { Symbol = r.GetValue(o.Symbol)! };
            if (Use(o.Tick)) i = i with { TickSize = r.GetValue(o.Tick) };
            if (Use(o.Lot)) i = i with { LotSize = r.GetValue(o.Lot) };
            if (Use(o.Contract)) i = i with { Contract = ParseContract(r.GetValue(o.Contract)!) };
            if (Use(o.ContractSize)) i = i with { ContractSize = r.GetValue(o.ContractSize) };
            if (Use(o.Snapshot)) i = i with { InitialSnapshot = r.GetValue(o.Snapshot) };
            if (files.Length > 0) i = i with { Data = files };
            settings = settings with { Instruments = [i] };
        }

        var pairs = ParsePairs(r.GetValue(o.Param) ?? []);
        if (Use(o.Strategy))
        {
            string kind = r.GetValue(o.Strategy)!;
            var onError = settings.Strategies.Count > 0 ? settings.Strategies[0].OnError : Directive.Restart;
            settings = settings with { Strategies = [new StrategySettings(kind, kind, onError, pairs)] };
        }
        else if (pairs.Count > 0)
        {
            if (settings.Strategies.Count != 1)
                throw new ArgumentException($"--param: the config defines {settings.Strategies.Count} strategies; use --strategy to pick one, or edit the file");
            var s = settings.Strategies[0];
            // Appended, so a --param overrides the same key from the file (the last value wins).
            settings = settings with { Strategies = [s with { Parameters = [.. s.Parameters, .. pairs] }] };
        }
        if (Use(o.OnError))
        {
            var directive = ParseDirective(r.GetValue(o.OnError)!);
            settings = settings with { Strategies = settings.Strategies.Select(s => s with { OnError = directive }).ToList() };
        }

        var b = settings.Backtest;
        var latency = b.Latency;
        if (Use(o.Entry)) latency = latency with { EntryMs = r.GetValue(o.Entry) };
        if (Use(o.Response)) latency = latency with { ResponseMs = r.GetValue(o.Response) };
        if (Use(o.LatencyFile) && r.GetValue(o.LatencyFile) is { Length: > 0 })
        {
            var latencyFiles = r.GetValue(o.LatencyFile)!.Select(Path.GetFullPath).ToArray();
            latency = latency with { Model = LatencyModelKind.Interpolated, Files = latencyFiles, PerOperation = null };
        }
        var queue = b.Queue;
        if (Use(o.Queue)) queue = new QueueSettings(ParseQueueModel(r.GetValue(o.Queue)!));
        string exchange = b.Exchange;
        if (Use(o.Exchange)) exchange = ExchangeModels.NameOf(ExchangeModels.Parse(r.GetValue(o.Exchange)!));
        var fees = b.Fees;
        if (Use(o.FeeModel))
        {
            string model;
            try { model = FeeModels.Parse(r.GetValue(o.FeeModel)!); }
            catch (ArgumentException e) { throw new ArgumentException("--fee-model: " + e.Message); }
            if (model != fees.Model)
            {
                // The default rates are fractions of value; another model's amounts start at 0, as in a config file.
                fees = model == FeeModels.TradingValue ? new FeeSettings(Model: model) : new FeeSettings(0, 0, model);
            }
        }
        // Typed only: the options' defaults are rates of value, which would be wrong amounts for the other models.
        bool Typed(Option option) => r.GetResult(option) is { Implicit: false };
        if (fees.Model == FeeModels.TradingValue ? Use(o.Maker) : Typed(o.Maker)) fees = fees with { Maker = r.GetValue(o.Maker) };
        if (fees.Model == FeeModels.TradingValue ? Use(o.Taker) : Typed(o.Taker)) fees = fees with { Taker = r.GetValue(o.Taker) };
        var onDataError = b.OnDataError;
        if (Use(o.OnDataError))
        {
            string text = r.GetValue(o.OnDataError)!;
            onDataError = SettingsBinder.ParseDataErrorPolicy(text) ?? throw new ArgumentException($"--on-data-error: expected stop or skip, got '{text}'");
        }
        settings = settings with { Backtest = new BacktestSettings(latency, queue, fees, exchange, onDataError) };

        var risk = settings.Risk;
        if (Use(o.MaxOrder)) risk = risk with { MaxOrderQuantity = r.GetValue(o.MaxOrder) };
        if (Use(o.MaxPosition)) risk = risk with { MaxPosition = r.GetValue(o.MaxPosition) };
        settings = settings with { Risk = risk };

        var output = settings.Output;
        if (Use(o.Output)) output = output with { Dir = r.GetValue(o.Output) };
        if (Use(o.RecordInterval))
        {
            double ms = r.GetValue(o.RecordInterval);
            if (!SettingsBinder.IsRecordInterval(ms)) throw new ArgumentException($"--record-interval-ms: must be between 0.0001 and 86400000, got {ms.ToString(CultureInfo.InvariantCulture)}");
            output = output with { RecordIntervalMs = ms };
        }
        if (Use(o.StatsInterval))
        {
            double sec = r.GetValue(o.StatsInterval);
            if (!SettingsBinder.IsStatsInterval(sec)) throw new ArgumentException($"--stats-interval-s: must be between 0.001 and 86400, got {sec.ToString(CultureInfo.InvariantCulture)}");
            output = output with { StatsIntervalS = sec };
        }
        if (Use(o.DaysPerYear))
        {
            double days = r.GetValue(o.DaysPerYear);
            if (!(days > 0 && days <= 366)) throw new ArgumentException($"--days-per-year: must be between 0 and 366, got {days.ToString(CultureInfo.InvariantCulture)}");
            output = output with { DaysPerYear = days };
        }
        if (r.GetValue(o.BookSize) is { } book)
        {
            if (!(book > 0 && double.IsFinite(book))) throw new ArgumentException($"--book-size: must be a positive number, got {book.ToString(CultureInfo.InvariantCulture)}");
            output = output with { BookSize = book };
        }
        settings = settings with { Output = output };
        if (Use(o.Verbose)) settings = settings with { Logging = settings.Logging with { Level = r.GetValue(o.Verbose) ? LogEventLevel.Debug : LogEventLevel.Information } };
        return settings;
    }

    private static List<KeyValuePair<string, string>> ParsePairs(IEnumerable<string> pairs)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var pair in pairs)
        {
            int eq = pair.IndexOf('=');
            if (eq <= 0) throw new FormatException($"--param '{pair}': expected KEY=VALUE");
            list.Add(new(pair[..eq].Trim(), pair[(eq + 1)..].Trim()));
        }
        return list;
    }

    private static int Run(EngineSettings settings, bool json)
    {
        using var log = EngineLogging.Create(settings.Logging.Level, settings.Logging.File);
        BacktestPlan.RequireData(settings);
        // The actor system's cold start overlaps with loading plugins and opening the data. (Beginning it before the
        // command line is parsed measured no faster on two cores, and made every bad command line wait for Akka.)
        using var starting = new StartingHost();
        var registry = StrategyRegistry.Shared(settings.PluginsDir);
        foreach (var problem in registry.Problems) log.Warning("Plugin not loaded: {Problem}", problem.ToString());
        var instruments = BacktestPlan.Instruments(settings);
        var setups = new List<InstrumentSetup>();
        var validators = new List<MarketByOrderValidator>();
        long rows = 0;
        for (int k = 0; k < instruments.Length; k++)
        {
            var i = settings.Instruments[k];
            MarketEvent[]? initial = i.InitialSnapshot is { } snapPath ? EventFileReader.ReadAll(snapPath) : null;
            var files = new FileBlockSource(i.Data);
            rows += files.TotalRows;
            // Market-by-order rows are checked as they are taken, so the run itself needs no change.
            var validator = new MarketByOrderValidator(settings.Backtest.OnDataError);
            if (initial is not null) validator.Seed(initial);
            validators.Add(validator);
            var source = new ValidatedBlockSource(files, validator);
            setups.Add(new InstrumentSetup(instruments[k], () => source, initial));
        }
        // The journal and the recorder only run when their files are wanted; both stream to disk as the run goes.
        string? outDir = settings.Output.Dir;
        using var journal = outDir is null ? null : TradeJournal.Open(instruments, outDir);
        using var equityCsv = outDir is null ? null : new EquityCsvWriter(Path.Combine(outDir, "equity.csv"), instruments);
        var recorder = outDir is null ? null : RecorderOptions(settings.Output, equityCsv);
        var plan = BacktestPlan.Create(settings, registry, setups, journal, recorder);
        var setup = plan.Setup;
        string strategyNames = plan.StrategyNames;
        BacktestResult result;
        var host = starting.Host;
        host.UseLogger(log, settings.Logging.Level);
        setup = setup with { System = host.System };
        if (host.IsShuttingDown) throw new OperationCanceledException("the backtest was stopped before its replay started");
        using (var run = StartRun(setup, host))
        {
            // Ctrl-C ends the replay where it is; what was replayed so far is still reported and written.
            host.OnShutdown("stop-backtest", run.Loop.RequestStop);
            log.Information("Backtest of {Files} file(s), {Rows:N0} rows, strategy {Strategy}", settings.Instruments.Sum(i => i.Data.Count), rows, strategyNames);
            result = BacktestProgress.Execute(run, rows, show: !json && BacktestProgress.CanShow);
        }
        if (outDir is not null && journal is not null)
        {
            journal.Complete();
            var description = new RunDescription(Title(settings), ConfigurationPairs(settings));
            BacktestReport.Write(outDir, result, description);
            log.Information("Wrote summary.json, report.html, equity.csv ({Samples} rows), orders.csv ({Orders} rows) and fills.csv ({Fills} rows) to {Dir}",
                equityCsv?.Rows ?? 0, journal.OrderRows, journal.FillRows, outDir);
        }
        var skipped = settings.Backtest.OnDataError == DataErrorPolicy.Skip ? new SkippedRows(settings.Instruments, validators) : null;
        skipped?.Log(log);
        var notQuoting = plan.NotQuoting(result);
        Console.Out.WriteLine(json ? ToJson(result, strategyNames, skipped, notQuoting) : ToText(result, skipped, notQuoting));
        return 0;
    }

    private static BacktestRun StartRun(BacktestSetup setup, EngineHost host)
    {
        try
        {
            return new BacktestRun(setup);
        }
        catch (Exception) when (host.IsShuttingDown)
        {
            throw new OperationCanceledException("the backtest was stopped before its replay started");
        }
    }

    /// <summary>The recorder's settings from <c>[output]</c>.</summary>
    internal static RecorderOptions RecorderOptions(OutputSettings output, IRecordSink? sink) => new()
    {
        IntervalNanos = (long)Math.Round(output.RecordIntervalMs * 10_000) * 100,
        Statistics = new StatisticsOptions
        {
            IntervalNanos = (long)Math.Round(output.StatsIntervalS * Nanos.PerSecond),
            DaysPerYear = output.DaysPerYear,
            BookSize = output.BookSize,
        },
        Sink = sink,
    };

    internal static string Title(EngineSettings settings) =>
        string.Join(", ", settings.Strategies.Select(s => s.Name == s.Kind ? s.Kind : $"{s.Name} ({s.Kind})")) + " on " +
        string.Join(", ", settings.Instruments.Select(i => i.Symbol));

    /// <summary>
    /// The resolved settings as dotted key–value pairs (TOML values), for the reports. <c>output.dir</c> is left out:
    /// it says where the report is, not how the run went, and two copies of a run must give the same files.
    /// </summary>
    internal static IReadOnlyList<KeyValuePair<string, string>> ConfigurationPairs(EngineSettings settings)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        Flatten(SettingsWriter.ToToml(settings), "", pairs);
        return pairs.Where(p => p.Key != "output.dir").ToList();
    }

    private static void Flatten(object value, string prefix, List<KeyValuePair<string, string>> pairs)
    {
        switch (value)
        {
            case Tomlyn.Model.TomlTable table:
                foreach (var (key, item) in table) Flatten(item!, prefix.Length == 0 ? key : prefix + "." + key, pairs);
                break;
            case Tomlyn.Model.TomlTableArray array:
                for (int i = 0; i < array.Count; i++) Flatten(array[i]!, $"{prefix}[{i}]", pairs);
                break;
            default:
                pairs.Add(new(prefix, Hft.Engine.Config.Toml.TomlValueText.Format(value)));
                break;
        }
    }

    private static long Ms(double ms) => (long)Math.Round(ms * Nanos.PerMillisecond);

    internal static IOrderLatency CreateLatency(LatencySettings l) => l.Model switch
    {
        LatencyModelKind.Interpolated => IntpOrderLatency.Load(l.Files ?? [], l.OffsetNs),
        LatencyModelKind.PerOperation when l.PerOperation is { } p => new PerOperationLatency(Ms(p.SubmitMs), Ms(p.ModifyMs),
            Ms(p.CancelMs), Ms(p.SubmitResponseMs), Ms(p.ModifyResponseMs), Ms(p.CancelResponseMs), Ms(p.FillResponseMs)),
        _ => new ConstantLatency(Ms(l.EntryMs), Ms(l.ResponseMs)),
    };

    internal static ContractKind ParseContract(string text) => text.ToLowerInvariant() switch
    {
        "linear" => ContractKind.Linear,
        "inverse" => ContractKind.Inverse,
        "spot" => ContractKind.Spot,
        _ => throw new ArgumentException($"--contract: expected 'linear', 'inverse' or 'spot', got '{text}'"),
    };

    /// <summary>Checks a queue model name now, so a typo fails before the run; returns it normalised.</summary>
    internal static string ParseQueueModel(string name)
    {
        QueueModels.Resolve(name);
        return name.Trim().ToLowerInvariant();
    }

    internal static Func<IQueueModel> QueueModelFactory(string name) => QueueModels.Resolve(name);

    internal static Directive ParseDirective(string text) => text.ToLowerInvariant() switch
    {
        "restart" => Directive.Restart,
        "resume" => Directive.Resume,
        "stop" => Directive.Stop,
        _ => throw new ArgumentException($"--on-strategy-error: expected restart, resume or stop, got '{text}'"),
    };

    internal static string ToText(BacktestResult r, SkippedRows? skipped, IReadOnlyList<NotQuoting> notQuoting, IEnumerable<string>? extra = null)
    {
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            $"events         {r.Events.ToString("N0", c)}",
            $"event time     {Nanos.Format(r.FirstTime)} .. {Nanos.Format(r.LastTime)}",
            $"wall time      {r.WallSeconds.ToString("F3", c)} s",
            $"events/s       {r.EventsPerSecond.ToString("N0", c)}",
            $"orders         {r.Orders.ToString("N0", c)}",
            $"fills          {r.Fills.ToString("N0", c)}",
        };
        foreach (var i in r.Instruments)
        {
            lines.Add($"{i.Instrument.Symbol,-14} position {i.Position.ToString("G10", c)}  pnl {i.Equity.ToString("F4", c)}  fees {i.Fees.ToString("F4", c)}  volume {i.TradingVolume.ToString("G10", c)}  mid {i.LastMid.ToString("G10", c)}");
        }
        if (r.Recording is { } rec)
        {
            var p = rec.Portfolio;
            string F(string key) => MetricCatalog.Find(key)!.Format(MetricCatalog.Find(key)!.Read(p));
            lines.Add($"statistics     pnl {F("pnl")}  sharpe {F("sharpe")}  sortino {F("sortino")}  max drawdown {F("max_drawdown")}  fill ratio {F("fill_ratio")}");
        }
        foreach (var i in r.Instruments)
        {
            if (i.RiskRejections.Count > 0)
                lines.Add($"{i.Instrument.Symbol,-14} refused by risk {i.OrdersRejectedByRisk.ToString("N0", c)}: {string.Join(", ", i.RiskRejections.Select(k => $"{k.Key} {k.Value.ToString("N0", c)}"))}");
        }
        foreach (var t in r.BreakerTrips)
            lines.Add(t.Breaker == "reset"
                ? $"breaker reset  at {Nanos.Format(t.Time)}: {t.Reason}"
                : $"breaker        {t.Breaker} tripped at {Nanos.Format(t.Time)} -> {StateName(t.State)}: {t.Reason}");
        if (r.DeadLetters > 0) lines.Add($"dead letters   {r.DeadLetters}");
        if (skipped is not null) lines.AddRange(skipped.TextLines());
        foreach (var n in notQuoting) lines.Add($"never quoted   {n.Strategy}: {n.Reason}");
        if (extra is not null) lines.AddRange(extra);
        return string.Join(Environment.NewLine, lines);
    }

    private static string StateName(Hft.Core.Risk.TradingState state) => state switch
    {
        Hft.Core.Risk.TradingState.Halted => "halted",
        Hft.Core.Risk.TradingState.Reducing => "reducing",
        _ => "active",
    };

    internal static string ToJson(BacktestResult r, string strategy, SkippedRows? skipped, IReadOnlyList<NotQuoting> notQuoting,
        Action<System.Text.Json.Utf8JsonWriter>? extra = null) => Json.Object(w =>
    {
        w.WriteNumber("events", r.Events);
        w.Number("wall_seconds", r.WallSeconds);
        w.Number("events_per_second", r.EventsPerSecond);
        w.WriteNumber("orders", r.Orders);
        w.WriteNumber("fills", r.Fills);
        w.Number("position", r.Instruments.Sum(i => i.Position));
        w.Number("pnl", r.Instruments.Sum(i => i.Equity));
        w.Number("fees", r.Instruments.Sum(i => i.Fees));
        w.WriteString("strategy", strategy);
        w.WriteNumber("start_time", r.FirstTime);
        w.WriteNumber("end_time", r.LastTime);
        w.WriteNumber("messages", r.Messages);
        w.WriteNumber("dead_letters", r.DeadLetters);
        w.WriteStartArray("instruments");
        foreach (var i in r.Instruments)
        {
            w.WriteStartObject();
            w.WriteString("symbol", i.Instrument.Symbol);
            w.WriteNumber("orders", i.OrdersSent);
            w.WriteNumber("rejected_by_risk", i.OrdersRejectedByRisk);
            if (i.RiskRejections.Count > 0)
            {
                // Only when something was refused, so a run without refusals writes what it always wrote.
                w.WriteStartObject("rejected_by_reason");
                foreach (var (code, n) in i.RiskRejections) w.WriteNumber(code, n);
                w.WriteEndObject();
            }
            w.WriteNumber("fills", i.Fills);
            w.Number("position", i.Position);
            w.Number("balance", i.Balance);
            w.Number("fees", i.Fees);
            w.Number("trading_volume", i.TradingVolume);
            w.Number("trading_value", i.TradingValue);
            w.Number("last_mid", i.LastMid);
            w.Number("pnl", i.Equity);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (r.Recording is { } rec)
        {
            w.WriteStartObject("statistics");
            SummaryJson.Metrics(w, rec.Portfolio);
            w.WriteEndObject();
        }
        skipped?.WriteJson(w);
        if (r.BreakerTrips.Count > 0)
        {
            // Only when a breaker acted, so a run without breakers writes what it always wrote.
            w.WriteStartArray("breaker_trips");
            foreach (var t in r.BreakerTrips)
            {
                w.WriteStartObject();
                w.WriteNumber("time", t.Time);
                w.WriteString("breaker", t.Breaker);
                w.WriteString("state", StateName(t.State));
                w.WriteString("reason", t.Reason);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        if (notQuoting.Count > 0)
        {
            w.WriteStartArray("never_quoted");
            foreach (var n in notQuoting)
            {
                w.WriteStartObject();
                w.WriteString("strategy", n.Strategy);
                w.WriteString("reason", n.Reason);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        extra?.Invoke(w);
    });
}
