using Hft.Engine.Config;

namespace Hft.Engine.Tests.Config;

/// <summary><c>[live] reload_orders</c> and <c>reload_on_change</c>: defaults, choices, kept by the printed settings.</summary>
public sealed class ReloadConfigTests : Data.TempDirectoryTest
{
    private string Write(string liveKeys)
    {
        string text = File.ReadAllText(Path.Combine(ConfigTestKit.AppSettings, "emulator-binance-futures.toml"))
            .Replace("../runs/", PathOf("runs").Replace('\\', '/') + "/", StringComparison.Ordinal)
            .Replace("cancel_on_stop = true", "cancel_on_stop = true\n" + liveKeys, StringComparison.Ordinal);
        string path = PathOf("reload.toml");
        File.WriteAllText(path, text);
        return path;
    }

    [Test]
    public void By_default_a_swap_cancels_and_nothing_is_watched()
    {
        var live = SettingsLoader.Load(Write("")).Live;
        Assert.That((live.CancelOnReload, live.ReloadOnChange), Is.EqualTo((true, false)));
    }

    [Test]
    public void Hand_over_and_the_watch_bind_and_survive_the_printed_settings()
    {
        var settings = SettingsLoader.Load(Write("reload_orders = \"hand_over\"\nreload_on_change = true"));
        Assert.That((settings.Live.CancelOnReload, settings.Live.ReloadOnChange), Is.EqualTo((false, true)));
        File.WriteAllText(PathOf("again.toml"), SettingsWriter.Write(settings).Replace("\"***\"", "\"x\"", StringComparison.Ordinal));
        var again = SettingsLoader.Load(PathOf("again.toml")).Live;
        Assert.That((again.CancelOnReload, again.ReloadOnChange), Is.EqualTo((false, true)));
    }

    [Test]
    public void Another_policy_is_reported_with_the_choices()
    {
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Load(Write("reload_orders = \"keep\"")));
        Assert.That(e!.Message, Does.Contain("live.reload_orders").And.Contain("cancel").And.Contain("hand_over"));
    }
}
