using Hft.Exchanges.Common.Reconciliation;
using Hft.Core.Risk;
using Hft.Core.Risk.Breakers;
using Hft.Core.Text;
using System.Globalization;

using Akka.Actor;
using Hft.Core.Markets;
using Hft.Core.Strategies;
using Hft.Engine.Config.Toml;
using Hft.Engine.Plugins;
using Serilog.Events;

namespace Hft.Engine.Config;

/// <summary>
/// Turns a parsed TOML document into <see cref="EngineSettings"/>. It does not stop at the first problem:
/// it binds everything it can and throws one <see cref="ConfigException"/> listing every unknown key, wrong
/// type, missing key, out-of-range value and unset environment variable, each at its line and column.
/// </summary>
public static class SettingsBinder
{
    private static readonly KeyValuePair<string, EngineMode>[] Modes =
        [new("backtest", EngineMode.Backtest), new("live", EngineMode.Live), new("paper", EngineMode.Paper)];

    private static readonly KeyValuePair<string, LogEventLevel>[] Levels =
    [
        new("verbose", LogEventLevel.Verbose), new("debug", LogEventLevel.Debug), new("information", LogEventLevel.Information),
        new("warning", LogEventLevel.Warning), new("error", LogEventLevel.Error), new("fatal", LogEventLevel.Fatal),
    ];

    private static readonly KeyValuePair<string, VenueKind>[] VenueKinds =
    [
        new("sim", VenueKind.Sim), new("binance-futures", VenueKind.BinanceFutures),
        new("binance-spot", VenueKind.BinanceSpot), new("bybit", VenueKind.Bybit),
    ];

    private static readonly KeyValuePair<string, ContractKind>[] Contracts =
        [new("linear", ContractKind.Linear), new("inverse", ContractKind.Inverse), new("spot", ContractKind.Spot)];

    private static readonly KeyValuePair<string, Directive>[] Directives =
        [new("restart", Directive.Restart), new("resume", Directive.Resume), new("stop", Directive.Stop)];

    private static readonly KeyValuePair<string, LatencyModelKind>[] LatencyModels =
        [new("constant", LatencyModelKind.Constant), new("per-operation", LatencyModelKind.PerOperation), new("interpolated", LatencyModelKind.Interpolated)];

    private static readonly KeyValuePair<string, int>[] FeeModels =
        Hft.Backtest.Models.Fees.FeeModels.Names.Select((n, i) => new KeyValuePair<string, int>(n, i)).ToArray();

    private static readonly KeyValuePair<string, Hft.Backtest.Data.Validation.DataErrorPolicy>[] DataErrorPolicies =
        [new("stop", Hft.Backtest.Data.Validation.DataErrorPolicy.Stop), new("skip", Hft.Backtest.Data.Validation.DataErrorPolicy.Skip)];

    /// <summary>The name a data-error policy is written as in a file and on the command line.</summary>
    public static string NameOf(Hft.Backtest.Data.Validation.DataErrorPolicy policy) => DataErrorPolicies.First(p => p.Value == policy).Key;

    /// <summary>The policy of a name (<c>stop</c> or <c>skip</c>), or null.</summary>
    public static Hft.Backtest.Data.Validation.DataErrorPolicy? ParseDataErrorPolicy(string text) =>
        DataErrorPolicies.FirstOrDefault(p => p.Key == text.Trim().ToLowerInvariant()) is { Key: not null } found ? found.Value : null;

    private static readonly KeyValuePair<string, int>[] ExchangeModels =
        Hft.Backtest.Venue.ExchangeModels.Names.Select((n, i) => new KeyValuePair<string, int>(n, i)).ToArray();

    // Index into the backtest's list of queue model names (Choice needs a value type).
    private static readonly KeyValuePair<string, int>[] QueueModels =
        Hft.Backtest.Models.Queue.QueueModels.Names.Select((n, i) => new KeyValuePair<string, int>(n, i)).ToArray();

    /// <summary>The name a mode is written as in a file.</summary>
    public static string NameOf(EngineMode mode) => Modes.First(m => m.Value == mode).Key;

    /// <summary>The name a venue kind is written as in a file.</summary>
    public static string NameOf(VenueKind kind) => VenueKinds.First(k => k.Value == kind).Key;

    /// <summary>The name a log level is written as in a file.</summary>
    public static string NameOf(LogEventLevel level) => Levels.First(l => l.Value == level).Key;

    /// <summary>The name a contract kind is written as in a file.</summary>
    public static string NameOf(ContractKind kind) => Contracts.First(c => c.Value == kind).Key;

    /// <summary>The name a supervision directive is written as in a file.</summary>
    public static string NameOf(Directive directive) => Directives.First(d => d.Value == directive).Key;

    /// <summary>The name a latency model is written as in a file.</summary>
    public static string NameOf(LatencyModelKind model) => LatencyModels.First(m => m.Value == model).Key;


