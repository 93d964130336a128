using System.CommandLine;
using System.Globalization;
using Hft.Backtest.Data;
using Hft.Backtest.Feed;
using Hft.Backtest.Models.Fees;
using Hft.Backtest.Models.Latency;
using Hft.Backtest.Models.Queue;
using Hft.Backtest.Reports;
using Hft.Backtest.Runs;
using Directive = Hft.Core.Actors.Supervision.Directive;
using Hft.Core.Markets;
using Hft.Core.Risk;
using Hft.Core.Strategies;
using Hft.Core.Time;
using Hft.Engine.Hosting;

namespace Hft.Engine.Cli;

/// <summary><c>backtest FILES...</c>: replays event files through the backtest graph and prints a summary.</summary>
internal static class BacktestCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "hftbacktest .npz/.npy event files, replayed in the order given" };
        var strategy = new Option<string>("--strategy") { Description = $"Strategy to run ({string.Join(", ", StrategyCatalog.Names)})", DefaultValueFactory = _ => "grid" };
        var param = new Option<string[]>("--param") { Description = "Strategy parameter KEY=VALUE (repeatable)", AllowMultipleArgumentsPerToken = false };
        var output = new Option<string?>("--out") { Description = "Directory for orders.csv and fills.csv" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on standard output (logs go to standard error)" };
        var symbol = new Option<string>("--symbol") { Description = "Instrument symbol", DefaultValueFactory = _ => "SIMUSDT" };
        var tick = new Option<double>("--tick-size") { Description = "Price increment", DefaultValueFactory = _ => 0.01 };
        var lot = new Option<double>("--lot-size") { Description = "Quantity increment", DefaultValueFactory = _ => 0.01 };
        var contract = new Option<string>("--contract") { Description = "linear or inverse", DefaultValueFactory = _ => "linear" };
        var contractSize = new Option<double>("--contract-size") { Description = "Contract multiplier", DefaultValueFactory = _ => 1.0 };
        var entry = new Option<double>("--entry-latency-ms") { Description = "Order entry latency (ms)", DefaultValueFactory = _ => 1.0 };
        var response = new Option<double>("--response-latency-ms") { Description = "Order response latency (ms)", DefaultValueFactory = _ => 1.0 };
        var queue = new Option<string>("--queue-model") { Description = "Queue position model: " + string.Join(", ", QueueModels.Names), DefaultValueFactory = _ => "risk-averse" };
        var maker = new Option<double>("--maker-fee") { Description = "Maker fee as a fraction of traded value (negative = rebate)", DefaultValueFactory = _ => -0.00005 };
        var taker = new Option<double>("--taker-fee") { Description = "Taker fee as a fraction of traded value", DefaultValueFactory = _ => 0.0007 };
        var snapshot = new Option<string?>("--initial-snapshot") { Description = "Event file whose rows set the starting book" };
        var maxPosition = new Option<double>("--max-position") { Description = "Risk: largest absolute position", DefaultValueFactory = _ => double.PositiveInfinity };
        var maxOrder = new Option<double>("--max-order-qty") { Description = "Risk: largest order quantity", DefaultValueFactory = _ => double.PositiveInfinity };
        var onError = new Option<string>("--on-strategy-error") { Description = "restart, resume or stop a strategy that throws", DefaultValueFactory = _ => "restart" };
        var verbose = new Option<bool>("--verbose") { Description = "More logging" };

        var command = new Command("backtest", "Replay event files through the actor graph with a simulated venue")
        {
            files, strategy, param, output, json, symbol, tick, lot, contract, contractSize, entry, response, queue,
            maker, taker, snapshot, maxPosition, maxOrder, onError, verbose,
        };
        command.SetAction(r => CliFailure.Guard(() =>
        {
            var log = EngineLogging.Create(r.GetValue(verbose));
            var parameters = StrategyParameters.Parse(r.GetValue(param) ?? []);
            string strategyName = r.GetValue(strategy)!;
            var factory = StrategyCatalog.Resolve(strategyName, parameters);
            var instrument = new Instrument(r.GetValue(symbol)!, "sim", r.GetValue(tick), r.GetValue(lot),
                ParseContract(r.GetValue(contract)!), r.GetValue(contractSize)).Validate();
            var paths = r.GetValue(files)!;
            foreach (var p in paths)
            {
                if (!File.Exists(p)) throw new FileNotFoundException($"{p}: no such file");
            }
            MarketEvent[]? initial = r.GetValue(snapshot) is { } snapPath ? EventFileReader.ReadAll(snapPath) : null;
            // The journal formats every order change; only pay for it when the files are wanted.
            var journal = r.GetValue(output) is null ? null : new TradeJournal([instrument]);
            var source = new FileBlockSource(paths);
            var setup = new BacktestSetup
            {
                Instruments = [new InstrumentSetup(instrument, () => source, initial)],
                Strategies = [new StrategySetup(strategyName, factory)],
                Latency = new ConstantLatency(Ms(r.GetValue(entry)), Ms(r.GetValue(response))),
                QueueModel = QueueModelFactory(r.GetValue(queue)!),
                Fees = new TradingValueFeeModel(r.GetValue(maker), r.GetValue(taker)),
                Risk = new RiskLimits(r.GetValue(maxOrder), r.GetValue(maxPosition)),
                OnStrategyError = ParseDirective(r.GetValue(onError)!),
                Log = new SerilogKernelLog(log),
                Journal = journal,
            };
            log.Information("Backtest of {Files} file(s), {Rows:N0} rows, strategy {Strategy}", paths.Length, source.TotalRows, strategyName);
            BacktestResult result;
            using (var run = new BacktestRun(setup)) result = run.Execute();
            if (r.GetValue(output) is { } dir && journal is not null)
            {
                journal.WriteTo(dir);
                log.Information("Wrote {Orders} order rows and {Fills} fills to {Dir}", journal.OrderRows, journal.FillRows, dir);
            }
            Console.Out.WriteLine(r.GetValue(json) ? ToJson(result, strategyName) : ToText(result));
            return 0;
        }));
        return command;
    }

    private static long Ms(double ms) => (long)Math.Round(ms * Nanos.PerMillisecond);

    internal static ContractKind ParseContract(string text) => text.ToLowerInvariant() switch
    {
        "linear" => ContractKind.Linear,
        "inverse" => ContractKind.Inverse,
        _ => throw new ArgumentException($"--contract: expected 'linear' or 'inverse', got '{text}'"),
    };

    internal static Func<IQueueModel> QueueModelFactory(string name) => QueueModels.Resolve(name);

    internal static Directive ParseDirective(string text) => text.ToLowerInvariant() switch
    {
        "restart" => Directive.Restart,
        "resume" => Directive.Resume,
        "stop" => Directive.Stop,
        _ => throw new ArgumentException($"--on-strategy-error: expected restart, resume or stop, got '{text}'"),
    };

    private static string ToText(BacktestResult r)
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
        if (r.DeadLetters > 0) lines.Add($"dead letters   {r.DeadLetters}");
        return string.Join(Environment.NewLine, lines);
    }

    private static string ToJson(BacktestResult r, string strategy) => Json.Object(w =>
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
    });
}
