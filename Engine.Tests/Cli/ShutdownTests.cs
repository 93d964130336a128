using System.Diagnostics;
using System.Text.Json;
using Hft.Backtest.Data.Synthetic;

namespace Hft.Engine.Tests.Cli;

/// <summary>Ctrl-C (SIGINT) goes through the host and Akka's CoordinatedShutdown: a replay ends where it is and is still reported.</summary>
[NonParallelizable]
public sealed class ShutdownTests : Data.TempDirectoryTest
{
    [Test]
    public void Ctrl_C_ends_a_backtest_early_and_its_results_are_still_written()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("sends SIGINT with kill(1)");
        string data = PathOf("long.npz");
        SyntheticMarket.WriteFile(data, new SyntheticMarketOptions(6_000_000, 3), compress: false);
        string dll = Path.Combine(TestContext.CurrentContext.TestDirectory, "Hft.Engine.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "backtest", data, "--json", "--out", PathOf("out") }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = new System.Text.StringBuilder();
        p.ErrorDataReceived += (_, e) => { lock (stderr) stderr.AppendLine(e.Data); };
        p.BeginErrorReadLine();
        // Wait until the run is set up (its start is logged) and the replay under way, then interrupt it.
        var watch = Stopwatch.StartNew();
        bool Logged() { lock (stderr) return stderr.ToString().Contains("Backtest of", StringComparison.Ordinal); }
        while (!Logged() && watch.Elapsed < TimeSpan.FromSeconds(60) && !p.HasExited) Thread.Sleep(10);
        Thread.Sleep(700);
        Assume.That(p.HasExited, Is.False, "the replay finished before it could be interrupted");
        using (var kill = Process.Start("kill", ["-INT", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
        Assert.That(p.WaitForExit(TimeSpan.FromSeconds(60)), Is.True, "the engine exits after Ctrl-C");
        Assert.That(p.ExitCode, Is.Zero, stderr.ToString());
        using var doc = JsonDocument.Parse(stdout.Result);
        long events = doc.RootElement.GetProperty("events").GetInt64();
        Assert.That(File.Exists(PathOf("out/summary.json")), Is.True, "the results of what was replayed are written");
        Assert.That(events, Is.GreaterThan(0));
        // On a loaded machine the signal may land just after the last event; that says nothing about the shutdown.
        Assume.That(events, Is.LessThan(6_000_000), "the replay had finished when the signal arrived");
    }
}
