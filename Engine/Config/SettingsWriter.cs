using Hft.Engine.Config.Toml;
using Tomlyn.Model;

namespace Hft.Engine.Config;

/// <summary>
/// Prints settings as TOML, with defaults filled in, paths resolved and every <see cref="Secret"/> as
/// <c>"***"</c>: what <c>check</c> shows. The output is a valid configuration itself (apart from the
/// redacted secrets), in the same schema, so it can be diffed against the file or read back.
/// </summary>
public static class SettingsWriter
{
    /// <summary>The settings as a TOML document.</summary>
    public static string Write(EngineSettings settings) => TomlDocumentText.Write(ToToml(settings));

    /// <summary>The settings as Tomlyn's TOML model, keys in the order they are written, secrets redacted.</summary>
    public static TomlTable ToToml(EngineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var root = new TomlTable();
        root.Add("mode", SettingsBinder.NameOf(settings.Mode));
        if (settings.PluginsDir is { } plugins) root.Add("plugins_dir", plugins);

        var logging = new TomlTable();
        logging.Add("level", SettingsBinder.NameOf(settings.Logging.Level));
        if (settings.Logging.File is { } file) logging.Add("file", file);
        root.Add("logging", logging);

        if (settings.Venues.Count > 0) root.Add("venues", TableArray(settings.Venues.Select(Venue)));

        bool backtest = settings.Mode == EngineMode.Backtest;
        root.Add("instruments", TableArray(settings.Instruments.Select(i => Instrument(i, backtest))));

        var risk = new TomlTable();
        risk.Add("max_order_qty", settings.Risk.MaxOrderQuantity);
        risk.Add("max_position", settings.Risk.MaxPosition);
        RiskExtras(risk, settings.Risk);
        root.Add("risk", risk);

        root.Add("strategies", TableArray(settings.Strategies.Select(Strategy)));

        // The binder rejects [backtest] in a live file without a shadow venue, so the output leaves it out to stay a valid file.
        if (settings.Mode != EngineMode.Live || settings.Shadow.Enabled) root.Add("backtest", Backtest(settings.Backtest));

        var output = new TomlTable();
        if (settings.Output.Dir is { } dir) output.Add("dir", dir);
        output.Add("record_interval_ms", settings.Output.RecordIntervalMs);
        output.Add("stats_interval_s", settings.Output.StatsIntervalS);
        output.Add("days_per_year", settings.Output.DaysPerYear);
        if (settings.Output.BookSize is { } book) output.Add("book_size", book);
        root.Add("output", output);
        // The binder rejects [live] in a backtest file.
        if (settings.Mode != EngineMode.Backtest)
        {
            root.Add("live", new TomlTable
            {
                ["cancel_on_stop"] = settings.Live.CancelOnStop,
                ["client_order_prefix"] = settings.Live.ClientOrderPrefix,
                ["recv_window_ms"] = settings.Live.RecvWindowMs,
            });
            if (settings.Live.KillFile is { } kill) ((TomlTable)root["live"])["kill_file"] = kill;
            ((TomlTable)root["live"])["reload_orders"] = settings.Live.CancelOnReload ? "cancel" : "hand_over";
            ((TomlTable)root["live"])["reload_on_change"] = settings.Live.ReloadOnChange;
            var journal = new TomlTable
            {
                ["enabled"] = settings.Journal.Enabled,
                ["commit_every"] = (long)settings.Journal.CommitEvery,
                ["commit_ms"] = settings.Journal.CommitMs,
                ["fsync"] = settings.Journal.Fsync,
                ["rebuild_from_venue"] = settings.Journal.RebuildFromVenue,
            };
            if (settings.Journal.Path is { } path) journal["path"] = path;
            root.Add("journal", journal);
            root.Add("reconciliation", new TomlTable
            {
                ["policy"] = settings.Reconciliation.Policy.ToString().ToLowerInvariant(),
                ["every_s"] = settings.Reconciliation.EverySeconds,
                ["on_reconnect"] = settings.Reconciliation.OnReconnect,
                ["position_tolerance_lots"] = settings.Reconciliation.PositionToleranceLots,
            });
            root.Add("shadow", new TomlTable
            {
                ["enabled"] = settings.Shadow.Enabled,
                ["window"] = (long)settings.Shadow.Window,
                ["min_orders"] = (long)settings.Shadow.MinOrders,
                ["fill_time_tolerance_ms"] = settings.Shadow.FillTimeToleranceMs,
                ["reorder_ms"] = settings.Shadow.ReorderMs,
                ["answer_timeout_ms"] = settings.Shadow.AnswerTimeoutMs,
            });
            root.Add("metrics", new TomlTable
            {
                ["enabled"] = settings.Metrics.Enabled,
                ["port"] = (long)settings.Metrics.Port,
                ["stale_feed_ms"] = settings.Metrics.StaleFeedMs,
                ["status_line"] = settings.Metrics.StatusLine,
            });
        }
        if (settings.Cluster is { } cluster)
        {
            root.Add("cluster", new TomlTable
            {
                ["seed_nodes"] = Array(cluster.SeedNodes.Select(s => s.ToString())),
                ["host"] = cluster.Host,
                ["unreachable_after_ms"] = cluster.UnreachableAfterMs,
            });
        }
        return root;
    }

