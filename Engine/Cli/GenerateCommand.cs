using System.CommandLine;
using Hft.Backtest.Data.Synthetic;

namespace Hft.Engine.Cli;

/// <summary><c>generate --out FILE --events N --seed S [--mean-gap-ms G] [--move-ticks K]</c>: writes a synthetic L2 market as an hftbacktest .npz file.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Output .npz (or .npy) file", Required = true };
        var events = new Option<long>("--events") { Description = "Number of rows", DefaultValueFactory = _ => 1_000_000 };
        var seed = new Option<ulong>("--seed") { Description = "Random seed: the same seed gives the same file", DefaultValueFactory = _ => 1UL };
        var gap = new Option<double>("--mean-gap-ms") { Description = "Mean time between messages in milliseconds (more spreads the same rows over more event time)", DefaultValueFactory = _ => 1.0 };
        var move = new Option<int>("--move-ticks") { Description = "Ticks the mid moves in one move message (larger with a larger --mean-gap-ms keeps the mid as lively per second)", DefaultValueFactory = _ => 1 };
        var stored = new Option<bool>("--stored") { Description = "Write uncompressed (np.savez) instead of deflate (np.savez_compressed)" };
        var command = new Command("generate", "Write a deterministic synthetic L2 market (random-walk mid, depth updates, trades at the touch, feed latency)")
        {
            output, events, seed, gap, move, stored,
        };
        command.SetAction(r => CliFailure.Guard(() =>
        {
            long n = r.GetValue(events);
            if (n <= 0) throw new ArgumentException("--events: must be positive");
            string path = r.GetValue(output)!;
            double gapMs = r.GetValue(gap);
            if (!(gapMs >= 0 && gapMs <= 3_600_000)) throw new ArgumentException("--mean-gap-ms: must be between 0 and 3600000");
            int moveTicks = r.GetValue(move);
            if (moveTicks < 1 || moveTicks > 50) throw new ArgumentException("--move-ticks: must be between 1 and 50 (the book's levels a side)");
            var options = new SyntheticMarketOptions(n, r.GetValue(seed)) { MeanGapNanos = (long)Math.Round(gapMs * 1_000_000), MoveTicks = moveTicks };
            var progress = new ConsoleProgress("generate", n);
            SyntheticMarket.WriteFile(path, options, compress: !r.GetValue(stored), progress);
            progress.Done();
            Console.Error.WriteLine($"wrote {n:N0} rows to {path}");
            return 0;
        }));
        return command;
    }
}
