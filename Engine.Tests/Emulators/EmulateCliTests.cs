using System.Text.Json;
using Hft.Engine.Tests.Cli;

namespace Hft.Engine.Tests.Emulators;

/// <summary>The <c>emulate</c> command as a user runs it.</summary>
[TestFixture]
public sealed class EmulateCliTests
{
    [Test]
    public void Emulate_runs_for_its_duration_and_prints_the_json_summary()
    {
        var (code, stdout, stderr) = EngineProcess.Run("emulate", "binance-futures", "--data", "generated", "--port", "0", "--duration", "1.5", "--speed", "20", "--json", "--faults", "gap=0.01");
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stderr, Does.Contain("binance-futures emulator on http://127.0.0.1:"));
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.That(root.GetProperty("orders_received").GetInt64(), Is.EqualTo(0));
        Assert.That(root.GetProperty("orders_rejected").ValueKind, Is.EqualTo(JsonValueKind.Object));
        Assert.That(root.GetProperty("positions").ValueKind, Is.EqualTo(JsonValueKind.Object));
        Assert.That(root.GetProperty("market_messages").GetInt64(), Is.GreaterThan(0));
    }

    [Test]
    public void Bad_files_and_options_fail_with_one_line()
    {
        string missing = Path.Combine(Path.GetTempPath(), "no-such-emulator-data.npz");
        var (code, _, stderr) = EngineProcess.Run("emulate", "binance-futures", "--data", missing, "--port", "0", "--duration", "1");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr.Trim(), Does.StartWith($"error: {missing}: "));
        Assert.That(stderr.Trim().Split('\n'), Has.Length.EqualTo(1));

        (code, var bybit, _) = EngineProcess.Run("emulate", "bybit", "--port", "0", "--duration", "1", "--json");
        Assert.That(code, Is.EqualTo(0), "the Bybit emulator runs and stops after its duration");
        Assert.That(bybit, Does.Contain("\"venue\":\"bybit\""));

        (code, _, stderr) = EngineProcess.Run("emulate", "binance-futures", "--faults", "gap=7", "--port", "0");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("--faults"));

        (code, _, stderr) = EngineProcess.Run("emulate", "kraken");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("unknown venue"));
    }
}