    /// <summary>Binds <paramref name="root"/>; throws <see cref="ConfigException"/> with every problem found.</summary>
    /// <param name="root">The parsed document.</param>
    /// <param name="fileName">The file name used in problems.</param>
    /// <param name="baseDirectory">Where relative paths start; default: the directory of <paramref name="fileName"/>.</param>
    /// <param name="environment">Environment lookup for <c>${NAME}</c>; default: the process environment.</param>
    /// <param name="pluginsDirectory">A plugins folder that replaces the file's <c>plugins_dir</c> (<c>--plugins</c>); the caller checks it exists.</param>
    /// <param name="registries">
    /// The strategies available with a plugins folder (null: none), used to check <c>kind</c> and parameters; default:
    /// <see cref="StrategyRegistry.Shared"/>.
    /// </param>
    public static EngineSettings Bind(ConfigTable root, string fileName, string? baseDirectory = null, Func<string, string?>? environment = null,
        string? pluginsDirectory = null, Func<string?, StrategyRegistry>? registries = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(fileName);
        baseDirectory ??= Path.GetDirectoryName(Path.GetFullPath(fileName)) ?? Directory.GetCurrentDirectory();
        var context = new BindingContext(fileName, baseDirectory, environment ?? System.Environment.GetEnvironmentVariable);
        var r = new TableReader(context, root, "");

        var mode = r.Choice("mode", Modes, required: true);
        var logging = BindLogging(r.SubTable("logging"));
        var venues = r.TableArray("venues").Select(BindVenue).ToList();
        var instruments = r.TableArray("instruments").Select(BindInstrument).ToList();
        var risk = BindRisk(r.SubTable("risk"));
        var plugins = BindPluginsDir(r, pluginsDirectory);
        var registry = (registries ?? StrategyRegistry.Shared)(plugins);
        var strategies = r.TableArray("strategies").Select(t => BindStrategy(t, registry)).ToList();
        var backtestReader = r.SubTable("backtest");
        var backtest = BindBacktest(backtestReader);
        var output = BindOutput(r.SubTable("output"));
        var liveReader = r.SubTable("live");
        var live = BindLive(liveReader, context);
        var journalReader = r.SubTable("journal");
        var journal = BindJournal(journalReader, context);
        var reconciliationReader = r.SubTable("reconciliation");
        var reconciliation = BindReconciliation(reconciliationReader);
        var metricsReader = r.SubTable("metrics");
        var metrics = BindMetrics(metricsReader);
        var shadowReader = r.SubTable("shadow");
        var shadow = BindShadow(shadowReader);
        var cluster = BindCluster(r.SubTable("cluster"));
        r.Finish();

        CheckVenueNames(venues);
        ResolveInstrumentVenues(instruments, venues, mode);
        CheckStrategies(strategies);
        if (mode is { } m) CheckMode(r, m, venues, instruments, strategies, backtestReader, shadow.Enabled);
        if (mode == EngineMode.Backtest && liveReader is not null) r.Report("live", "the live session's settings are used only in live and paper modes, not in mode 'backtest'");
        if (mode == EngineMode.Backtest && journalReader is not null) r.Report("journal", "the journal is written only by live sessions, not in mode 'backtest'");
        if (mode == EngineMode.Backtest && reconciliationReader is not null)
            r.Report("reconciliation", "reconciliation with a venue happens only in live sessions, not in mode 'backtest'");
        if (mode == EngineMode.Backtest && shadowReader is not null) r.Report("shadow", "shadow trading runs beside a venue in live and paper sessions, not in mode 'backtest'");
        if (mode == EngineMode.Backtest && metricsReader is not null) r.Report("metrics", "the metrics endpoint is served only by live and paper sessions, not in mode 'backtest'");

        if (context.Problems.Count > 0)
        {
            // File order reads best; the sort is stable so problems at one spot keep the order they were found in.
            var sorted = context.Problems.OrderBy(p => p.Line).ThenBy(p => p.Column).ToList();
            throw new ConfigException(sorted);
        }
        return new EngineSettings
        {
            Mode = mode!.Value,
            Logging = logging,
            Venues = venues.Select(v => v.Settings!).ToList(),
            Instruments = instruments.Select(i => i.Settings! with { Venue = i.Venue! }).ToList(),
            Risk = risk,
            Strategies = strategies.Select(s => s.Settings!).ToList(),
            Backtest = backtest,
            Output = output,
            Live = live,
            Journal = journal,
            Reconciliation = reconciliation,
            Metrics = metrics,
            Shadow = shadow,
            Cluster = cluster,
            PluginsDir = plugins,
        };
    }

    // The plugins folder: --plugins, else plugins_dir (relative to the file), else plugins/ beside the file or in
    // the working directory when one exists.
    private static string? BindPluginsDir(TableReader r, string? pluginsDirectory)
    {
        var given = r.String("plugins_dir");
        if (pluginsDirectory is not null) return Path.GetFullPath(pluginsDirectory);
        if (given is not null)
        {
            string full = r.Context.ResolvePath(given);
            if (Directory.Exists(full)) return full;
            r.Report("plugins_dir", $"no such directory '{full}'");
            return null;
        }
        return PluginFolders.FindDefault(r.Context.BaseDirectory);
    }

    private static LoggingSettings BindLogging(TableReader? r)
    {
        if (r is null) return new LoggingSettings();
        var level = r.Choice("level", Levels) ?? LogEventLevel.Information;
        var file = r.String("file") is { } f ? r.Context.ResolvePath(f) : null;
        r.Finish();
        return new LoggingSettings(level, file);
    }

