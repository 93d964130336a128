using System.Text;
using Tomlyn.Model;

namespace Hft.Engine.Config.Toml;

/// <summary>
/// Lays out Tomlyn's model as a TOML document, every key and value formatted by Tomlyn
/// (<see cref="TomlValueText"/>): keys in the model's order, plain values before sub-tables (a header ends the
/// section above it), a blank line before each header, and no header for a table that only holds sub-tables.
/// This is the layout <c>check</c> has always printed; Tomlyn's serializer moves every array of tables after
/// the tables, writes no blank lines, and costs a cold start about 15 ms more than this on the first call.
/// </summary>
internal static class TomlDocumentText
{
    /// <summary>The document, LF line ends.</summary>
    public static string Write(TomlTable document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sb = new StringBuilder();
        WriteBody(sb, document, []);
        return sb.ToString();
    }

    private static void WriteBody(StringBuilder sb, TomlTable table, List<string> path)
    {
        foreach (var (key, value) in table)
        {
            if (IsSection(value)) continue;
            sb.Append(TomlValueText.Key(key)).Append(" = ").Append(TomlValueText.Format(value!)).Append('\n');
        }
        foreach (var (key, value) in table)
        {
            if (!IsSection(value)) continue;
            path.Add(key);
            if (value is TomlTable sub)
            {
                if (sub.Count == 0 || sub.Values.Any(v => !IsSection(v))) Header(sb, "[", path, "]");
                WriteBody(sb, sub, path);
            }
            else
            {
                foreach (var element in (TomlTableArray)value!)
                {
                    Header(sb, "[[", path, "]]");
                    WriteBody(sb, element, path);
                }
            }
            path.RemoveAt(path.Count - 1);
        }
    }

    private static bool IsSection(object? value) => value is TomlTable || value is TomlTableArray { Count: > 0 };

    private static void Header(StringBuilder sb, string open, List<string> path, string close)
    {
        if (sb.Length > 0) sb.Append('\n');
        sb.Append(open).Append(string.Join('.', path.Select(TomlValueText.Key))).Append(close).Append('\n');
    }
}
