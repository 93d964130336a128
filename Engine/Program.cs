using System.CommandLine;
using Hft.Engine.Cli;

namespace Hft.Engine;

/// <summary>The engine's command line: <c>backtest</c>, <c>generate</c>, <c>convert</c>, <c>snapshot</c>, <c>bench</c>, <c>check</c>, <c>strategies</c>, <c>compare</c>, <c>sweep</c>, <c>live</c>, <c>paper</c>, <c>record</c>, <c>emulate</c>.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        // Akka's start asks its loggers and guardians to answer on the thread pool; on two busy cores the pool's
        // slow thread injection would make the first backtest wait for it.
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 8), io);
        var root = new RootCommand("HFT engine: one actor graph for backtests (virtual clock) and live trading (real clock)")
        {
            BacktestCommand.Create(),
            GenerateCommand.Create(),
            ConvertCommand.Create(),
            SnapshotCommand.Create(),
            BenchCommand.Create(),
            CheckCommand.Create(),
            StrategiesCommand.Create(),
            CompareCommand.Create(),
            SweepCommand.Create(),
            SweepWorkerCommand.Create(),
            LiveCommand.CreateLive(),
            LiveCommand.CreatePaper(),
            LiveCommand.CreateRecord(),
            KillCommand.Create(),
            ResetBreakersCommand.Create(),
            ReloadCommand.Create(),
            EmulateCommand.Create(),
        };
        return root.Parse(args).Invoke();
    }
}
