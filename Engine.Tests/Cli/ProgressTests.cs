using System.Diagnostics;
using Hft.Backtest.Data.Synthetic;
using Hft.Backtest.Feed;
using Hft.Backtest.Runs;
using Hft.Core.Markets;
using Hft.Core.Strategies;
using Hft.Engine.Cli;
using Hft.Engine.Tests.Runtime;
using Hft.Engine.Tests.Config;

namespace Hft.Engine.Tests.Cli;

public sealed class ProgressTests
{
    [Test]
    public void Rates_are_short_and_readable()
    {
        Assert.That(BacktestProgress.FormatRate(6_812_345), Is.EqualTo("6.8 M ev/s"));
        Assert.That(BacktestProgress.FormatRate(950_400), Is.EqualTo("950 k ev/s"));
        Assert.That(BacktestProgress.FormatRate(12), Is.EqualTo("12 ev/s"));
        Assert.That(BacktestProgress.FormatRate(null), Is.EqualTo("- ev/s"));
        Assert.That(BacktestProgress.FormatRate(double.NaN), Is.EqualTo("- ev/s"));
    }

    [Test]
    public void A_run_on_the_progress_thread_returns_its_result_and_its_failure()
    {
        var rows = SyntheticRows(5_000);
        BacktestRun Make(MarketEvent[] data) => new(new BacktestSetup
        {
            Instruments = [new InstrumentSetup(new Instrument("SIMUSDT", "sim", 0.01, 0.01), () => new MemoryBlockSource(data))],
            Strategies = [new StrategySetup("s", () => new Hft.Strategies.Idle())],
            System = TestActorSystems.Shared,
        });
        using (var run = Make(rows))
        {
            var result = BacktestProgress.Execute(run, rows.Length, show: true);
            Assert.That(result.Events, Is.EqualTo(rows.Length));
        }
        // Rows out of time order fail the replay on the core-loop thread; the failure reaches the caller unchanged.
        var broken = rows.ToArray();
        var last = broken[^1];
        broken[^1] = new MarketEvent(last.Flags, broken[0].ExchangeTime - 1, last.LocalTime, last.Price, last.Quantity);
        using (var run = Make(broken))
        {
            Assert.That(() => BacktestProgress.Execute(run, broken.Length, show: true), Throws.TypeOf<InvalidDataException>().With.Message.Contains("exch_ts"));
        }
    }

    private static MarketEvent[] SyntheticRows(int n)
    {
        var rows = new MarketEvent[n];
        var market = new SyntheticMarket(new SyntheticMarketOptions(n, 3));
        int filled = 0;
        while (filled < n)
        {
            int got = market.Fill(rows.AsSpan(filled));
            if (got == 0) break;
            filled += got;
        }
        return rows;
    }

    [Test]
    public void A_terminal_sees_the_progress_bar_and_a_pipe_does_not()
    {
        if (!File.Exists("/usr/bin/script")) Assert.Ignore("util-linux 'script' (a pseudo-terminal) is not installed");
        string dir = Directory.CreateTempSubdirectory("hft-progress-").FullName;
        try
        {
            string data = Path.Combine(dir, "m.npz");
            SyntheticMarket.WriteFile(data, new SyntheticMarketOptions(300_000, 5));
            string dll = Path.Combine(TestContext.CurrentContext.TestDirectory, "Hft.Engine.dll");
            string typescript = Path.Combine(dir, "tty.txt");
            // script runs the command on a pseudo-terminal and records everything written to it.
            var psi = new ProcessStartInfo("/usr/bin/script") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "-q", "-e", "-c", $"dotnet '{dll}' backtest '{data}' --out '{Path.Combine(dir, "out")}'", typescript }) psi.ArgumentList.Add(a);
            psi.Environment["HFT_PROGRESS_DELAY_MS"] = "0";
            psi.Environment["TERM"] = "xterm-256color";
            psi.Environment["COLUMNS"] = "160";
            using (var p = Process.Start(psi)!)
            {
                p.StandardOutput.ReadToEnd();
                if (!p.WaitForExit(TimeSpan.FromMinutes(2)))
                {
                    p.Kill(entireProcessTree: true);
                    Assert.Fail("the backtest under a pseudo-terminal did not finish");
                }
                Assert.That(p.ExitCode, Is.Zero, File.Exists(typescript) ? File.ReadAllText(typescript) : "");
            }
            string tty = File.ReadAllText(typescript);
            Assert.That(tty, Does.Contain("event time 2024-08-08"), "the bar shows the event time reached");
            Assert.That(tty, Does.Contain("ev/s"));
            Assert.That(tty, Does.Contain("%"));
            Assert.That(tty, Does.Contain("events/s"), "and the summary follows");

            // The same zero delay, but standard error is a pipe: no bar.
            using var env = new EnvironmentScope([new("HFT_PROGRESS_DELAY_MS", "0")]);
            var piped = EngineProcess.Run("backtest", data);
            Assert.That(piped.ExitCode, Is.Zero);
            Assert.That(piped.Stderr, Does.Not.Contain("event time 2024").And.Not.Contain("ev/s"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
