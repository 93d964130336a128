using Akka.Actor;
using Hft.Core.Runtime;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Hft.Backtest.Data;
using Hft.Backtest.Data.Synthetic;
using Hft.Backtest.Feed;
using Hft.Backtest.Models.Fees;
using Hft.Backtest.Recording;
using Hft.Backtest.Reports;
using Hft.Backtest.Runs;

using Hft.Core.Books;
using Hft.Core.Markets;
using Hft.Strategies;

namespace Hft.Engine.Cli;

/// <summary>
/// <c>bench</c>: measures the engine's throughput on generated data, in events (rows) per second:
/// read_eps (decompressing a file), book_eps (applying rows to a book, from memory), graph_eps (the full
/// actor graph with a strategy that does nothing, from memory) and strategy_eps (the same with the grid
/// strategy). Each figure is the best of several runs after a warm-up.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var events = new Option<long>("--events") { Description = "Rows to generate", DefaultValueFactory = _ => 10_000_000 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var runs = new Option<int>("--runs") { Description = "Timed runs per figure (the best is reported)", DefaultValueFactory = _ => 3 };
        var only = new Option<string?>("--only") { Description = "Measure one figure: read, book, graph, strategy, record, toml, live, parse, tick or journal (others print as 0)" };
        var command = new Command("bench", "Measure read, book, graph and strategy throughput on generated data") { events, json, runs, only };
        command.SetAction(r => CliFailure.Guard(() => Run(r.GetValue(events), r.GetValue(runs), r.GetValue(json), r.GetValue(only))));
        return command;
    }

    private static int Run(long n, int runs, bool json, string? only)
    {
        if (only is not null && only is not ("read" or "book" or "graph" or "strategy" or "record" or "toml" or "live" or "parse" or "tick" or "journal"))
            throw new ArgumentException($"--only: expected read, book, graph, strategy, record, toml, live, parse, tick or journal, got '{only}'");
        bool Want(string figure) => only is null || only == figure;
        if (n <= 0 || n > int.MaxValue) throw new ArgumentException("--events: must be between 1 and 2147483647");
        runs = Math.Max(1, runs);
        var options = new SyntheticMarketOptions(n, 42);
        Console.Error.WriteLine($"bench: generating {n:N0} rows...");
        var rows = new MarketEvent[n];
        var market = new SyntheticMarket(options);
        int filled = 0;
        while (filled < rows.Length)
        {
            int got = market.Fill(rows.AsSpan(filled));
            if (got == 0) break;
            filled += got;
        }
        var instrument = new Instrument("BENCH", "sim", options.TickSize, options.LotSize);
        string file = Path.Combine(Path.GetTempPath(), $"hft-bench-{Environment.ProcessId}.npz");
        // One long-lived actor system for every run, as a sweep would use it: each run builds a fresh graph on its own loop.
        var system = EngineActorSystem.Create("bench");
        try
        {
            var warm = rows.AsSpan(0, Math.Min(rows.Length, 500_000)).ToArray();
            double read = 0, book = 0, graph = 0, strategy = 0;
            if (Want("read"))
            {
                Console.Error.WriteLine("bench: writing a compressed file for read_eps...");
                EventFileWriter.WriteAll(file, rows, compress: true);
                read = Best(runs, () => ReadFile(file), n);
                Console.Error.WriteLine($"bench: read_eps {read:N0}");
            }
            if (Want("book"))
            {
                ApplyToBook(warm, instrument);
                book = Best(runs, () => ApplyToBook(rows, instrument), n);
                Console.Error.WriteLine($"bench: book_eps {book:N0}");
            }
            if (Want("graph"))
            {
                RunGraph(system, warm, instrument, grid: false);
                graph = Best(runs, () => RunGraph(system, rows, instrument, grid: false), n);
                Console.Error.WriteLine($"bench: graph_eps {graph:N0}");
            }
            if (Want("strategy"))
            {
                RunGraph(system, warm, instrument, grid: true);
                strategy = Best(runs, () => RunGraph(system, rows, instrument, grid: true), n);
                Console.Error.WriteLine($"bench: strategy_eps {strategy:N0}");
            }
            double record = 0, recordBase = 0;
            if (Want("record"))
            {
                // A backtest as the command runs it (the grid strategy, rows read from a deflate .npz), with and
                // without everything --out adds (journal, recorder, equity.csv, statistics, summary.json,
                // report.html), alternating so both see the same machine load; the best run of each counts.
                string outDir = Path.Combine(Path.GetTempPath(), $"hft-bench-out-{Environment.ProcessId}");
                try
                {
                    if (!File.Exists(file)) EventFileWriter.WriteAll(file, rows, compress: true);
                    Func<IEventBlockSource> fromFile = () => new FileBlockSource([file]);
                    RunGraph(system, () => new MemoryBlockSource(warm), instrument, grid: true, outDir);
                    RunGraph(system, fromFile, instrument, grid: true);
                    double plainBest = double.MaxValue, recordBest = double.MaxValue;
                    for (int i = 0; i < runs; i++)
                    {
                        plainBest = Math.Min(plainBest, Seconds(() => RunGraph(system, fromFile, instrument, grid: true)));
                        recordBest = Math.Min(recordBest, Seconds(() => RunGraph(system, fromFile, instrument, grid: true, outDir)));
                    }
                    recordBase = n / plainBest;
                    record = n / recordBest;
                    Console.Error.WriteLine($"bench: record_eps {record:N0} (the same without --out: {recordBase:N0})");
                }
                finally
                {
                    if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
                }
            }
            double recordOverhead = record > 0 && recordBase > 0 ? 1 - record / recordBase : 0;
            double tomlMs = 0;
            if (Want("toml"))
            {
                tomlMs = ParseLargeConfigMilliseconds(runs);
                Console.Error.WriteLine($"bench: toml_1mb_ms {tomlMs:F1}");
            }
            double liveP50 = 0, liveP99 = 0;
            if (Want("live"))
            {
                (liveP50, liveP99) = LoopRoundTrip.Measure(system, 20_000);
                Console.Error.WriteLine($"bench: live round trip p50 {liveP50:F2} us, p99 {liveP99:F2} us");
            }
            IReadOnlyList<VenueParseBench.Figure> parse = [];
            if (Want("parse"))
            {
                parse = VenueParseBench.Measure(runs);
                foreach (var f in parse) Console.Error.WriteLine($"bench: parse {f.Name} {f.MessagesPerSecond:N0} msg/s, {f.BytesPerMessage:F0} B/msg");
            }
            double tickP50 = 0, tickP99 = 0, tickP999 = 0, tickBytes = 0;
            if (Want("tick"))
            {
                (tickP50, tickP99, tickP999, tickBytes) = TickToOrderBench.Measure(system, 20_000);
                Console.Error.WriteLine($"bench: tick to order p50 {tickP50:F2} us, p99 {tickP99:F2} us, p99.9 {tickP999:F2} us, {tickBytes:F0} B allocated per cycle");
            }
            double journalP50 = 0, journalP99 = 0, journalP999 = 0, journalBytes = 0, appendNs = 0, appendBytes = 0;
            IReadOnlyList<JournalBench.Durability> durable = [];
            if (Want("journal"))
            {
                (appendNs, appendBytes, durable) = JournalBench.Measure(Path.GetTempPath());
                Console.Error.WriteLine($"bench: journal append {appendNs:F0} ns, {appendBytes:F0} B per order event; durable " +
                                        string.Join(", ", durable.Select(d => $"{d.RecordsPerSecond:N0}/s committing every {d.CommitEvery}")));
                (journalP50, journalP99, journalP999, journalBytes) = TickToOrderBench.Measure(system, 20_000, journal: true);
                Console.Error.WriteLine($"bench: tick to order with the journal p50 {journalP50:F2} us, p99 {journalP99:F2} us, p99.9 {journalP999:F2} us, {journalBytes:F0} B per cycle");
            }
            double ratio = book > 0 ? graph / book : 0;

            var c = CultureInfo.InvariantCulture;
            if (json)
            {
                Console.Out.WriteLine(Json.Object(w =>
                {
                    w.WriteNumber("events", n);
                    w.Number("read_eps", read);
                    w.Number("book_eps", book);
                    w.Number("graph_eps", graph);
                    w.Number("strategy_eps", strategy);
                    w.Number("graph_over_book", ratio);
                    w.Number("record_base_eps", recordBase);
                    w.Number("record_eps", record);
                    w.Number("record_overhead", recordOverhead);
                    w.Number("toml_1mb_ms", tomlMs);
                    w.Number("live_round_trip_p50_us", liveP50);
                    w.Number("live_round_trip_p99_us", liveP99);
                    w.Number("tick_to_order_p50_us", tickP50);
                    w.Number("tick_to_order_p99_us", tickP99);
                    w.Number("tick_to_order_p999_us", tickP999);
                    w.Number("tick_to_order_bytes_per_cycle", tickBytes);
                    w.Number("journal_append_ns", appendNs);
                    w.Number("journal_append_bytes", appendBytes);
                    foreach (var d in durable) w.Number($"journal_durable_per_s_commit_{d.CommitEvery}", d.RecordsPerSecond);
                    w.Number("tick_to_order_journal_p50_us", journalP50);
                    w.Number("tick_to_order_journal_p99_us", journalP99);
                    w.Number("tick_to_order_journal_p999_us", journalP999);
                    w.Number("tick_to_order_journal_bytes_per_cycle", journalBytes);
                    w.WriteStartObject("parse");
                    foreach (var f in parse)
                    {
                        w.WriteStartObject(f.Name);
                        w.Number("messages_per_second", f.MessagesPerSecond);
                        w.Number("bytes_per_message", f.BytesPerMessage);
                        w.WriteEndObject();
                    }
                    w.WriteEndObject();
                    w.WriteNumber("runs", runs);
                    w.WriteNumber("processors", Environment.ProcessorCount);
                }));
            }
            else
            {
                Console.Out.WriteLine($"events          {n.ToString("N0", c)} (best of {runs} runs each)");
                Console.Out.WriteLine($"read_eps        {read.ToString("N0", c)}   decompress a .npz file (background reader)");
                Console.Out.WriteLine($"book_eps        {book.ToString("N0", c)}   apply local rows to an L2 book, from memory");
                Console.Out.WriteLine($"graph_eps       {graph.ToString("N0", c)}   full actor graph, idle strategy, from memory");
                Console.Out.WriteLine($"strategy_eps    {strategy.ToString("N0", c)}   full actor graph, grid strategy, from memory");
                Console.Out.WriteLine($"graph/book      {ratio.ToString("F3", c)}");
                Console.Out.WriteLine($"record_base_eps {recordBase.ToString("N0", c)}   grid strategy from a deflate .npz, as backtest runs it");
                Console.Out.WriteLine($"record_eps      {record.ToString("N0", c)}   the same with everything --out adds (recorder, statistics, five files)");
                Console.Out.WriteLine($"record_overhead {(recordOverhead * 100).ToString("F1", c)} %   1 - record_eps / record_base_eps");
                Console.Out.WriteLine($"toml_1mb_ms     {tomlMs.ToString("F1", c)}   parse a 1 MB configuration (best run after one warm-up)");
                Console.Out.WriteLine($"live_p50_us     {liveP50.ToString("F2", c)}   another thread -> actor on a real-clock loop -> back, median");
                Console.Out.WriteLine($"live_p99_us     {liveP99.ToString("F2", c)}   the same, 99th percentile");
                Console.Out.WriteLine($"tick_to_order   p50 {tickP50.ToString("F2", c)} us, p99 {tickP99.ToString("F2", c)} us, p99.9 {tickP999.ToString("F2", c)} us, {tickBytes.ToString("F0", c)} B/cycle   depth frame -> order request at the HTTP handler (binance-futures gateway, in process)");
                Console.Out.WriteLine($"journal_append  {appendNs.ToString("F0", c)} ns, {appendBytes.ToString("F0", c)} B per order event   the loop's cost of journaling one order change (serialize and queue)");
                foreach (var d in durable)
                    Console.Out.WriteLine($"journal_durable {d.RecordsPerSecond.ToString("N0", c)} records/s   fsync every {d.CommitEvery} records");
                Console.Out.WriteLine($"tick_journal    p50 {journalP50.ToString("F2", c)} us, p99 {journalP99.ToString("F2", c)} us, p99.9 {journalP999.ToString("F2", c)} us, {journalBytes.ToString("F0", c)} B/cycle   tick to order with the journal on");
                foreach (var f in parse)
                    Console.Out.WriteLine($"parse           {f.Name}: {f.MessagesPerSecond.ToString("N0", c)} msg/s, {f.BytesPerMessage.ToString("F0", c)} B/msg");
            }
            return 0;
        }
        finally
        {
            if (File.Exists(file)) File.Delete(file);
            system.Terminate().Wait(TimeSpan.FromSeconds(10));
        }
    }

    private static double Seconds(Action action)
    {
        GC.Collect();
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }

    private static double Best(int runs, Action action, long n)
    {
        double best = double.MaxValue;
        for (int i = 0; i < runs; i++)
        {
            GC.Collect();
            var watch = Stopwatch.StartNew();
            action();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        return n / best;
    }

    private static double ParseLargeConfigMilliseconds(int runs)
    {
        var (text, _) = SyntheticTomlDocument.Generate(1_000_000);
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        Hft.Engine.Config.Toml.ConfigDocument.Parse(bytes, "bench.toml");
        double best = double.MaxValue;
        for (int i = 0; i < Math.Max(runs, 3); i++)
        {
            var watch = Stopwatch.StartNew();
            Hft.Engine.Config.Toml.ConfigDocument.Parse(bytes, "bench.toml");
            best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
        }
        return best;
    }

    private static void ReadFile(string file)
    {
        using var stream = new EventChunkStream([file]);
        ulong check = 0;
        while (stream.TryTakeNext(out var chunk))
        {
            foreach (ref readonly var row in chunk.Span) check ^= row.Flags;
            stream.Return(chunk);
        }
        GC.KeepAlive(check);
    }

    private static void ApplyToBook(MarketEvent[] rows, Instrument instrument)
    {
        var depth = new MarketDepth(instrument.TickSize, instrument.LotSize);
        foreach (ref readonly var row in rows.AsSpan())
        {
            if ((row.Flags & EventFlags.Local) != 0) depth.Apply(in row);
        }
        GC.KeepAlive(depth);
    }

    private static void RunGraph(ActorSystem system, MarketEvent[] rows, Instrument instrument, bool grid) =>
        RunGraph(system, () => new MemoryBlockSource(rows), instrument, grid);

    private static void RunGraph(ActorSystem system, Func<IEventBlockSource> source, Instrument instrument, bool grid, string? outDir = null)
    {
        using var journal = outDir is null ? null : TradeJournal.Open([instrument], outDir);
        using var equity = outDir is null ? null : new EquityCsvWriter(Path.Combine(outDir, "equity.csv"), [instrument]);
        var setup = new BacktestSetup
        {
            Instruments = [new InstrumentSetup(instrument, source)],
            Strategies = [grid
                ? new StrategySetup("grid", () => new GridTrading(new GridTradingSettings()))
                : new StrategySetup("idle", () => new Idle())],
            Fees = new TradingValueFeeModel(-0.00005, 0.0007),
            System = system,
            Journal = journal,
            Recorder = outDir is null ? null : new RecorderOptions { Sink = equity },
        };
        using var run = new BacktestRun(setup);
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var result = run.Execute();
        if (outDir is not null)
        {
            journal?.Complete();
            BacktestReport.Write(outDir, result, new RunDescription("bench", []));
        }
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        if (Environment.GetEnvironmentVariable("HFT_BENCH_ALLOC") == "1")
            Console.Error.WriteLine($"bench: {(grid ? "grid" : "idle")} run allocated {allocated:N0} bytes");
    }
}
