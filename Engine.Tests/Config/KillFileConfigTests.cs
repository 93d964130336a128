using Hft.Engine.Config;

namespace Hft.Engine.Tests.Config;

/// <summary><c>[live] kill_file</c>: where <c>kill</c> writes and a session looks, by default beside the config.</summary>
public sealed class KillFileConfigTests : Data.TempDirectoryTest
{
    private string Write(string name, string live)
    {
        string text = File.ReadAllText(Path.Combine(ConfigTestKit.AppSettings, "emulator-binance-futures.toml"))
            .Replace("../runs/emulator-binance-futures", PathOf("runs").Replace('\\', '/'), StringComparison.Ordinal) + live;
        string path = PathOf(name);
        File.WriteAllText(path, text);
        return path;
    }

    [Test]
    public void By_default_it_is_the_config_s_name_with_kill_beside_it()
    {
        var settings = SettingsLoader.Load(Write("grid.toml", ""));
        Assert.That(settings.Live.KillFile, Is.EqualTo(PathOf("grid.kill")));
    }

    [Test]
    public void A_relative_kill_file_starts_at_the_config_s_folder_and_survives_the_printed_settings()
    {
        Directory.CreateDirectory(PathOf("conf"));
        var settings = SettingsLoader.Load(Write("conf/grid.toml", "kill_file = \"../switches/STOP\"\n"));
        Assert.That(settings.Live.KillFile, Is.EqualTo(Path.GetFullPath(PathOf("switches/STOP"))));
        string printed = SettingsWriter.Write(settings);
        Assert.That(printed, Does.Contain("kill_file = "));
    }
}
