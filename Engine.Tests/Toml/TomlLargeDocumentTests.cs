using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hft.Core.Toml;

namespace Hft.Engine.Tests.Toml;

/// <summary>A config of about 1 MB parses completely. The time is printed for information, not asserted.</summary>
public sealed class TomlLargeDocumentTests
{
    [Test]
    public void One_megabyte_config_parses_with_every_key()
    {
        var (text, expectedKeys) = GenerateConfig(1_000_000);
        var bytes = Encoding.UTF8.GetBytes(text);

        var stopwatch = Stopwatch.StartNew();
        var doc = TomlParser.Parse(bytes, "large.toml");
        stopwatch.Stop();
        var firstMs = stopwatch.Elapsed.TotalMilliseconds;
        stopwatch.Restart();
        TomlParser.Parse(bytes, "large.toml");
        stopwatch.Stop();

        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"parsed {bytes.Length:N0} bytes, {expectedKeys:N0} keys: first run {firstMs:F1} ms, second run {stopwatch.Elapsed.TotalMilliseconds:F1} ms"));
        Assert.Multiple(() =>
        {
            Assert.That(bytes.Length, Is.GreaterThanOrEqualTo(1_000_000));
            Assert.That(CountKeys(doc), Is.EqualTo(expectedKeys));
            var last = (TomlTable)doc[$"instrument_{expectedKeys / KeysPerInstrument - 1}"];
            Assert.That(((TomlArray)last["venues"]).Count, Is.EqualTo(2));
        });
    }

    // Per instrument: the instrument_N key itself, its 10 keys (symbol, tick_size, lot_size, enabled,
    // listed, tags, limits, description, risk, venues), 3 in limits, 1 in risk, 2 in each of 2 venues.
    private const int KeysPerInstrument = 1 + 10 + 3 + 1 + 2 * 2;

    private static (string Text, int Keys) GenerateConfig(int minBytes)
    {
        var sb = new StringBuilder();
        var keys = 0;
        var inv = CultureInfo.InvariantCulture;
        for (var i = 0; sb.Length < minBytes; i++)
        {
            sb.Append(inv, $"# instrument {i}\n[instrument_{i}]\n");
            sb.Append(inv, $"symbol = \"SYM{i}\"\n");
            sb.Append(inv, $"tick_size = {0.01 * (i % 7 + 1):R}\n");
            sb.Append(inv, $"lot_size = {i % 1000 + 1}\n");
            sb.Append("enabled = true\n");
            sb.Append("listed = 2020-01-01T09:30:00.250Z\n");
            sb.Append("tags = [\"equity\", 'us', \"\"\"large\"\"\"]  # trailing comment\n");
            sb.Append(inv, $"limits = {{ max_position = {i * 10}, max_order = 0xFF, notional = 1_000_000.0 }}\n");
            sb.Append("description = \"\"\"\nA multi-line \\\"description\\\"\n  with an escape \\u00e9.\"\"\"\n");
            sb.Append("risk.halt_on_loss = -5e3\n");
            sb.Append(inv, $"[[instrument_{i}.venues]]\nname = \"XNAS\"\nfee_bps = -0.2\n");
            sb.Append(inv, $"[[instrument_{i}.venues]]\nname = \"ARCA\"\nfee_bps = 0.3\n\n");
            keys += KeysPerInstrument;
        }
        return (sb.ToString(), keys);
    }

    private static int CountKeys(TomlValue value) => value switch
    {
        TomlTable table => table.Count + table.Values.Sum(CountKeys),
        TomlArray array => array.Sum(CountKeys),
        _ => 0,
    };
}
