using System.CommandLine;
using System.Globalization;
using Hft.Backtest.Data;
using Hft.Backtest.Venue;
using Hft.Exchanges.Emulators.BinanceFutures;
using Hft.Exchanges.Emulators.BinanceSpot;
using Hft.Exchanges.Emulators.Bybit;
using Hft.Exchanges.Emulators.Common;

namespace Hft.Engine.Cli;

/// <summary>
/// <c>emulate VENUE [--data FILE.npz] [--speed X] [--exchange MODEL] [--port N] [--duration S] [--json] [--seed N] [--faults ...]
/// [--api-key K] [--api-secret S]</c>: serves a venue's protocol on 127.0.0.1, replaying recorded (or generated)
/// market data, until Ctrl-C, SIGTERM or the duration; then prints what it saw.
/// </summary>
internal static class EmulateCommand
{
    private static readonly Dictionary<string, int> DefaultPorts = new(StringComparer.Ordinal)
    {
        ["binance-futures"] = BinanceFuturesOptions.DefaultPort,
        ["binance-spot"] = BinanceSpotOptions.DefaultPort,
        ["bybit"] = BybitOptions.DefaultPort,
    };

    public static Command Create()
    {
        var venue = new Argument<string>("venue") { Description = "binance-futures, binance-spot or bybit" };
        var data = new Option<string?>("--data") { Description = "Event file to replay (default samples/data/sample.npz); 'generated' for a generated market" };
        var speed = new Option<double>("--speed") { Description = "Replay speed: event-time gaps are divided by it", DefaultValueFactory = _ => 1.0 };
        var port = new Option<int?>("--port") { Description = "Port on 127.0.0.1 (0 picks a free one; default 18091 for binance-futures, 18092 spot, 18093 bybit)" };
        var duration = new Option<double?>("--duration") { Description = "Stop after this many seconds (default: until Ctrl-C or SIGTERM)" };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object on standard output" };
        var seed = new Option<int>("--seed") { Description = "Seed of update-id jumps, random faults and a generated market", DefaultValueFactory = _ => 1 };
        var faults = new Option<string?>("--faults") { Description = "Random faults: gap=P,dup=P,reorder=P,disconnect=P,stale=P:MS,slow=MS,error=P[:unknown-executed|unknown-not-executed|unavailable|timeout],ratelimit=P" };
        var apiKey = new Option<string>("--api-key") { Description = "API key the emulator accepts (default: the emulators' test key)", DefaultValueFactory = _ => Hft.Exchanges.Emulators.EmulatorCredentials.ApiKey };
        var apiSecret = new Option<string>("--api-secret") { Description = "API secret of that key (default: the emulators' test secret)", DefaultValueFactory = _ => Hft.Exchanges.Emulators.EmulatorCredentials.ApiSecret };
        var symbol = new Option<string>("--symbol") { Description = "Symbol of the replayed instrument", DefaultValueFactory = _ => "SIMUSDT" };
        var tick = new Option<double>("--tick-size") { Description = "Its price increment", DefaultValueFactory = _ => 0.01 };
        var lot = new Option<double>("--lot-size") { Description = "Its quantity increment", DefaultValueFactory = _ => 0.01 };
        var ping = new Option<double?>("--ping-interval-s") { Description = "Server ping interval in seconds (default: 180 on binance-futures, 20 on spot and bybit)" };
        var pong = new Option<double?>("--pong-timeout-s") { Description = "Drop a socket whose pong is this late, in seconds, 0 for never (default: the venue's, 600 on futures, 60 on spot)" };
        var exchange = new Option<string>("--exchange")
        {
            Description = "How orders are matched: no-partial-fill (every fill complete) or partial-fill (as much as the book or the queue allows)",
            DefaultValueFactory = _ => "no-partial-fill",
        };
        var queue = new Option<string>("--queue")
        {
            Description = "Queue-position model of the matching engine (risk-averse, as a backtest's default; or power1..3, power2-N, power3-N, log, log2): another model fills differently from a backtest",
            DefaultValueFactory = _ => "risk-averse",
        };
        var listenKey = new Option<double>("--listen-key-validity-s") { Description = "Listen-key validity in seconds", DefaultValueFactory = _ => 3600.0 };
        var command = new Command("emulate", "Serve a venue's protocol on 127.0.0.1 with a replayed market (for clients and tests)")
        {
            venue, data, speed, port, duration, json, seed, faults, apiKey, apiSecret, symbol, tick, lot, ping, pong, listenKey, exchange, queue,
        };
        command.SetAction(r => CliFailure.Guard(() =>
        {
            string name = r.GetValue(venue)!.Trim().ToLowerInvariant();
            if (!DefaultPorts.TryGetValue(name, out int defaultPort))
                throw new ArgumentException($"unknown venue '{name}'; available: {string.Join(", ", DefaultPorts.Keys)}");
            bool spot = name == "binance-spot";
            double s = r.GetValue(speed);
            if (!(s > 0) || double.IsInfinity(s)) throw new ArgumentException("--speed: must be a positive number");
            double? seconds = r.GetValue(duration);
            if (seconds is { } d && !(d > 0)) throw new ArgumentException("--duration: must be a positive number of seconds");
            double pingS = r.GetValue(ping) ?? (spot || name == "bybit" ? 20 : 180), pongS = r.GetValue(pong) ?? (spot ? 60 : 600), keyS = r.GetValue(listenKey);
            if (!(pingS > 0)) throw new ArgumentException("--ping-interval-s: must be positive");
            if (!(pongS >= 0)) throw new ArgumentException("--pong-timeout-s: must be 0 or positive");
            if (!(keyS > 0)) throw new ArgumentException("--listen-key-validity-s: must be positive");
            int seedValue = r.GetValue(seed);
            var schedule = FaultSchedule.Parse(r.GetValue(faults));
            var matching = ExchangeModels.Parse(r.GetValue(exchange)!);
            if (matching == ExchangeModel.L3) throw new ArgumentException("--exchange: l3 needs market-by-order data; an emulator matches with no-partial-fill or partial-fill");
            string queueName = r.GetValue(queue)!;
            Func<Hft.Backtest.Models.Queue.IQueueModel> queueModel;
            try
            {
                queueModel = Hft.Backtest.Models.Queue.QueueModels.Resolve(queueName);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException("--queue: " + e.Message);
            }
            var tape = LoadTape(r.GetValue(data), seedValue);
            var host = new HostSettings
            {
                Port = r.GetValue(port) ?? defaultPort,
                PingInterval = TimeSpan.FromSeconds(pingS),
                PongTimeout = pongS > 0 ? TimeSpan.FromSeconds(pongS) : null,
                HandleSignals = true,
            };
            if (spot)
            {
                var spotOptions = new BinanceSpotOptions
                {
                    Host = host, Market = tape, Speed = s, Seed = seedValue, Faults = schedule, Matching = matching, Queue = queueModel,
                    ApiKey = r.GetValue(apiKey)!, ApiSecret = r.GetValue(apiSecret)!,
                    Symbol = r.GetValue(symbol)!, TickSize = r.GetValue(tick), LotSize = r.GetValue(lot),
                };
                return BinanceSpotEmulator.RunAsync(spotOptions, seconds is { } sd ? TimeSpan.FromSeconds(sd) : null, r.GetValue(json)).GetAwaiter().GetResult();
            }
            if (name == "bybit")
            {
                var bybitOptions = new BybitOptions
                {
                    Host = host, Market = tape, Speed = s, Seed = seedValue, Faults = schedule, Matching = matching, Queue = queueModel,
                    ApiKey = r.GetValue(apiKey)!, ApiSecret = r.GetValue(apiSecret)!,
                    Symbol = r.GetValue(symbol)!, TickSize = r.GetValue(tick), LotSize = r.GetValue(lot),
                };
                return Run(bybitOptions, seconds, r.GetValue(json)).GetAwaiter().GetResult();
            }
            var options = new BinanceFuturesOptions
            {
                Host = host,
                Market = tape, Speed = s, Seed = seedValue, Faults = schedule, Matching = matching, Queue = queueModel,
                ApiKey = r.GetValue(apiKey)!, ApiSecret = r.GetValue(apiSecret)!,
                Symbol = r.GetValue(symbol)!, TickSize = r.GetValue(tick), LotSize = r.GetValue(lot),
                ListenKeyValidity = TimeSpan.FromSeconds(keyS),
            };
            return Run(options, seconds, r.GetValue(json)).GetAwaiter().GetResult();
        }));
        return command;
    }

