using Hft.Engine.Config;

namespace Hft.Engine.Tests.Config;

/// <summary><c>[metrics]</c>: off unless configured, its keys checked, refused in a backtest file.</summary>
public sealed class MetricsConfigTests : Data.TempDirectoryTest
{
    private string Write(string extra, string file = "emulator-binance-spot.toml")
    {
        string text = File.ReadAllText(Path.Combine(ConfigTestKit.AppSettings, file))
            .Replace("../runs/", PathOf("runs").Replace('\\', '/') + "/", StringComparison.Ordinal) + extra;
        string path = PathOf("metrics.toml");
        File.WriteAllText(path, text);
        return path;
    }

    [Test]
    public void Without_the_table_the_endpoint_is_off_and_the_status_line_on()
    {
        var m = SettingsLoader.Load(Write("")).Metrics;
        Assert.Multiple(() =>
        {
            Assert.That(m.Enabled, Is.False);
            Assert.That(m.Port, Is.Zero);
            Assert.That(m.StaleFeedMs, Is.EqualTo(5000));
            Assert.That(m.StatusLine, Is.True);
        });
    }

    [Test]
    public void The_table_s_keys_bind_and_survive_the_printed_settings()
    {
        var settings = SettingsLoader.Load(Write("\n[metrics]\nenabled = true\nport = 9464\nstale_feed_ms = 750\nstatus_line = false\n"));
        Assert.That(settings.Metrics, Is.EqualTo(new MetricsSettings { Enabled = true, Port = 9464, StaleFeedMs = 750, StatusLine = false }));
        File.WriteAllText(PathOf("again.toml"), SettingsWriter.Write(settings).Replace("\"***\"", "\"x\"", StringComparison.Ordinal));
        Assert.That(SettingsLoader.Load(PathOf("again.toml")).Metrics, Is.EqualTo(settings.Metrics));
    }

    [TestCase("port = 70000", "metrics.port: must be a TCP port from 1 to 65535, or 0 for a free one, got 70000")]
    [TestCase("port = 1.5", "metrics.port: must be a TCP port from 1 to 65535, or 0 for a free one, got 1.5")]
    [TestCase("stale_feed_ms = 0", "metrics.stale_feed_ms: must be more than 0 and at most 3600000 milliseconds (an hour), got 0")]
    [TestCase("host = \"0.0.0.0\"", "metrics.host: unknown key")]
    public void A_bad_key_is_reported_where_it_is(string line, string problem)
    {
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Load(Write("\n[metrics]\nenabled = true\n" + line + "\n")));
        Assert.That(e!.Message, Does.Contain(problem));
    }

    [Test]
    public void A_backtest_file_may_not_have_it()
    {
        string text = "mode = \"backtest\"\n\n[[instruments]]\nsymbol = \"SIMUSDT\"\ntick_size = 0.01\nlot_size = 0.01\ndata = [\"x.npz\"]\n\n[[strategies]]\nname = \"grid\"\nkind = \"grid\"\n\n[metrics]\nenabled = true\n";
        File.WriteAllText(PathOf("bt.toml"), text);
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Load(PathOf("bt.toml")));
        Assert.That(e!.Message, Does.Contain("metrics: the metrics endpoint is served only by live and paper sessions, not in mode 'backtest'"));
    }
}