    // A venue as read, with what later checks need even when its settings could not be built.
    private sealed record BoundVenue(TableReader Reader, string? Name, VenueKind? Kind, VenueSettings? Settings, bool HasCredentials);

    private static BoundVenue BindVenue(TableReader r)
    {
        var kind = r.Choice("kind", VenueKinds, required: true);
        var name = r.String("name") ?? (kind is { } k ? NameOf(k) : null);
        if (r.Has("name") && name is not null) name = ValidName(r, "name", name);
        VenueSettings? settings = null;
        bool hasCredentials = false;
        switch (kind)
        {
            case VenueKind.Sim:
                settings = name is null ? null : new SimVenueSettings(name);
                break;
            case VenueKind.BinanceFutures or VenueKind.BinanceSpot:
            {
                var rest = Url(r, "rest_url", http: true);
                var ws = Url(r, "ws_url", http: false);
                Uri? wsApi = kind == VenueKind.BinanceSpot ? Url(r, "ws_api_url", http: false) : null;
                var credentials = Credentials(r, out hasCredentials);
                if (name is not null && rest is not null && ws is not null && (kind == VenueKind.BinanceFutures || wsApi is not null))
                    settings = new BinanceVenueSettings(name, kind.Value, rest, ws, wsApi, credentials);
                break;
            }
            case VenueKind.Bybit:
            {
                var rest = Url(r, "rest_url", http: true);
                var publicWs = Url(r, "public_ws_url", http: false);
                var privateWs = Url(r, "private_ws_url", http: false);
                var tradeWs = Url(r, "trade_ws_url", http: false);
                var category = r.String("category") ?? (r.Has("category") ? null : "linear");
                if (category is not null && category != "linear")
                {
                    r.Report("category", $"expected 'linear', got '{category}': the Bybit adapter trades USDT perpetuals (category linear) only");
                    category = null;
                }
                var credentials = Credentials(r, out hasCredentials);
                if (name is not null && rest is not null && publicWs is not null && privateWs is not null && tradeWs is not null && category is not null)
                    settings = new BybitVenueSettings(name, rest, publicWs, privateWs, tradeWs, category, credentials);
                break;
            }
            default:
                // Without a valid kind the venue's keys cannot be judged; the kind problem is the one to fix.
                r.AcceptAll();
                break;
        }
        r.Finish(kind is { } known ? $"a {NameOf(known)} venue" : null);
        return new BoundVenue(r, name, kind, settings, hasCredentials);
    }

    private static Uri? Url(TableReader r, string key, bool http)
    {
        var text = r.String(key, required: true);
        if (text is null) return null;
        string[] schemes = http ? ["https", "http"] : ["wss", "ws"];
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && schemes.Contains(uri.Scheme)) return uri;
        r.Report(key, $"expected an absolute {(http ? "https:// (or http://)" : "wss:// (or ws://)")} URL, got '{text}'");
        return null;
    }

    private static VenueCredentials? Credentials(TableReader r, out bool given)
    {
        bool hasKey = r.Has("api_key");
        bool hasSecret = r.Has("api_secret");
        given = hasKey || hasSecret;
        // A key without its secret (or the reverse) is always a mistake, whatever the mode.
        if (hasKey && !hasSecret) r.Missing("api_secret", " (api_key and api_secret go together)");
        if (hasSecret && !hasKey) r.Missing("api_key", " (api_key and api_secret go together)");
        var key = r.Secret("api_key");
        var secret = r.Secret("api_secret");
        if (key is { IsEmpty: true }) r.Report("api_key", "is empty");
        if (secret is { IsEmpty: true }) r.Report("api_secret", "is empty");
        return key is { IsEmpty: false } && secret is { IsEmpty: false } ? new VenueCredentials(key, secret) : null;
    }

    private sealed record BoundInstrument(TableReader Reader, InstrumentSettings? Settings, string? Venue);

    private static BoundInstrument BindInstrument(TableReader r)
    {
        var symbol = r.String("symbol", required: true);
        if (symbol is not null && string.IsNullOrWhiteSpace(symbol))
        {
            r.Report("symbol", "must not be empty");
            symbol = null;
        }
        var venue = r.String("venue");
        var tick = r.Number("tick_size", IsPositive, "must be a positive number", required: true);
        var lot = r.Number("lot_size", IsPositive, "must be a positive number", required: true);
        var contract = r.Choice("contract", Contracts) ?? ContractKind.Linear;
        var contractSize = r.Has("contract_size") ? r.Number("contract_size", IsPositive, "must be a positive number") : 1.0;
        var data = r.StringArray("data");
        var snapshot = r.String("initial_snapshot");
        r.Finish();
        InstrumentSettings? settings = null;
        if (symbol is not null && tick is not null && lot is not null && contractSize is not null && (data is not null || !r.Has("data"))
            && (snapshot is not null || !r.Has("initial_snapshot")))
        {
            settings = new InstrumentSettings(symbol, venue ?? "", tick.Value, lot.Value, contract, contractSize.Value,
                (data ?? []).Select(r.Context.ResolvePath).ToList(), snapshot is null ? null : r.Context.ResolvePath(snapshot));
        }
        return new BoundInstrument(r, settings, venue);
    }