    private static async Task<int> Run(BinanceFuturesOptions options, double? seconds, bool json)
    {
        await using var emulator = await BinanceFuturesEmulator.StartAsync(options).ConfigureAwait(false);
        var c = CultureInfo.InvariantCulture;
        Console.Error.WriteLine(string.Create(c,
            $"binance-futures emulator on http://127.0.0.1:{emulator.Port} (streams ws://127.0.0.1:{emulator.Port}/public/ws/..., /market/..., /private/ws?listenKey=...): {options.Market.Source}, {options.Symbol.ToUpperInvariant()}, speed {options.Speed}, matching {Hft.Backtest.Venue.ExchangeModels.NameOf(options.Matching)}, faults {options.Faults}; {(seconds is { } d ? $"stops after {d} s" : "Ctrl-C to stop")}"));
        return await Serve(emulator.Lifetime, emulator.Report, seconds, json).ConfigureAwait(false);
    }

    private static async Task<int> Run(BybitOptions options, double? seconds, bool json)
    {
        await using var emulator = await BybitEmulator.StartAsync(options).ConfigureAwait(false);
        var c = CultureInfo.InvariantCulture;
        Console.Error.WriteLine(string.Create(c,
            $"bybit emulator on http://127.0.0.1:{emulator.Port} (streams ws://127.0.0.1:{emulator.Port}/v5/public/linear, /v5/private, /v5/trade): {options.Market.Source}, {options.Symbol.ToUpperInvariant()}, speed {options.Speed}, matching {Hft.Backtest.Venue.ExchangeModels.NameOf(options.Matching)}, faults {options.Faults}; {(seconds is { } d ? $"stops after {d} s" : "Ctrl-C to stop")}"));
        return await Serve(emulator.Lifetime, emulator.Report, seconds, json).ConfigureAwait(false);
    }

