using System.Globalization;
using System.Text;

namespace Hft.Engine.Cli;

/// <summary>
/// A large, realistic configuration document for measuring the TOML parser: per instrument a table with
/// strings, floats, integers, booleans, a date-time, an array, an inline table, a multi-line string with
/// escapes, a dotted key and an array of tables.
/// </summary>
internal static class SyntheticTomlDocument
{
    /// <summary>Keys per instrument: the table's own key, its 10 keys, 3 in limits, 1 in risk, 2 in each of 2 venues.</summary>
    public const int KeysPerInstrument = 1 + 10 + 3 + 1 + 2 * 2;

    /// <summary>Generates at least <paramref name="minBytes"/> characters; returns the text and its total key count.</summary>
    public static (string Text, int Keys) Generate(int minBytes)
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
}