    private static TomlTable Venue(VenueSettings venue)
    {
        var t = new TomlTable();
        t.Add("name", venue.Name);
        t.Add("kind", SettingsBinder.NameOf(venue.Kind));
        VenueCredentials? credentials = null;
        switch (venue)
        {
            case BinanceVenueSettings b:
                t.Add("rest_url", b.RestUrl.OriginalString);
                t.Add("ws_url", b.WsUrl.OriginalString);
                if (b.WsApiUrl is { } api) t.Add("ws_api_url", api.OriginalString);
                credentials = b.Credentials;
                break;
            case BybitVenueSettings y:
                t.Add("rest_url", y.RestUrl.OriginalString);
                t.Add("public_ws_url", y.PublicWsUrl.OriginalString);
                t.Add("private_ws_url", y.PrivateWsUrl.OriginalString);
                t.Add("trade_ws_url", y.TradeWsUrl.OriginalString);
                t.Add("category", y.Category);
                credentials = y.Credentials;
                break;
        }
        if (credentials is not null)
        {
            // Secret.ToString() is the redaction; the value itself is never touched here.
            t.Add("api_key", credentials.ApiKey.ToString());
            t.Add("api_secret", credentials.ApiSecret.ToString());
        }
        return t;
    }

    private static TomlTable Instrument(InstrumentSettings i, bool backtest)
    {
        var t = new TomlTable();
        t.Add("symbol", i.Symbol);
        t.Add("venue", i.Venue);
        t.Add("tick_size", i.TickSize);
        t.Add("lot_size", i.LotSize);
        t.Add("contract", SettingsBinder.NameOf(i.Contract));
        t.Add("contract_size", i.ContractSize);
        if (backtest)
        {
            t.Add("data", Array(i.Data));
            if (i.InitialSnapshot is { } snapshot) t.Add("initial_snapshot", snapshot);
        }
        return t;
    }

    private static TomlTable Strategy(StrategySettings s)
    {
        var t = new TomlTable();
        t.Add("name", s.Name);
        t.Add("kind", s.Kind);
        t.Add("on_error", SettingsBinder.NameOf(s.OnError));
        var parameters = new TomlTable();
        foreach (var (key, value) in s.Parameters)
        {
            // A key given twice (only possible from code) keeps its last value, as StrategyParameters does.
            parameters[key] = value;
        }
        t.Add("params", parameters);
        return t;
    }

    private static TomlTable Backtest(BacktestSettings b)
    {
        var latency = new TomlTable();
        latency.Add("model", SettingsBinder.NameOf(b.Latency.Model));
        latency.Add("entry_ms", b.Latency.EntryMs);
        latency.Add("response_ms", b.Latency.ResponseMs);
        if (b.Latency.Files is { } files)
        {
            latency.Add("files", Array(files));
            latency.Add("offset_ns", b.Latency.OffsetNs);
        }
        if (b.Latency.PerOperation is { } p)
        {
            latency.Add("submit_ms", p.SubmitMs);
            latency.Add("modify_ms", p.ModifyMs);
            latency.Add("cancel_ms", p.CancelMs);
            latency.Add("submit_response_ms", p.SubmitResponseMs);
            latency.Add("modify_response_ms", p.ModifyResponseMs);
            latency.Add("cancel_response_ms", p.CancelResponseMs);
            latency.Add("fill_response_ms", p.FillResponseMs);
        }
        var queue = new TomlTable();
        queue.Add("model", b.Queue.Model);
        var fees = new TomlTable();
        fees.Add("model", b.Fees.Model);
        fees.Add("maker", b.Fees.Maker);
        fees.Add("taker", b.Fees.Taker);
        var t = new TomlTable();
        t.Add("latency", latency);
        t.Add("queue", queue);
        t.Add("fees", fees);
        var exchange = new TomlTable();
        exchange.Add("model", b.Exchange);
        t.Add("exchange", exchange);
        // Only when not the default, so that runs with the default settings report the same configuration as before the key existed.
        if (b.OnDataError != Hft.Backtest.Data.Validation.DataErrorPolicy.Stop) t.Add("on_data_error", SettingsBinder.NameOf(b.OnDataError));
        return t;
    }

