using Hft.Engine.Config;
using Hft.Engine.Tests.Data;

namespace Hft.Engine.Tests.Config;

/// <summary>Broken configuration files fail with the right line, column and message.</summary>
public sealed class BrokenConfigTests : TempDirectoryTest
{
    private const string Unset = "HFT_CONFIG_TEST_NEVER_SET_4f1c";

    // A valid backtest file; the cases below break one thing in it.
    private const string Instrument = "[[instruments]]\nsymbol = \"SIMUSDT\"\ntick_size = 0.01\nlot_size = 0.01\n";
    private const string Strategy = "[[strategies]]\nkind = \"grid\"\n";
    private const string Valid = "mode = \"backtest\"\n\n" + Instrument + "\n" + Strategy;

    public static IEnumerable<TestCaseData> Cases()
    {
        yield return Case("Unknown_key_with_suggestion", Valid + "\n[risk]\nmax_positon = 5\n",
            12, 1, "risk.max_positon: unknown key (did you mean 'max_position'?)");
        yield return Case("Unknown_key_without_a_close_match", Valid + "\n[risk]\ncolour = 5\n",
            12, 1, "risk.colour: unknown key; known keys: breakers, check_lot_size, max_gross_notional, max_open_orders, max_order_notional, max_order_qty, max_orders_per_second, max_position, max_position_notional, min_notional, price_band, reduce_only, self_trade_prevention");
        yield return Case("Breaker_trip_state_misspelt", Valid + "\n[risk.breakers]\ndaily_loss = 100\non_trip = \"halt\"\n",
            13, 11, "risk.breakers.on_trip: expected 'halted' or 'reducing', got 'halt' (did you mean 'halted'?)");
        yield return Case("Breaker_negative_threshold", Valid + "\n[risk.breakers]\nstale_feed_ms = -5\n",
            12, 17, "risk.breakers.stale_feed_ms: must be a positive number of milliseconds (leave the key out for no breaker), got -5");
        yield return Case("Unknown_root_key", "mode = \"backtest\"\nverbose = true\n\n" + Instrument + "\n" + Strategy,
            2, 1, "verbose: unknown key; known keys: backtest, cluster, instruments, journal, live, logging, metrics, mode, output, plugins_dir, reconciliation, risk, shadow, strategies, venues");
        yield return Case("Wrong_type_string_for_number", "mode = \"backtest\"\n\n[[instruments]]\nsymbol = \"SIMUSDT\"\ntick_size = \"0.01\"\nlot_size = 0.01\n\n" + Strategy,
            5, 13, "instruments[0].tick_size: expected a number, found string \"0.01\"");
        yield return Case("Wrong_type_date_for_string", "mode = \"backtest\"\n\n[[instruments]]\nsymbol = 2024-01-01\ntick_size = 0.01\nlot_size = 0.01\n\n" + Strategy,
            4, 10, "instruments[0].symbol: expected a string, found local date 2024-01-01");
        yield return Case("Wrong_type_table_for_array_of_tables", "mode = \"backtest\"\n\n[instruments]\nsymbol = \"SIMUSDT\"\n\n" + Strategy,
            3, 1, "instruments: expected an array of tables ([[instruments]]), found table");
        yield return Case("Wrong_type_in_an_array", Valid + "\n[[instruments]]\nsymbol = \"B\"\ntick_size = 1\nlot_size = 1\ndata = [\"a.npz\", 5]\n",
            15, 18, "instruments[1].data[1]: expected a string, found integer 5");
        yield return Case("Duplicate_table", Valid + "\n[risk]\nmax_position = 5\n\n[risk]\nmax_order_qty = 1\n",
            14, 1, "duplicate table [risk]: it was already defined at line 11, column 1");
        yield return Case("Bad_date", Valid + "\n[backtest.latency]\nentry_ms = 2024-02-30\n",
            12, 12, "invalid date 2024-02-30: February 2024 has days 01 to 29");
        yield return Case("Missing_required_key", "mode = \"backtest\"\n\n[[instruments]]\nsymbol = \"SIMUSDT\"\ntick_size = 0.01\n\n" + Strategy,
            3, 1, "instruments[0]: missing required key 'lot_size'");
        yield return Case("Missing_mode", Instrument + "\n" + Strategy,
            1, 1, "missing required key 'mode'");
        yield return Case("Missing_instruments", "mode = \"backtest\"\n\n" + Strategy,
            1, 1, "missing required key 'instruments' (at least one [[instruments]] table)");
        yield return Case("Out_of_range_tick_size", "mode = \"backtest\"\n\n[[instruments]]\nsymbol = \"SIMUSDT\"\ntick_size = -0.01\nlot_size = 0.01\n\n" + Strategy,
            5, 13, "instruments[0].tick_size: must be a positive number, got -0.01");
        yield return Case("Out_of_range_fee", Valid + "\n[backtest.fees]\ntaker = 7\n",
            12, 9, "backtest.fees.taker: must be a fraction of traded value between -1 and 1 (0.0007 is 7 basis points), got 7");
        yield return Case("Out_of_range_latency", Valid + "\n[backtest.latency]\nresponse_ms = -1\n",
            12, 15, "backtest.latency.response_ms: must be a number of milliseconds, 0 or more, got -1");
        yield return Case("Bad_choice_with_suggestion", "mode = \"backtest\"\n\n" + Instrument + "contract = \"inverted\"\n\n" + Strategy,
            7, 12, "instruments[0].contract: expected 'linear', 'inverse' or 'spot', got 'inverted' (did you mean 'inverse'?)");
        yield return Case("Bad_mode", "mode = \"bactest\"\n\n" + Instrument + "\n" + Strategy,
            1, 8, "mode: expected 'backtest', 'live' or 'paper', got 'bactest' (did you mean 'backtest'?)");
        yield return Case("Missing_environment_variable", Valid + $"\n[output]\ndir = \"${{{Unset}}}/runs\"\n",
            12, 7, $"output.dir: environment variable {Unset} is not set");
        yield return Case("Unterminated_environment_reference", Valid + "\n[output]\ndir = \"${HOME/runs\"\n",
            12, 7, "output.dir: '${' without a closing '}' (write '$${' for a literal '${')");
        yield return Case("Unknown_strategy_with_suggestion", "mode = \"backtest\"\n\n" + Instrument + "\n[[strategies]]\nkind = \"gird\"\n",
            9, 8, "strategies[0].kind: unknown strategy 'gird' (did you mean 'grid'?); available: glft, grid, idle, obi");
        yield return Case("Unknown_strategy_parameter_with_suggestion", Valid + "[strategies.params]\ngrid_nm = 5\n",
            11, 1, "strategies[0].params.grid_nm: strategy 'grid' has no parameter 'grid_nm' (did you mean 'grid_num'?); it knows: " +
                   "relative_half_spread, relative_grid_interval, grid_num, min_grid_step, skew, order_qty, max_position, interval_ms, instrument");
        yield return Case("Strategy_parameter_out_of_range", Valid + "[strategies.params]\norder_qty = 0\n",
            11, 1, "strategies[0].params.order_qty: parameter 'order_qty': must be positive");
        yield return Case("Strategy_parameter_of_wrong_type", Valid + "[strategies.params]\ngrid_num = [1, 2]\n",
            11, 12, "strategies[0].params.grid_num: expected a string, number or boolean, found array");
        yield return Case("Unknown_venue_reference", "mode = \"backtest\"\n\n" + Instrument + "venue = \"simm\"\n\n" + Strategy,
            7, 9, "instruments[0].venue: no venue named 'simm' (did you mean 'sim'?); venues: sim");
        yield return Case("Duplicate_symbol", Valid + "\n" + Instrument,
            12, 10, "instruments[1].symbol: 'SIMUSDT' on venue 'sim' is already defined by instruments[0]");
        yield return Case("Real_venue_in_a_backtest", "mode = \"backtest\"\n\n[[venues]]\nkind = \"bybit\"\nrest_url = \"https://a\"\npublic_ws_url = \"wss://b\"\n" +
                                                      "private_ws_url = \"wss://c\"\ntrade_ws_url = \"wss://d\"\n\n" + Instrument + "\n" + Strategy,
            4, 8, "venues[0].kind: a backtest trades on the simulated venue: expected 'sim', got 'bybit'");
        yield return Case("Bad_url", Live(null).Replace("rest_url = \"https://a\"", "rest_url = \"fapi.binance.com\""),
            5, 12, "venues[0].rest_url: expected an absolute https:// (or http://) URL, got 'fapi.binance.com'");
        yield return Case("Key_of_another_venue_kind", Live("public_ws_url = \"wss://x\""),
            9, 1, "venues[0].public_ws_url: unknown key for a binance-futures venue; known keys: api_key, api_secret, kind, name, rest_url, ws_url");
        yield return Case("Live_without_credentials", Live(null, credentials: false),
            3, 1, "venues[0]: missing required key 'api_key' (live trading needs api_key and api_secret, e.g. api_key = \"${BINANCE_API_KEY}\")");
        yield return Case("Key_without_secret", Live(null, credentials: false).Replace("ws_url = \"wss://b\"\n", "ws_url = \"wss://b\"\napi_key = \"k\"\n"),
            3, 1, "venues[0]: missing required key 'api_secret' (api_key and api_secret go together)");
        yield return Case("Backtest_data_in_live_mode", Live(null) + "data = [\"a.npz\"]\n",
            17, 8, "instruments[0].data: used only in backtest mode, not in mode 'live'");
        yield return Case("Simulated_venue_in_live_mode", "mode = \"live\"\n\n[[venues]]\nkind = \"sim\"\n\n" + Instrument + "\n" + Strategy,
            4, 8, "venues[0].kind: 'sim' is the backtest's simulated venue; mode 'live' needs a real venue (binance-futures, binance-spot or bybit)");
        yield return Case("Live_settings_in_a_backtest", Valid + "\n[live]\ncancel_on_stop = false\n",
            11, 1, "live: the live session's settings are used only in live and paper modes, not in mode 'backtest'");
        yield return Case("Bad_client_order_prefix", Live(null) + "\n[live]\nclient_order_prefix = \"a b\"\n",
            19, 23, "live.client_order_prefix: must be at most 12 letters, digits, '-' or '_' (the set every venue accepts in a client order id), got \"a b\"");
        yield return Case("Cancel_on_stop_not_a_boolean", Live(null) + "\n[live]\ncancel_on_stop = \"yes\"\n",
            19, 18, "live.cancel_on_stop: expected true or false, found string \"yes\"");
    }

