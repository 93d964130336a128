using System.CommandLine;
using System.Globalization;
using Hft.Backtest.Conversion;
using Hft.Backtest.Conversion.Bybit;
using Hft.Backtest.Conversion.Tardis;

namespace Hft.Engine.Cli;

/// <summary>
/// <c>convert VENUE RAW... --out FILE</c>: turns raw Binance or Bybit collector files into an hftbacktest <c>.npz</c>
/// event file, as hftbacktest's <c>binancefutures.convert</c> and <c>bybit.convert</c> do (see <see cref="BinanceConverter"/>,
/// <see cref="BybitConverter"/>).
/// </summary>
internal static class ConvertCommand
{
    /// <summary>Warnings printed one per line before they are only counted.</summary>
    private const int WarningsShown = 20;

    private const string Details =
        "Each input line is '<19-digit ns receive time> <raw JSON>', as hftbacktest's collector writes it. " +
        "Rows: trades with X=MARKET (exch_ts = T), depthUpdate bids then asks (qty 0 deletes), REST snapshots as a " +
        "clear up to the furthest price plus snapshot rows; bookTicker and other streams are dropped; venue errors " +
        "('code') are skipped with a warning. Then local timestamps are shifted if any row arrives before it happened " +
        "(by -min latency + --base-latency), rows are split where exchange and local order differ, and the order is " +
        "validated. Spot (no hftbacktest converter exists): depthUpdate uses its event time E (depth@100ms has no T), " +
        "trades use T, and a snapshot without T takes the latest exchange time converted before it (its receive time if it comes first). " +
        "Bybit (hftbacktest's bybit.convert): orderbook.{depth}.{symbol} snapshots as a clear plus snapshot rows, deltas as depth rows (exch_ts = ts), " +
        "publicTrade trades (exch_ts = T, SELL when the taker side S is Sell). Tardis (tardis.convert): trades and incremental_book_L2 " +
        "CSV files (µs times), snapshot runs as a clear plus snapshot rows, trade files read first. Several files are converted as one " +
        "concatenated input, in the order given. The input is streamed, but the converted rows are held in memory " +
        "for the corrections (about 80 bytes per row).";

    public static Command Create()
    {
        var venue = new Argument<string>("venue") { Description = "binance-futures (USD-M or COIN-M), binance-spot, bybit or tardis" };
        var inputs = new Argument<string[]>("raw") { Arity = ArgumentArity.OneOrMore, Description = "Raw collector files (.gz or plain text), converted as one input in the order given" };
        var output = new Option<string>("--out") { Description = "Output .npz (or .npy) event file", Required = true };
        var baseLatency = new Option<long>("--base-latency") { Description = "Feed latency in ns given to the fastest row when local timestamps must be shifted (hftbacktest's base_latency); not added otherwise" };
        var stored = new Option<bool>("--stored") { Description = "Write uncompressed (np.savez) instead of deflate (np.savez_compressed)" };
        var skipBad = new Option<bool>("--skip-bad-lines") { Description = "Skip malformed lines with a warning instead of stopping at the first" };
        var depth = new Option<int?>("--depth") { Description = "bybit: convert only orderbook.DEPTH topics (default: every depth recorded, as hftbacktest's bybit.convert)" };
        var snapshotMode = new Option<string?>("--snapshot-mode") { Description = "tardis: process (every snapshot, the default), ignore-sod (not the start-of-day one) or ignore (none), as hftbacktest's snapshot_mode" };
        var json = new Option<bool>("--json") { Description = "Print the summary and data-quality report as one JSON object on standard output" };
        var command = new Command("convert", "Convert raw Binance or Bybit collector files (hftbacktest's collector format) or Tardis.dev CSV files to an event file. " + Details)
        {
            venue, inputs, output, baseLatency, stored, skipBad, depth, snapshotMode, json,
        };
        command.SetAction(r => CliFailure.Guard(() =>
        {
            string source = r.GetValue(venue)!.ToLowerInvariant();
            bool bybit = source == "bybit", tardis = source == "tardis";
            var options = new ConversionOptions
            {
                Venue = bybit || tardis ? BinanceVenue.Futures : ParseVenue(source),
                BaseLatency = r.GetValue(baseLatency),
                SkipBadLines = r.GetValue(skipBad),
                Compress = !r.GetValue(stored),
            };
            if (options.BaseLatency < 0) throw new ArgumentException("--base-latency: must not be negative");
            string[] paths = r.GetValue(inputs)!;
            string path = r.GetValue(output)!;
            int? onlyDepth = r.GetValue(depth);
            if (onlyDepth is not null && !bybit) throw new ArgumentException("--depth: only for bybit");
            if (onlyDepth is <= 0) throw new ArgumentException("--depth: must be a positive number of levels (1, 50, 200, 500, 1000)");
            string? modeText = r.GetValue(snapshotMode);
            if (modeText is not null && !tardis) throw new ArgumentException("--snapshot-mode: only for tardis");
            var mode = modeText?.ToLowerInvariant() switch
            {
                null or "process" => TardisSnapshotMode.Process,
                "ignore-sod" or "ignore_sod" => TardisSnapshotMode.IgnoreStartOfDay,
                "ignore" => TardisSnapshotMode.Ignore,
                _ => throw new ArgumentException($"--snapshot-mode: expected process, ignore-sod or ignore, got '{modeText}'"),
            };
            RawFileConverter converter = bybit ? new BybitConverter(options) { Depth = onlyDepth }
                : tardis ? new TardisConverter(options) { SnapshotMode = mode }
                : new BinanceConverter(options);
            return Run(converter, paths, path, r.GetValue(json));
        }));
        return command;
    }

    private static int Run(RawFileConverter converter, string[] inputs, string output, bool json)
    {
        long inputBytes = inputs.Sum(p => File.Exists(p) ? new FileInfo(p).Length : 0);
        var read = new ConsoleProgress("read", inputBytes);
        ConsoleProgress? write = null;
        bool readDone = false;
        int warnings = 0;
        converter.ReadProgress = read;
        converter.Warning = w =>
        {
            if (warnings++ < WarningsShown) Console.Error.WriteLine($"warning: {w}");
        };
        converter.WriteStarting = rows =>
        {
            read.Done();
            readDone = true;
            write = new ConsoleProgress("write", rows);
            converter.WriteProgress = write;
        };
        ConversionSummary s;
        try
        {
            s = converter.Convert(inputs, output);
        }
        finally
        {
            // End the progress line in use, so what follows starts on a line of its own.
            if (!readDone) read.Done();
            write?.Done();
        }
        if (warnings > WarningsShown) Console.Error.WriteLine($"warning: {warnings - WarningsShown:N0} more warning(s) not shown");
        if (json) Console.Out.WriteLine(ConversionReport.Json(s, output));
        else Console.Error.WriteLine(ConversionReport.Text(s, output));
        return 0;
    }

    private static BinanceVenue ParseVenue(string text) => text.ToLowerInvariant() switch
    {
        "binance-futures" or "binancefutures" => BinanceVenue.Futures,
        "binance-spot" or "binancespot" => BinanceVenue.Spot,
        _ => throw new ArgumentException($"venue: expected binance-futures, binance-spot, bybit or tardis, got '{text}'"),
    };
}
