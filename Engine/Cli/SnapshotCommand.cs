using System.CommandLine;
using System.Globalization;
using Hft.Backtest.Data;
using Hft.Backtest.Snapshots;
using Hft.Core.Books;
using Hft.Core.Markets;
using Hft.Engine.Config;

namespace Hft.Engine.Cli;

/// <summary>
/// <c>snapshot FILES... --out SNAP.npz [--initial-snapshot PREV.npz]</c>: the book at the end of the files as an
/// initial snapshot for the next day (hftbacktest's <c>create_last_snapshot</c>; see <see cref="LastSnapshot"/>).
/// </summary>
internal static class SnapshotCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "Event files, replayed in the order given as one feed" };
        var output = new Option<string>("--out") { Description = "Output .npz (or .npy) snapshot file", Required = true };
        var initial = new Option<string?>("--initial-snapshot") { Description = "Snapshot the replay starts from (the previous day's)" };
        var tick = new Option<double>("--tick-size") { Description = "Price increment (as for backtest)", DefaultValueFactory = _ => 0.01 };
        var lot = new Option<double>("--lot-size") { Description = "Quantity increment (as for backtest)", DefaultValueFactory = _ => 0.01 };
        var onDataError = new Option<string>("--on-data-error") { Description = "stop or skip at a market-by-order row the reference refuses (as for backtest)", DefaultValueFactory = _ => "stop" };
        var stored = new Option<bool>("--stored") { Description = "Write uncompressed (np.savez) instead of deflate (np.savez_compressed)" };
        var command = new Command("snapshot",
            "Replay event files on a local book and write the book at the end as snapshot rows (both sides; resting orders for " +
            "market-by-order data) for the next day's backtest --initial-snapshot, as hftbacktest's create_last_snapshot")
        {
            files, output, initial, tick, lot, onDataError, stored,
        };
        command.SetAction(r => CliFailure.Guard(() =>
        {
            string[] paths = r.GetValue(files)!;
            foreach (var p in paths)
            {
                if (!File.Exists(p)) throw new FileNotFoundException($"{p}: no such file");
            }
            string? previous = r.GetValue(initial);
            if (previous is not null && !File.Exists(previous)) throw new FileNotFoundException($"{previous}: no such file");
            double tickSize = r.GetValue(tick), lotSize = r.GetValue(lot);
            if (!(tickSize > 0 && double.IsFinite(tickSize))) throw new ArgumentException("--tick-size: must be a positive number");
            if (!(lotSize > 0 && double.IsFinite(lotSize))) throw new ArgumentException("--lot-size: must be a positive number");
            string policyText = r.GetValue(onDataError)!;
            var policy = SettingsBinder.ParseDataErrorPolicy(policyText) ?? throw new ArgumentException($"--on-data-error: expected stop or skip, got '{policyText}'");
            string path = r.GetValue(output)!;
            if (paths.Any(p => Path.GetFullPath(p) == Path.GetFullPath(path))) throw new ArgumentException($"{path}: the output is also an input");

            var snapshot = LastSnapshot.Create(paths, tickSize, lotSize, previous is null ? null : EventFileReader.ReadAll(previous), policy);
            EventFileWriter.WriteAll(path, snapshot.Rows, compress: !r.GetValue(stored));
            Console.Error.WriteLine(Summary(snapshot, paths.Length, path));
            return 0;
        }));
        return command;
    }

    private static string Summary(LastSnapshot s, int files, string path)
    {
        var c = CultureInfo.InvariantCulture;
        var book = s.Book;
        int bids = s.Rows.Count(r => r.IsBuy), asks = s.Rows.Length - bids;
        string what = book.Orders.Count > 0 ? $"{bids.ToString("N0", c)} bid and {asks.ToString("N0", c)} ask orders" : $"{bids.ToString("N0", c)} bid and {asks.ToString("N0", c)} ask levels";
        string Price(double p) => double.IsNaN(p) ? "none" : p.ToString("G10", c);
        var lines = new List<string>
        {
            $"wrote {s.Rows.Length.ToString("N0", c)} snapshot rows ({what}) to {path}",
            $"  replayed        {s.RowsReplayed.ToString("N0", c)} rows from {files} file(s)",
            $"  book            best bid {Price(book.BestBid)} ({book.BestBidQuantity.ToString("G10", c)}), best ask {Price(book.BestAsk)} ({book.BestAskQuantity.ToString("G10", c)})",
        };
        if (s.Validator.SkippedRows > 0) lines.Add($"  skipped rows    {s.Validator.SkippedRows.ToString("N0", c)}: {s.Validator.Summary()}");
        return string.Join(Environment.NewLine, lines);
    }
}
