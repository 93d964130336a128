using System.CommandLine;
using Hft.Backtest.Data.Synthetic;

namespace Hft.Engine.Cli;

/// <summary><c>generate --out FILE --events N --seed S</c>: writes a synthetic L2 market as an hftbacktest .npz file.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Output .npz (or .npy) file", Required = true };
        var events = new Option<long>("--events") { Description = "Number of rows", DefaultValueFactory = _ => 1_000_000 };
        var seed = new Option<ulong>("--seed") { Description = "Random seed: the same seed gives the same file", DefaultValueFactory = _ => 1UL };
        var stored = new Option<bool>("--stored") { Description = "Write uncompressed (np.savez) instead of deflate (np.savez_compressed)" };
        var command = new Command("generate", "Write a deterministic synthetic L2 market (random-walk mid, depth updates, trades at the touch, feed latency)")
        {
            output, events, seed, stored,
        };
        command.SetAction(r => CliFailure.Guard(() =>
        {
            long n = r.GetValue(events);
            if (n <= 0) throw new ArgumentException("--events: must be positive");
            string path = r.GetValue(output)!;
            var options = new SyntheticMarketOptions(n, r.GetValue(seed));
            var progress = new ConsoleProgress("generate", n);
            SyntheticMarket.WriteFile(path, options, compress: !r.GetValue(stored), progress);
            progress.Done();
            Console.Error.WriteLine($"wrote {n:N0} rows to {path}");
            return 0;
        }));
        return command;
    }
}
