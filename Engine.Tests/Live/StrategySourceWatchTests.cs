using Hft.Engine.Live;

namespace Hft.Engine.Tests.Live;

/// <summary><c>reload_on_change</c>'s watch, and the reload file's text.</summary>
public sealed class StrategySourceWatchTests : Data.TempDirectoryTest
{
    [Test]
    public void A_publish_of_several_files_is_one_reload_once_the_folder_is_quiet()
    {
        string plugins = PathOf("plugins");
        Directory.CreateDirectory(Path.Combine(plugins, "MyStrategy"));
        string config = PathOf("live.toml");
        File.WriteAllText(config, "mode = \"paper\"\n");
        var reloads = new List<string>();
        using (new StrategySourceWatch(plugins, config, what => { lock (reloads) reloads.Add(what); }, Serilog.Core.Logger.None))
        {
            for (int i = 0; i < 5; i++)
            {
                File.WriteAllBytes(Path.Combine(plugins, "MyStrategy", $"Part{i}.dll"), [1, 2, 3]);
                Thread.Sleep(100);
            }
            Thread.Sleep(2500);
            lock (reloads) Assert.That(reloads, Has.Count.EqualTo(1), string.Join("; ", reloads));
            File.AppendAllText(config, "# changed\n");
            Thread.Sleep(2500);
            File.WriteAllText(Path.Combine(plugins, "notes.txt"), "not an assembly");
            Thread.Sleep(1500);
        }
        lock (reloads)
        {
            Assert.That(reloads, Has.Count.EqualTo(2), string.Join("; ", reloads));
            Assert.That(reloads[1], Does.Contain("live.toml"));
        }
    }

    [TestCase(null, null)]
    [TestCase("quoter", "quoter")]
    public void The_reload_file_names_one_strategy_or_all(string? strategy, string? expected)
    {
        Assert.That(ReloadRequest.StrategyOf(ReloadRequest.Text(strategy)), Is.EqualTo(expected));
        Assert.That(ReloadRequest.StrategyOf("strategy=\n"), Is.Null);
    }
}