    private static RiskLimits BindRisk(TableReader? r)
    {
        if (r is null) return RiskLimits.None;
        const string rule = "must be a positive number (leave the key out for no limit)";
        const string count = "must be a positive whole number (leave the key out for no limit)";
        var order = r.Number("max_order_qty", v => v > 0, rule) ?? double.PositiveInfinity;
        var position = r.Number("max_position", v => v > 0, rule) ?? double.PositiveInfinity;
        var limits = new RiskLimits(order, position)
        {
            MaxOrderNotional = r.Number("max_order_notional", v => v > 0, rule) ?? double.PositiveInfinity,
            MaxPositionNotional = r.Number("max_position_notional", v => v > 0, rule) ?? double.PositiveInfinity,
            MaxGrossNotional = r.Number("max_gross_notional", v => v > 0, rule) ?? double.PositiveInfinity,
            MaxOpenOrders = (int)(r.Number("max_open_orders", IsCount, count) ?? 0),
            MaxOrdersPerSecond = (int)(r.Number("max_orders_per_second", IsCount, count) ?? 0),
            PriceBand = r.Number("price_band", v => v > 0, "must be a positive fraction of the mid, e.g. 0.05 for 5 % (leave the key out for no band)")
                ?? double.PositiveInfinity,
            MinNotional = r.Number("min_notional", v => v > 0, rule) ?? 0,
            CheckLotSize = r.Bool("check_lot_size") ?? false,
            ReduceOnly = r.Bool("reduce_only") ?? false,
            SelfTradePrevention = r.Bool("self_trade_prevention") ?? false,
            Breakers = BindBreakers(r.SubTable("breakers")),
        };
        r.Finish();
        return limits;
    }

    private static readonly KeyValuePair<string, TradingState>[] TripStates = [new("halted", TradingState.Halted), new("reducing", TradingState.Reducing)];

    private static BreakerSettings BindBreakers(TableReader? r)
    {
        if (r is null) return BreakerSettings.None;
        const string amount = "must be a positive amount of the quote currency (leave the key out for no breaker)";
        const string ms = "must be a positive number of milliseconds (leave the key out for no breaker)";
        var breakers = new BreakerSettings
        {
            CheckIntervalMs = r.Number("check_interval_ms", v => v >= 1, "must be at least 1 ms") ?? 100,
            OnTrip = r.Choice("on_trip", TripStates) ?? TradingState.Halted,
            CooldownMs = r.Number("cooldown_ms", v => v >= 0, "must be 0 (reset by command only) or a positive number of milliseconds") ?? 0,
            DailyLoss = r.Number("daily_loss", v => v > 0, amount) ?? double.PositiveInfinity,
            Drawdown = r.Number("drawdown", v => v > 0, amount) ?? double.PositiveInfinity,
            MaxPosition = r.Number("max_position", v => v > 0, "must be a positive quantity (leave the key out for no breaker)") ?? double.PositiveInfinity,
            StaleFeedMs = r.Number("stale_feed_ms", v => v > 0, ms) ?? double.PositiveInfinity,
            BookIntegrityMs = r.Number("book_integrity_ms", v => v > 0, ms) ?? double.PositiveInfinity,
            MaxRejects = (int)(r.Number("max_rejects", IsCount, "must be a positive whole number (leave the key out for no breaker)") ?? 0),
            RejectWindowMs = r.Number("reject_window_ms", v => v > 0, "must be a positive number of milliseconds") ?? 1000,
            AckLatencyMs = r.Number("ack_latency_ms", v => v > 0, ms) ?? double.PositiveInfinity,
            VenueDisconnectedMs = r.Number("venue_disconnected_ms", v => v > 0, ms) ?? double.PositiveInfinity,
            Divergence = r.Number("divergence", v => v > 0, "must be a positive number (leave the key out for no breaker)") ?? double.PositiveInfinity,
        };
        string[] settingsOnly = ["check_interval_ms", "on_trip", "cooldown_ms", "reject_window_ms"];
        // Only when no breaker key is there at all (a bad value of one is reported as such).
        if (!breakers.Any && r.Table.Entries.Any() && r.Table.Entries.All(e => settingsOnly.Contains(e.Key, StringComparer.Ordinal)))
            r.Report("check_interval_ms", "no breaker is set in [risk.breakers] (daily_loss, drawdown, max_position, stale_feed_ms, book_integrity_ms, max_rejects, ack_latency_ms, venue_disconnected_ms, divergence)");
        r.Finish();
        return breakers;
    }

    private static bool IsCount(double v) => v >= 1 && v <= int.MaxValue && v == Math.Floor(v);

    private sealed record BoundStrategy(TableReader Reader, StrategySettings? Settings);

