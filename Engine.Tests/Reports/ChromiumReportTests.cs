using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hft.Backtest.Data.Synthetic;
using Hft.Backtest.Statistics;
using Hft.Engine.Tests.Cli;

namespace Hft.Engine.Tests.Reports;

/// <summary>
/// End to end: a backtest with <c>--out</c>, then <c>report.html</c> opened in headless Chromium (offline: no
/// network is reachable from the page or the browser) for a screenshot and the rendered DOM. Without Chromium
/// the test is ignored with the reason, except under <c>CI=true</c>, where that is a failure.
/// </summary>
[NonParallelizable]
public sealed partial class ChromiumReportTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("hft-chromium-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static string? FindChromium()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in new[] { "chromium", "chromium-browser" })
            {
                string candidate = Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    private static string RequireChromium()
    {
        if (FindChromium() is { } path) return path;
        const string message = "chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail(message);
        Assert.Ignore(message);
        return "";
    }

    // Headless, no sandbox (root in containers), a fresh profile, and every host name resolving to nothing, so
    // neither the page nor the browser's own services can reach a network.
    private (int ExitCode, string Stdout, string Stderr) Chromium(string exe, string profile, params string[] args)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions", "--disable-sync", "--disable-component-update",
            "--host-resolver-rules=MAP * ~NOTFOUND", "--hide-scrollbars", $"--user-data-dir={profile}",
        }.Concat(args))
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail("chromium did not finish in 2 minutes");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [Test]
    public void The_report_renders_its_charts_and_statistics_in_chromium()
    {
        string chromium = RequireChromium();
        string data = Path.Combine(_dir, "m.npz");
        SyntheticMarket.WriteFile(data, new SyntheticMarketOptions(300_000, 1));
        string run = Path.Combine(_dir, "run");
        var bt = EngineProcess.Run("backtest", data, "--out", run);
        Assert.That(bt.ExitCode, Is.Zero, bt.Stderr);
        string report = Path.Combine(run, "report.html");
        string url = new Uri(report).AbsoluteUri;

        string png = Path.Combine(_dir, "report.png");
        var shot = Chromium(chromium, Path.Combine(_dir, "profile-1"), $"--screenshot={png}", "--window-size=1400,2000", url);
        Assert.That(shot.ExitCode, Is.Zero, shot.Stderr);
        Assert.That(File.Exists(png), Is.True, shot.Stderr);
        TestContext.AddTestAttachment(png, "report.html in headless Chromium");
        var image = PngImage.Read(png);
        Assert.That((image.Width, image.Height), Is.EqualTo((1400, 2000)));
        // The series colours of the stylesheet are on the page: lines and markers were drawn, not just text.
        Assert.Multiple(() =>
        {
            Assert.That(image.Count((37, 99, 235)), Is.GreaterThan(300), "equity line (#2563eb)");
            Assert.That(image.Count((124, 58, 237)), Is.GreaterThan(300), "position line (#7c3aed)");
            Assert.That(image.Count((51, 65, 85)), Is.GreaterThan(300), "price line (#334155)");
            Assert.That(image.Count((22, 163, 74)), Is.GreaterThan(20), "buy markers (#16a34a)");
            Assert.That(image.Count((220, 38, 38)), Is.GreaterThan(20), "sell markers and drawdown edge (#dc2626)");
        });

        var dom = Chromium(chromium, Path.Combine(_dir, "profile-2"), "--dump-dom", url);
        Assert.That(dom.ExitCode, Is.Zero, dom.Stderr);
        string html = dom.Stdout;
        Assert.That(SvgCount().Matches(html), Has.Count.EqualTo(4), "price, equity, drawdown and position");
        foreach (var chart in new[] { "price", "equity", "drawdown", "position" })
            Assert.That(html, Does.Contain($"data-chart=\"{chart}\""), chart);
        Assert.That(html, Does.Match("<path class=\"equity-line\" d=\"M[0-9.]+ [0-9.]+(L[0-9.]+ [0-9.]+){100,}"), "an equity line of many points");

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json")));
        var stats = summary.RootElement.GetProperty("instruments")[0];
        foreach (var key in new[] { "pnl", "sharpe", "max_drawdown", "trades", "fill_ratio", "spread_capture" })
        {
            var metric = MetricCatalog.Find(key)!;
            var v = stats.GetProperty(key);
            object? value = v.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.Number when metric.Kind == MetricKind.Count => v.GetInt64(),
                _ => v.GetDouble(),
            };
            string expected = System.Net.WebUtility.HtmlEncode(metric.Format(value));
            Assert.That(html, Does.Contain($"<tr data-metric=\"{key}\"><td>{System.Net.WebUtility.HtmlEncode(metric.Label)}</td><td class=\"num\">{expected}</td>"), key);
        }
    }

    [GeneratedRegex("<svg ")]
    private static partial Regex SvgCount();
}
