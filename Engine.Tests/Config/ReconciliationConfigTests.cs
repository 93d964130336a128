using Hft.Engine.Config;
using Hft.Exchanges.Common.Reconciliation;

namespace Hft.Engine.Tests.Config;

/// <summary><c>[reconciliation]</c>: its defaults, its values, and a wrong value named where it is.</summary>
public sealed class ReconciliationConfigTests : Data.TempDirectoryTest
{
    private string Write(string extra)
    {
        string text = File.ReadAllText(Path.Combine(ConfigTestKit.AppSettings, "emulator-binance-futures.toml"))
            .Replace("../runs/emulator-binance-futures", PathOf("runs").Replace('\\', '/'), StringComparison.Ordinal) + extra;
        string path = PathOf("grid.toml");
        File.WriteAllText(path, text);
        return path;
    }

    [Test]
    public void Defaults_adjust_every_minute_and_on_reconnect()
    {
        var options = SettingsLoader.Load(Write("")).Reconciliation.ToOptions();
        Assert.Multiple(() =>
        {
            Assert.That(options.Policy, Is.EqualTo(ReconciliationPolicy.Adjust));
            Assert.That(options.Every, Is.EqualTo(TimeSpan.FromSeconds(60)));
            Assert.That(options.OnReconnect, Is.True);
            Assert.That(options.OnStart, Is.True, "a live session always reconciles at start");
            Assert.That(options.PositionToleranceLots, Is.Zero);
        });
    }

    [Test]
    public void Values_are_read_and_survive_the_printed_settings()
    {
        var settings = SettingsLoader.Load(Write("\n[reconciliation]\npolicy = \"halt\"\nevery_s = 0\non_reconnect = false\nposition_tolerance_lots = 2\n"));
        var options = settings.Reconciliation.ToOptions();
        Assert.Multiple(() =>
        {
            Assert.That(options.Policy, Is.EqualTo(ReconciliationPolicy.Halt));
            Assert.That(options.Every, Is.Null, "0: only at start and on reconnects");
            Assert.That(options.OnReconnect, Is.False);
            Assert.That(options.PositionToleranceLots, Is.EqualTo(2));
        });
        Assert.That(SettingsWriter.Write(settings), Does.Contain("policy = \"halt\""));
    }

    [Test]
    public void A_wrong_policy_is_named_with_its_line_and_the_choices()
    {
        string path = Write("\n[reconciliation]\npolicy = \"hlat\"\nevery_s = -1\n");
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Load(path));
        Assert.That(e!.Message, Does.Contain("policy").And.Contain("'warn', 'adjust' or 'halt'").Or.Contain("halt"));
        Assert.That(e.Message, Does.Contain("every_s"));
        Assert.That(e.Message, Does.Contain("grid.toml:"));
    }
}