    private static BoundStrategy BindStrategy(TableReader r, StrategyRegistry registry)
    {
        string? kind = r.String("kind", required: true);
        if (kind is not null && registry.Find(kind) is null)
        {
            r.Report("kind", registry.UnknownMessage(kind));
            kind = null;
        }
        var name = r.String("name");
        if (name is not null) name = ValidName(r, "name", name);
        else if (!r.Has("name")) name = kind;
        var onError = r.Choice("on_error", Directives) ?? Directive.Restart;
        var parameters = Parameters(r.SubTable("params"));
        r.Finish();
        if (kind is null || name is null || parameters is null) return new BoundStrategy(r, null);

        var settings = new StrategySettings(name, kind, onError, parameters);
        try
        {
            // Resolving now runs the strategy's own checks (unknown parameter, bad number, out of range), so a
            // typo in [strategies.params] is reported with the others instead of when the run starts.
            registry.Resolve(kind, settings.ToParameters());
        }
        catch (StrategyParameterException e)
        {
            var where = r.Table.TryGetValue("params", out var p) && p is ConfigTable table && table.TryGetEntry(e.Key, out var entry)
                ? entry.KeyPosition : r.PositionOf("params");
            r.Context.Report(where, $"{r.KeyPath("params")}.{e.Key}: {e.Message}");
            return new BoundStrategy(r, null);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            r.Context.Report(r.Table.Position, $"{r.Path}: {e.Message}");
            return new BoundStrategy(r, null);
        }
        return new BoundStrategy(r, settings);
    }

    // Strategy parameters are free-form (each strategy checks its own), so any key is allowed; values become
    // the text the strategy would get from --param key=value.
    private static List<KeyValuePair<string, string>>? Parameters(TableReader? r)
    {
        if (r is null) return [];
        var list = new List<KeyValuePair<string, string>>();
        bool ok = true;
        foreach (var entry in r.Table.Entries)
        {
            string path = r.KeyPath(entry.Key);
            string? text = entry.Value switch
            {
                ConfigScalar { Kind: ConfigValueKind.String } s => r.Context.Expand(s, path),
                ConfigScalar { Value: long i } => i.ToString(CultureInfo.InvariantCulture),
                ConfigScalar { Value: double f } => TableReader.Format(f),
                ConfigScalar { Value: bool b } => b ? "true" : "false",
                _ => null,
            };
            if (text is null)
            {
                if (entry.Value is not ConfigScalar { Kind: ConfigValueKind.String })
                    r.Context.Report(entry.Value.Position, $"{path}: expected a string, number or boolean, found {ConfigValue.Describe(entry.Value.Kind)}");
                ok = false;
                continue;
            }
            list.Add(new(entry.Key, text));
        }
        return ok ? list : null;
    }

    private static BacktestSettings BindBacktest(TableReader? r)
    {
        if (r is null) return new BacktestSettings();
        var latency = new LatencySettings();
        if (r.SubTable("latency") is { } l)
        {
            const string rule = "must be a number of milliseconds, 0 or more";
            var model = l.Choice("model", LatencyModels) ?? LatencyModelKind.Constant;
            double entry = l.Number("entry_ms", IsNonNegative, rule) ?? latency.EntryMs;
            double response = l.Number("response_ms", IsNonNegative, rule) ?? latency.ResponseMs;
            string[] legs = ["submit_ms", "modify_ms", "cancel_ms", "submit_response_ms", "modify_response_ms", "cancel_response_ms", "fill_response_ms"];
            PerOperationLatencySettings? perOperation = null;
            if (model == LatencyModelKind.PerOperation)
            {
                perOperation = new PerOperationLatencySettings(
                    l.Number("submit_ms", IsNonNegative, rule) ?? entry,
                    l.Number("modify_ms", IsNonNegative, rule) ?? entry,
                    l.Number("cancel_ms", IsNonNegative, rule) ?? entry,
                    l.Number("submit_response_ms", IsNonNegative, rule) ?? response,
                    l.Number("modify_response_ms", IsNonNegative, rule) ?? response,
                    l.Number("cancel_response_ms", IsNonNegative, rule) ?? response,
                    l.Number("fill_response_ms", IsNonNegative, rule) ?? response);
            }
            else
            {
                foreach (var leg in legs)
                {
                    if (!l.Has(leg)) continue;
                    l.Report(leg, "only used with model = \"per-operation\"");
                    l.Number(leg);
                }
            }
            IReadOnlyList<string>? files = null;
            long offset = 0;
            if (model == LatencyModelKind.Interpolated)
            {
                files = l.StringArray("files")?.Select(f => l.Context.ResolvePath(f)).ToArray();
                if (files is null || files.Count == 0) l.Missing("files", "the recorded latency files (req_ts, exch_ts, resp_ts rows)");
                offset = (long)(l.Number("offset_ns", double.IsFinite, "must be a number of nanoseconds") ?? 0);
            }
            else
            {
                foreach (var key in new[] { "files", "offset_ns" })
                {
                    if (!l.Has(key)) continue;
                    l.Report(key, "only used with model = \"interpolated\"");
                    if (key == "files") l.StringArray(key); else l.Number(key);
                }
            }
            latency = new LatencySettings(model, entry, response, perOperation, files, offset);
            l.Finish();
        }
        var queue = new QueueSettings();
        if (r.SubTable("queue") is { } q)
        {
            queue = q.Choice("model", QueueModels) is { } model ? new QueueSettings(QueueModels[model].Key) : new QueueSettings();
            q.Finish();
        }
        var fees = new FeeSettings();
        if (r.SubTable("fees") is { } f)
        {
            const string rule = "must be a fraction of traded value between -1 and 1 (0.0007 is 7 basis points)";
            string feeModel = f.Choice("model", FeeModels) is { } m ? FeeModels[m].Key : Hft.Backtest.Models.Fees.FeeModels.TradingValue;
            // Flat and per-quantity fees are amounts, not rates of value: any finite number, 0 when not given.
            string? amountRule = feeModel switch
            {
                Hft.Backtest.Models.Fees.FeeModels.FlatPerTrade => "must be a finite amount per execution",
                Hft.Backtest.Models.Fees.FeeModels.TradingQuantity => "must be a finite amount per unit of traded quantity",
                _ => null,
            };
            fees = amountRule is not null
                ? new FeeSettings(f.Number("maker", double.IsFinite, amountRule) ?? 0, f.Number("taker", double.IsFinite, amountRule) ?? 0, feeModel)
                : new FeeSettings(f.Number("maker", IsFeeRate, rule) ?? fees.Maker, f.Number("taker", IsFeeRate, rule) ?? fees.Taker, feeModel);
            f.Finish();
        }
        string exchange = "no-partial-fill";
        if (r.SubTable("exchange") is { } x)
        {
            if (x.Choice("model", ExchangeModels) is { } model) exchange = ExchangeModels[model].Key;
            x.Finish();
        }
        var onDataError = r.Choice("on_data_error", DataErrorPolicies) ?? Hft.Backtest.Data.Validation.DataErrorPolicy.Stop;
        r.Finish();
        return new BacktestSettings(latency, queue, fees, exchange, onDataError);
    }

