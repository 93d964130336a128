using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hft.Engine.Config.Toml;

namespace Hft.Engine.Tests.Toml;

/// <summary>A config of about 1 MB parses completely. The time is printed for information, not asserted.</summary>
public sealed class TomlLargeDocumentTests
{
    [Test]
    public void One_megabyte_config_parses_with_every_key()
    {
        var (text, expectedKeys) = Hft.Engine.Cli.SyntheticTomlDocument.Generate(1_000_000);
        var bytes = Encoding.UTF8.GetBytes(text);

        var stopwatch = Stopwatch.StartNew();
        var doc = ConfigDocument.Parse(bytes, "large.toml");
        stopwatch.Stop();
        var firstMs = stopwatch.Elapsed.TotalMilliseconds;
        stopwatch.Restart();
        ConfigDocument.Parse(bytes, "large.toml");
        stopwatch.Stop();

        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"parsed {bytes.Length:N0} bytes, {expectedKeys:N0} keys: first run {firstMs:F1} ms, second run {stopwatch.Elapsed.TotalMilliseconds:F1} ms"));
        Assert.Multiple(() =>
        {
            Assert.That(bytes.Length, Is.GreaterThanOrEqualTo(1_000_000));
            Assert.That(CountKeys(doc), Is.EqualTo(expectedKeys));
            var last = (ConfigTable)doc[$"instrument_{expectedKeys / Hft.Engine.Cli.SyntheticTomlDocument.KeysPerInstrument - 1}"];
            Assert.That(((ConfigArray)last["venues"]).Count, Is.EqualTo(2));
        });
    }

    private static int CountKeys(ConfigValue value) => value switch
    {
        ConfigTable table => table.Count + table.Entries.Sum(e => CountKeys(e.Value)),
        ConfigArray array => array.Sum(CountKeys),
        _ => 0,
    };
}