    // A valid live file, optionally with one extra line at the end of its venue table (line 9 with credentials).
    private static string Live(string? venueLine, bool credentials = true) =>
        "mode = \"live\"\n\n[[venues]]\nkind = \"binance-futures\"\nrest_url = \"https://a\"\nws_url = \"wss://b\"\n" +
        (credentials ? "api_key = \"k\"\napi_secret = \"s\"\n" : "") + (venueLine is null ? "" : venueLine + "\n") +
        "\n" + Strategy + "\n" + Instrument;

    private static TestCaseData Case(string name, string document, int line, int column, string message) =>
        new TestCaseData(document, line, column, message).SetName(name);

    [TestCaseSource(nameof(Cases))]
    public void Fails_with_location_and_message(string document, int line, int column, string message)
    {
        string path = PathOf("config.toml");
        File.WriteAllText(path, document);
        var error = Assert.Throws<ConfigException>(() => SettingsLoader.Load(path))!;
        Assert.That(error.Problems.Select(p => p.ToString()), Is.EqualTo(new[] { $"{path}:{line}:{column}: {message}" }));
        Assert.That(error.Message, Is.EqualTo($"{path}:{line}:{column}: {message}"));
    }

    [Test]
    public void The_valid_base_documents_are_valid()
    {
        File.WriteAllText(PathOf("backtest.toml"), Valid);
        File.WriteAllText(PathOf("live.toml"), Live(null));
        Assert.That(SettingsLoader.Load(PathOf("backtest.toml")).Mode, Is.EqualTo(EngineMode.Backtest));
        Assert.That(SettingsLoader.Load(PathOf("live.toml")).Mode, Is.EqualTo(EngineMode.Live));
    }