    private static readonly IReadOnlyList<KeyValuePair<string, bool>> ReloadOrderPolicies = [new("cancel", true), new("hand_over", false)];

    private static LiveSettings BindLive(TableReader? r, BindingContext context)
    {
        var defaults = new LiveSettings
        {
            KillFile = Path.Combine(context.BaseDirectory, Path.GetFileNameWithoutExtension(context.FileName) + ".kill"),
        };
        if (r is null) return defaults;
        var prefix = r.String("client_order_prefix");
        if (prefix is not null && (prefix.Length > Hft.Exchanges.Common.ClientOrderIds.MaxPrefixLength || prefix.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))))
        {
            r.Report("client_order_prefix", $"must be at most {Hft.Exchanges.Common.ClientOrderIds.MaxPrefixLength} letters, digits, '-' or '_' (the set every venue accepts in a client order id), got \"{prefix}\"");
            prefix = null;
        }
        var live = new LiveSettings
        {
            CancelOnStop = r.Bool("cancel_on_stop") ?? defaults.CancelOnStop,
            ClientOrderPrefix = prefix ?? defaults.ClientOrderPrefix,
            RecvWindowMs = r.Number("recv_window_ms", v => v >= 1 && v <= 60000 && v == Math.Floor(v), "must be a whole number of milliseconds from 1 to 60000") is { } w
                ? (long)w : defaults.RecvWindowMs,
            KillFile = r.String("kill_file") is { Length: > 0 } kill ? r.Context.ResolvePath(kill) : defaults.KillFile,
            CancelOnReload = r.Choice("reload_orders", ReloadOrderPolicies) ?? defaults.CancelOnReload,
            ReloadOnChange = r.Bool("reload_on_change") ?? defaults.ReloadOnChange,
        };
        r.Finish();
        return live;
    }

    private static JournalSettings BindJournal(TableReader? r, BindingContext context)
    {
        var defaults = new JournalSettings { Path = Path.Combine(context.BaseDirectory, Path.GetFileNameWithoutExtension(context.FileName) + ".journal") };
        if (r is null) return defaults;
        var journal = new JournalSettings
        {
            Enabled = r.Bool("enabled") ?? defaults.Enabled,
            Path = r.String("path") is { Length: > 0 } p ? r.Context.ResolvePath(p) : defaults.Path,
            CommitEvery = r.Number("commit_every", v => v >= 1 && v <= 1_000_000 && v == Math.Floor(v), "must be a whole number of records from 1 to 1000000") is { } n
                ? (int)n : defaults.CommitEvery,
            CommitMs = r.Number("commit_ms", v => v > 0 && v <= 60_000, "must be more than 0 and at most 60000 milliseconds") ?? defaults.CommitMs,
            Fsync = r.Bool("fsync") ?? defaults.Fsync,
            RebuildFromVenue = r.Bool("rebuild_from_venue") ?? defaults.RebuildFromVenue,
        };
        r.Finish();
        return journal;
    }

    private static readonly KeyValuePair<string, ReconciliationPolicy>[] Policies =
    [
        new("warn", ReconciliationPolicy.Warn), new("adjust", ReconciliationPolicy.Adjust), new("halt", ReconciliationPolicy.Halt),
    ];

    private static ReconciliationSettings BindReconciliation(TableReader? r)
    {
        var defaults = new ReconciliationSettings();
        if (r is null) return defaults;
        var settings = new ReconciliationSettings
        {
            Policy = r.Choice("policy", Policies) ?? defaults.Policy,
            EverySeconds = r.Number("every_s", v => v >= 0 && v <= 86_400, "must be from 0 (off) to 86400 seconds") ?? defaults.EverySeconds,
            OnReconnect = r.Bool("on_reconnect") ?? defaults.OnReconnect,
            PositionToleranceLots = r.Number("position_tolerance_lots", v => v >= 0 && v <= 1e9, "must be 0 or more lots") ?? defaults.PositionToleranceLots,
        };
        r.Finish();
        return settings;
    }

    private static ShadowSettings BindShadow(TableReader? r)
    {
        var defaults = new ShadowSettings();
        if (r is null) return defaults;
        static bool Count(double v) => v >= 1 && v <= 1_000_000 && v == Math.Floor(v);
        var settings = new ShadowSettings
        {
            Enabled = r.Bool("enabled") ?? defaults.Enabled,
            Window = r.Number("window", Count, "must be a whole number of orders from 1 to 1000000") is { } window ? (int)window : defaults.Window,
            MinOrders = r.Number("min_orders", Count, "must be a whole number of orders from 1 to 1000000") is { } min ? (int)min : defaults.MinOrders,
            FillTimeToleranceMs = r.Number("fill_time_tolerance_ms", v => v >= 0 && v <= 3_600_000, "must be from 0 to 3600000 ms") ?? defaults.FillTimeToleranceMs,
            ReorderMs = r.Number("reorder_ms", v => v >= 0 && v <= 60_000, "must be from 0 to 60000 ms") ?? defaults.ReorderMs,
            AnswerTimeoutMs = r.Number("answer_timeout_ms", v => v > 0 && v <= 3_600_000, "must be more than 0 and at most 3600000 ms") ?? defaults.AnswerTimeoutMs,
        };
        if (settings.ReorderMs >= settings.FillTimeToleranceMs && (r.Has("reorder_ms") || r.Has("fill_time_tolerance_ms")))
            r.Report(r.Has("reorder_ms") ? "reorder_ms" : "fill_time_tolerance_ms",
                "reorder_ms must be less than fill_time_tolerance_ms (the model runs reorder_ms behind the venue, and an order the venue ended is given up in the model after the tolerance)");
        r.Finish();
        return settings;
    }

    private static ClusterSettings? BindCluster(TableReader? r)
    {
        if (r is null) return null;
        var defaults = new ClusterSettings { SeedNodes = [] };
        var seeds = new List<ClusterEndpoint>();
        if (r.StringArray("seed_nodes") is { } texts)
        {
            foreach (var text in texts)
            {
                if (ClusterEndpoint.TryParse(text, out var error) is { } seed) seeds.Add(seed);
                else r.Report("seed_nodes", error!);
            }
            if (texts.Count == 0) r.Report("seed_nodes", "needs at least one \"host:port\" (the first is the coordinator's)");
        }
        else if (!r.Has("seed_nodes"))
        {
            r.Missing("seed_nodes", " (the \"host:port\" of the nodes to join through; the first is the coordinator's)");
        }
        var host = r.String("host");
        if (host is not null && ClusterEndpoint.TryParse(host + ":1", out _) is null) r.Report("host", $"'{host}' is not a host name or address");
        var settings = new ClusterSettings
        {
            SeedNodes = seeds,
            Host = host ?? defaults.Host,
            UnreachableAfterMs = r.Number("unreachable_after_ms", v => v >= 500 && v <= 600_000, "must be from 500 to 600000 milliseconds") ?? defaults.UnreachableAfterMs,
        };
        r.Finish();
        return settings;
    }

    private static MetricsSettings BindMetrics(TableReader? r)
    {
        var defaults = new MetricsSettings();
        if (r is null) return defaults;
        var metrics = new MetricsSettings
        {
            Enabled = r.Bool("enabled") ?? defaults.Enabled,
            Port = r.Number("port", v => v >= 0 && v <= 65535 && v == Math.Floor(v), "must be a TCP port from 1 to 65535, or 0 for a free one") is { } port
                ? (int)port : defaults.Port,
            StaleFeedMs = r.Number("stale_feed_ms", v => v > 0 && v <= 3_600_000, "must be more than 0 and at most 3600000 milliseconds (an hour)") ?? defaults.StaleFeedMs,
            StatusLine = r.Bool("status_line") ?? defaults.StatusLine,
        };
        r.Finish();
        return metrics;
    }

    private static OutputSettings BindOutput(TableReader? r)
    {
        if (r is null) return new OutputSettings();
        var dir = r.String("dir") is { } d ? r.Context.ResolvePath(d) : null;
        var defaults = new OutputSettings();
        var output = new OutputSettings(dir)
        {
            RecordIntervalMs = r.Number("record_interval_ms", IsRecordInterval, "must be between 0.0001 (100 ns) and 86400000 (a day) milliseconds") ?? defaults.RecordIntervalMs,
            StatsIntervalS = r.Number("stats_interval_s", IsStatsInterval, "must be between 0.001 and 86400 seconds") ?? defaults.StatsIntervalS,
            DaysPerYear = r.Number("days_per_year", v => IsPositive(v) && v <= 366, "must be a number of days between 0 and 366 (365 for crypto, 252 for exchanges with trading days)") ?? defaults.DaysPerYear,
            BookSize = r.Number("book_size", IsPositive, "must be a positive amount of the quote currency"),
        };
        r.Finish();
        return output;
    }

    private static string? ValidName(TableReader r, string key, string name)
    {
        // Venue and strategy names become actor names, so they follow Akka's naming rules.
        if (name.Length > 0 && ActorPath.IsValidPathElement(name)) return name;
        r.Report(key, $"'{name}' is not a valid name: it must be non-empty, of letters, digits and -_.:@&=+,!~*'; only, not starting with '$'");
        return null;
    }

    private static void CheckVenueNames(List<BoundVenue> venues)
    {
        for (int i = 0; i < venues.Count; i++)
        {
            var first = venues.FindIndex(v => v.Name == venues[i].Name);
            if (venues[i].Name is not null && first < i)
                venues[i].Reader.Report("name", $"venue name '{venues[i].Name}' is already used by venues[{first}]");
        }
    }

    private static void ResolveInstrumentVenues(List<BoundInstrument> instruments, List<BoundVenue> venues, EngineMode? mode)
    {
        var names = venues.Where(v => v.Name is not null).Select(v => v.Name!).ToList();
        // A backtest without [[venues]] runs on the implicit simulated venue, named "sim".
        if (venues.Count == 0 && mode == EngineMode.Backtest) names.Add("sim");
        for (int i = 0; i < instruments.Count; i++)
        {
            var (r, settings, venue) = instruments[i];
            if (venue is not null)
            {
                if (!names.Contains(venue))
                {
                    string known = names.Count == 0 ? "no venues are defined" : $"venues: {string.Join(", ", names)}";
                    r.Report("venue", $"no venue named '{venue}'{KeySuggestions.Hint(venue, names)}; {known}");
                }
            }
            else if (!r.Has("venue"))
            {
                if (names.Count == 1) venue = names[0];
                else if (names.Count > 1) r.Missing("venue", $" (the file defines {names.Count} venues: {string.Join(", ", names)})");
            }
            instruments[i] = instruments[i] with { Venue = venue };
        }
        // The same symbol twice on one venue would mean two books fed by one stream.
        for (int i = 0; i < instruments.Count; i++)
        {
            var s = instruments[i].Settings;
            if (s is null || instruments[i].Venue is null) continue;
            int first = instruments.FindIndex(x => x.Settings?.Symbol == s.Symbol && x.Venue == instruments[i].Venue);
            if (first < i)
                instruments[i].Reader.Report("symbol", $"'{s.Symbol}' on venue '{instruments[i].Venue}' is already defined by instruments[{first}]");
        }
    }

    private static void CheckStrategies(List<BoundStrategy> strategies)
    {
        for (int i = 0; i < strategies.Count; i++)
        {
            var s = strategies[i].Settings;
            if (s is null) continue;
            int first = strategies.FindIndex(x => x.Settings?.Name == s.Name);
            if (first < i)
                strategies[i].Reader.Report(strategies[i].Reader.Has("name") ? "name" : "kind",
                    $"strategy name '{s.Name}' is already used by strategies[{first}]; give each a distinct 'name'");
        }
    }

    private static void CheckMode(TableReader root, EngineMode mode, List<BoundVenue> venues, List<BoundInstrument> instruments,
        List<BoundStrategy> strategies, TableReader? backtest, bool shadow)
    {
        string modeName = NameOf(mode);
        RequireSome(root, "instruments", instruments.Count, "[[instruments]]");
        RequireSome(root, "strategies", strategies.Count, "[[strategies]]");
        if (mode == EngineMode.Backtest)
        {
            foreach (var v in venues.Where(v => v.Kind is { } k && k != VenueKind.Sim))
                v.Reader.Report("kind", $"a backtest trades on the simulated venue: expected 'sim', got '{NameOf(v.Kind!.Value)}'");
            return;
        }

        RequireSome(root, "venues", venues.Count, "[[venues]]");
        foreach (var v in venues.Where(v => v.Kind == VenueKind.Sim))
            v.Reader.Report("kind", $"'sim' is the backtest's simulated venue; mode '{modeName}' needs a real venue (binance-futures, binance-spot or bybit)");
        foreach (var i in instruments)
        {
            foreach (var key in new[] { "data", "initial_snapshot" })
            {
                if (i.Reader.Table.ContainsKey(key)) i.Reader.Report(key, $"used only in backtest mode, not in mode '{modeName}'");
            }
        }
        if (mode == EngineMode.Live)
        {
            foreach (var v in venues.Where(v => v.Kind is { } k && k != VenueKind.Sim && !v.HasCredentials))
                v.Reader.Missing("api_key", " (live trading needs api_key and api_secret, e.g. api_key = \"${BINANCE_API_KEY}\")");
            if (backtest is not null && !shadow)
                root.Report("backtest", "the simulated venue's models are used only in backtest and paper modes, and in mode 'live' by the shadow venue ([shadow] enabled = true)");
        }
    }

    private static void RequireSome(TableReader root, string key, int count, string header)
    {
        if (!root.Table.ContainsKey(key)) root.Missing(key, $" (at least one {header} table)");
        else if (count == 0 && root.Table[key] is ConfigArray { Count: 0 }) root.Report(key, $"needs at least one {header} table");
    }

    private static bool IsPositive(double v) => v > 0 && double.IsFinite(v);

    internal static bool IsRecordInterval(double ms) => ms >= 0.0001 && ms <= 86_400_000;

    internal static bool IsStatsInterval(double s) => s >= 0.001 && s <= 86_400;

    private static bool IsNonNegative(double v) => v >= 0 && double.IsFinite(v);

    private static bool IsFeeRate(double v) => v > -1 && v < 1;
}