    private static async Task<int> Serve(Microsoft.Extensions.Hosting.IHostApplicationLifetime lifetime, Func<RunReport> report, double? seconds, bool json)
    {
        var stopping = lifetime.ApplicationStopping;
        try
        {
            await Task.Delay(seconds is { } s ? TimeSpan.FromSeconds(s) : Timeout.InfiniteTimeSpan, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C or SIGTERM: the summary still gets printed.
        }
        var summary = report();
        if (json) Console.Out.WriteLine(summary.ToJson());
        else Console.Out.Write(summary.ToText());
        return 0;
    }

    /// <summary>The market: the file given, a generated one, or the bundled sample found near the working directory or the executable.</summary>
    private static MarketTape LoadTape(string? data, int seed)
    {
        if (string.Equals(data, "generated", StringComparison.OrdinalIgnoreCase))
            return MarketTape.Generated(300_000, (ulong)seed);
        if (data is not null) return MarketTape.FromFile(data);
        string relative = Path.Combine("samples", "data", "sample.npz");
        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, relative);
                if (File.Exists(candidate)) return MarketTape.FromFile(candidate);
            }
        }
        throw new EventFileException(relative, "the bundled sample was not found in the working directory, the executable's folder or their parents; give --data FILE.npz or --data generated");
    }
}