    [Test]
    public void Every_problem_is_reported_at_once_in_file_order()
    {
        const string document =
            "mode = \"backtest\"\n" +          // 1
            "\n" +                              // 2
            "[[instruments]]\n" +               // 3
            "symbol = \"SIMUSDT\"\n" +          // 4
            "tick_size = \"0.01\"\n" +          // 5  wrong type
            "lot_size = 0\n" +                  // 6  out of range
            "\n" +                              // 7
            "[[strategies]]\n" +                // 8
            "kind = \"grid\"\n" +               // 9
            "on_eror = \"stop\"\n";             // 10 unknown key
        string path = PathOf("three.toml");
        File.WriteAllText(path, document);
        var error = Assert.Throws<ConfigException>(() => SettingsLoader.Load(path))!;
        Assert.That(error.Problems.Select(p => (p.Line, p.Column, p.Message)), Is.EqualTo(new[]
        {
            (5, 13, "instruments[0].tick_size: expected a number, found string \"0.01\""),
            (6, 12, "instruments[0].lot_size: must be a positive number, got 0"),
            (10, 1, "strategies[0].on_eror: unknown key (did you mean 'on_error'?)"),
        }));
        Assert.That(error.Message.Split(Environment.NewLine), Has.Length.EqualTo(3));
    }

    [Test]
    public void Relative_paths_start_at_the_config_file_not_the_working_directory()
    {
        Directory.CreateDirectory(PathOf("conf"));
        string path = PathOf(Path.Combine("conf", "c.toml"));
        File.WriteAllText(path, Valid.Replace("lot_size = 0.01\n", "lot_size = 0.01\ndata = [\"../data/a.npz\", \"/abs/b.npz\"]\ninitial_snapshot = \"snap.npz\"\n") +
                                "\n[logging]\nfile = \"logs/engine.log\"\n\n[output]\ndir = \"out\"\n");
        var s = SettingsLoader.Load(path);
        Assert.Multiple(() =>
        {
            Assert.That(s.Instruments[0].Data, Is.EqualTo(new[] { PathOf(Path.Combine("data", "a.npz")), Path.GetFullPath("/abs/b.npz") }));
            Assert.That(s.Instruments[0].InitialSnapshot, Is.EqualTo(PathOf(Path.Combine("conf", "snap.npz"))));
            Assert.That(s.Logging.File, Is.EqualTo(PathOf(Path.Combine("conf", "logs", "engine.log"))));
            Assert.That(s.Output.Dir, Is.EqualTo(PathOf(Path.Combine("conf", "out"))));
        });
    }

    [Test]
    public void A_missing_file_is_not_a_config_problem()
    {
        Assert.Throws<FileNotFoundException>(() => SettingsLoader.Load(PathOf("absent.toml")));
    }
}