    private static TomlArray Array(IEnumerable<string> values)
    {
        var array = new TomlArray();
        foreach (var value in values) array.Add(value);
        return array;
    }

    private static TomlTableArray TableArray(IEnumerable<TomlTable> tables)
    {
        var array = new TomlTableArray();
        foreach (var table in tables) array.Add(table);
        return array;
    }

    // The limits added after the first two are written only when set, so older resolved files read the same.
    private static void RiskExtras(TomlTable risk, Hft.Core.Risk.RiskLimits l)
    {
        if (!double.IsPositiveInfinity(l.MaxOrderNotional)) risk.Add("max_order_notional", l.MaxOrderNotional);
        if (!double.IsPositiveInfinity(l.MaxPositionNotional)) risk.Add("max_position_notional", l.MaxPositionNotional);
        if (!double.IsPositiveInfinity(l.MaxGrossNotional)) risk.Add("max_gross_notional", l.MaxGrossNotional);
        if (l.MaxOpenOrders > 0) risk.Add("max_open_orders", (long)l.MaxOpenOrders);
        if (l.MaxOrdersPerSecond > 0) risk.Add("max_orders_per_second", (long)l.MaxOrdersPerSecond);
        if (!double.IsPositiveInfinity(l.PriceBand)) risk.Add("price_band", l.PriceBand);
        if (l.MinNotional > 0) risk.Add("min_notional", l.MinNotional);
        if (l.CheckLotSize) risk.Add("check_lot_size", true);
        if (l.ReduceOnly) risk.Add("reduce_only", true);
        if (l.SelfTradePrevention) risk.Add("self_trade_prevention", true);
        var b = l.Breakers;
        if (!b.Any) return;
        var breakers = new TomlTable();
        var none = Hft.Core.Risk.Breakers.BreakerSettings.None;
        if (b.CheckIntervalMs != none.CheckIntervalMs) breakers.Add("check_interval_ms", b.CheckIntervalMs);
        if (b.OnTrip != none.OnTrip) breakers.Add("on_trip", "reducing");
        if (b.CooldownMs > 0) breakers.Add("cooldown_ms", b.CooldownMs);
        if (!double.IsPositiveInfinity(b.DailyLoss)) breakers.Add("daily_loss", b.DailyLoss);
        if (!double.IsPositiveInfinity(b.Drawdown)) breakers.Add("drawdown", b.Drawdown);
        if (!double.IsPositiveInfinity(b.MaxPosition)) breakers.Add("max_position", b.MaxPosition);
        if (!double.IsPositiveInfinity(b.StaleFeedMs)) breakers.Add("stale_feed_ms", b.StaleFeedMs);
        if (!double.IsPositiveInfinity(b.BookIntegrityMs)) breakers.Add("book_integrity_ms", b.BookIntegrityMs);
        if (b.MaxRejects > 0) breakers.Add("max_rejects", (long)b.MaxRejects);
        if (b.RejectWindowMs != none.RejectWindowMs) breakers.Add("reject_window_ms", b.RejectWindowMs);
        if (!double.IsPositiveInfinity(b.AckLatencyMs)) breakers.Add("ack_latency_ms", b.AckLatencyMs);
        if (!double.IsPositiveInfinity(b.VenueDisconnectedMs)) breakers.Add("venue_disconnected_ms", b.VenueDisconnectedMs);
        if (!double.IsPositiveInfinity(b.Divergence)) breakers.Add("divergence", b.Divergence);
        risk.Add("breakers", breakers);
    }
}
