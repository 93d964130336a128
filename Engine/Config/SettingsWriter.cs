using Hft.Core.Toml;

namespace Hft.Engine.Config;

/// <summary>
/// Prints settings as TOML, with defaults filled in, paths resolved and every <see cref="Secret"/> as
/// <c>"***"</c>: what <c>check</c> shows. The output is a valid configuration itself (apart from the
/// redacted secrets), in the same schema, so it can be diffed against the file or read back.
/// </summary>
public static class SettingsWriter
{
    /// <summary>The settings as a TOML document.</summary>
    public static string Write(EngineSettings settings) => TomlWriter.Write(ToToml(settings));

    /// <summary>The settings as a TOML table, secrets redacted.</summary>
    public static TomlTable ToToml(EngineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var root = new TomlTable();
        root.Add("mode", Str(SettingsBinder.NameOf(settings.Mode)));
        if (settings.PluginsDir is { } plugins) root.Add("plugins_dir", Str(plugins));

        var logging = new TomlTable();
        logging.Add("level", Str(SettingsBinder.NameOf(settings.Logging.Level)));
        if (settings.Logging.File is { } file) logging.Add("file", Str(file));
        root.Add("logging", logging);

        if (settings.Venues.Count > 0) root.Add("venues", new TomlArray(settings.Venues.Select(Venue)));

        bool backtest = settings.Mode == EngineMode.Backtest;
        root.Add("instruments", new TomlArray(settings.Instruments.Select(i => Instrument(i, backtest))));

        var risk = new TomlTable();
        risk.Add("max_order_qty", new TomlFloat(settings.Risk.MaxOrderQuantity));
        risk.Add("max_position", new TomlFloat(settings.Risk.MaxPosition));
        root.Add("risk", risk);

        root.Add("strategies", new TomlArray(settings.Strategies.Select(Strategy)));

        // The binder rejects [backtest] in a live file, so the output leaves it out to stay a valid file.
        if (settings.Mode != EngineMode.Live) root.Add("backtest", Backtest(settings.Backtest));

        var output = new TomlTable();
        if (settings.Output.Dir is { } dir) output.Add("dir", Str(dir));
        output.Add("record_interval_ms", new TomlFloat(settings.Output.RecordIntervalMs));
        output.Add("stats_interval_s", new TomlFloat(settings.Output.StatsIntervalS));
        output.Add("days_per_year", new TomlFloat(settings.Output.DaysPerYear));
        if (settings.Output.BookSize is { } book) output.Add("book_size", new TomlFloat(book));
        root.Add("output", output);
        return root;
    }

    private static TomlTable Venue(VenueSettings venue)
    {
        var t = new TomlTable();
        t.Add("name", Str(venue.Name));
        t.Add("kind", Str(SettingsBinder.NameOf(venue.Kind)));
        VenueCredentials? credentials = null;
        switch (venue)
        {
            case BinanceVenueSettings b:
                t.Add("rest_url", Str(b.RestUrl.OriginalString));
                t.Add("ws_url", Str(b.WsUrl.OriginalString));
                if (b.WsApiUrl is { } api) t.Add("ws_api_url", Str(api.OriginalString));
                credentials = b.Credentials;
                break;
            case BybitVenueSettings y:
                t.Add("rest_url", Str(y.RestUrl.OriginalString));
                t.Add("public_ws_url", Str(y.PublicWsUrl.OriginalString));
                t.Add("private_ws_url", Str(y.PrivateWsUrl.OriginalString));
                t.Add("trade_ws_url", Str(y.TradeWsUrl.OriginalString));
                t.Add("category", Str(y.Category));
                credentials = y.Credentials;
                break;
        }
        if (credentials is not null)
        {
            // Secret.ToString() is the redaction; the value itself is never touched here.
            t.Add("api_key", Str(credentials.ApiKey.ToString()));
            t.Add("api_secret", Str(credentials.ApiSecret.ToString()));
        }
        return t;
    }

    private static TomlTable Instrument(InstrumentSettings i, bool backtest)
    {
        var t = new TomlTable();
        t.Add("symbol", Str(i.Symbol));
        t.Add("venue", Str(i.Venue));
        t.Add("tick_size", new TomlFloat(i.TickSize));
        t.Add("lot_size", new TomlFloat(i.LotSize));
        t.Add("contract", Str(SettingsBinder.NameOf(i.Contract)));
        t.Add("contract_size", new TomlFloat(i.ContractSize));
        if (backtest)
        {
            t.Add("data", new TomlArray(i.Data.Select(Str)));
            if (i.InitialSnapshot is { } snapshot) t.Add("initial_snapshot", Str(snapshot));
        }
        return t;
    }

    private static TomlTable Strategy(StrategySettings s)
    {
        var t = new TomlTable();
        t.Add("name", Str(s.Name));
        t.Add("kind", Str(s.Kind));
        t.Add("on_error", Str(SettingsBinder.NameOf(s.OnError)));
        var parameters = new TomlTable();
        foreach (var (key, value) in s.Parameters)
        {
            // A key given twice (only possible from code) keeps its last value, as StrategyParameters does.
            parameters[key] = Str(value);
        }
        t.Add("params", parameters);
        return t;
    }

    private static TomlTable Backtest(BacktestSettings b)
    {
        var latency = new TomlTable();
        latency.Add("model", Str(SettingsBinder.NameOf(b.Latency.Model)));
        latency.Add("entry_ms", new TomlFloat(b.Latency.EntryMs));
        latency.Add("response_ms", new TomlFloat(b.Latency.ResponseMs));
        if (b.Latency.Files is { } files)
        {
            var array = new TomlArray();
            foreach (var f in files) array.Add(Str(f));
            latency.Add("files", array);
            latency.Add("offset_ns", new TomlInteger(b.Latency.OffsetNs));
        }
        if (b.Latency.PerOperation is { } p)
        {
            latency.Add("submit_ms", new TomlFloat(p.SubmitMs));
            latency.Add("modify_ms", new TomlFloat(p.ModifyMs));
            latency.Add("cancel_ms", new TomlFloat(p.CancelMs));
            latency.Add("submit_response_ms", new TomlFloat(p.SubmitResponseMs));
            latency.Add("modify_response_ms", new TomlFloat(p.ModifyResponseMs));
            latency.Add("cancel_response_ms", new TomlFloat(p.CancelResponseMs));
            latency.Add("fill_response_ms", new TomlFloat(p.FillResponseMs));
        }
        var queue = new TomlTable();
        queue.Add("model", Str(b.Queue.Model));
        var fees = new TomlTable();
        fees.Add("model", Str(b.Fees.Model));
        fees.Add("maker", new TomlFloat(b.Fees.Maker));
        fees.Add("taker", new TomlFloat(b.Fees.Taker));
        var t = new TomlTable();
        t.Add("latency", latency);
        t.Add("queue", queue);
        t.Add("fees", fees);
        var exchange = new TomlTable();
        exchange.Add("model", Str(b.Exchange));
        t.Add("exchange", exchange);
        // Only when not the default, so that runs with the default settings report the same configuration as before the key existed.
        if (b.OnDataError != Hft.Backtest.Data.Validation.DataErrorPolicy.Stop) t.Add("on_data_error", Str(SettingsBinder.NameOf(b.OnDataError)));
        return t;
    }

    private static TomlString Str(string value) => new(value);
}
