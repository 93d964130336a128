using System.Globalization;
using System.Text;

namespace Hft.Core.Toml;

/// <summary>
/// Prints a document model as TOML text that <see cref="TomlParser"/> reads back to an equal document.
/// The output is deterministic: keys in table order, plain values before sub-tables (TOML requires
/// that, since a header ends the section above it), one <c>[header]</c> or <c>[[header]]</c> per table.
/// </summary>
public static class TomlWriter
{
    /// <summary>Writes <paramref name="document"/> as a TOML document (LF line endings).</summary>
    /// <exception cref="ArgumentException">A string or key contains an unpaired UTF-16 surrogate, which TOML cannot hold.</exception>
    public static string Write(TomlTable document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sb = new StringBuilder();
        WriteBody(sb, document, []);
        return sb.ToString();
    }

    /// <summary>The value as it would appear on the right of <c>=</c>.</summary>
    internal static string FormatInline(TomlValue value)
    {
        var sb = new StringBuilder();
        AppendInline(sb, value);
        return sb.ToString();
    }

    /// <summary>A key segment, bare when TOML allows it, quoted otherwise.</summary>
    internal static string FormatKey(string key)
    {
        var sb = new StringBuilder();
        AppendKey(sb, key);
        return sb.ToString();
    }

    /// <summary>A dotted key such as <c>a."b c".d</c>.</summary>
    internal static string FormatKeyPath(IEnumerable<string> keys)
    {
        var sb = new StringBuilder();
        AppendKeyPath(sb, keys);
        return sb.ToString();
    }

    private static void WriteBody(StringBuilder sb, TomlTable table, List<string> path)
    {
        foreach (var entry in table.Entries)
        {
            if (IsSection(entry.Value))
                continue;
            AppendKey(sb, entry.Key);
            sb.Append(" = ");
            AppendInline(sb, entry.Value);
            sb.Append('\n');
        }

        foreach (var entry in table.Entries)
        {
            if (!IsSection(entry.Value))
                continue;
            path.Add(entry.Key);
            if (entry.Value is TomlTable sub)
            {
                // A table holding only sub-sections needs no header of its own: theirs create it.
                var needsHeader = sub.Count == 0 || sub.Values.Any(v => !IsSection(v));
                if (needsHeader)
                {
                    StartSection(sb);
                    sb.Append('[');
                    AppendKeyPath(sb, path);
                    sb.Append("]\n");
                }
                WriteBody(sb, sub, path);
            }
            else
            {
                foreach (var element in (TomlArray)entry.Value)
                {
                    StartSection(sb);
                    sb.Append("[[");
                    AppendKeyPath(sb, path);
                    sb.Append("]]\n");
                    WriteBody(sb, (TomlTable)element, path);
                }
            }
            path.RemoveAt(path.Count - 1);
        }
    }

    // Tables and non-empty arrays made only of tables get headers; everything else is written inline.
    private static bool IsSection(TomlValue value) =>
        value is TomlTable || (value is TomlArray { Count: > 0 } array && array.All(v => v is TomlTable));

    private static void StartSection(StringBuilder sb)
    {
        if (sb.Length > 0)
            sb.Append('\n');
    }

    private static void AppendKeyPath(StringBuilder sb, IEnumerable<string> keys)
    {
        var first = true;
        foreach (var key in keys)
        {
            if (!first)
                sb.Append('.');
            AppendKey(sb, key);
            first = false;
        }
    }

    private static void AppendKey(StringBuilder sb, string key)
    {
        if (key.Length > 0 && key.AsSpan().IndexOfAnyExcept(TomlSyntax.BareKeyChars) < 0)
            sb.Append(key);
        else
            AppendString(sb, key);
    }

    private static void AppendInline(StringBuilder sb, TomlValue value)
    {
        switch (value)
        {
            case TomlString s:
                AppendString(sb, s.Value);
                break;
            case TomlInteger i:
                sb.Append(i.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case TomlFloat f:
                AppendFloat(sb, f.Value);
                break;
            case TomlBoolean b:
                sb.Append(b.Value ? "true" : "false");
                break;
            case TomlOffsetDateTimeValue odt:
                sb.Append(odt.Value.ToString());
                break;
            case TomlLocalDateTimeValue ldt:
                sb.Append(ldt.Value.ToString());
                break;
            case TomlLocalDateValue ld:
                sb.Append(ld.Value.ToString());
                break;
            case TomlLocalTimeValue lt:
                sb.Append(lt.Value.ToString());
                break;
            case TomlArray array:
                sb.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                        sb.Append(", ");
                    AppendInline(sb, array[i]);
                }
                sb.Append(']');
                break;
            case TomlTable table:
                if (table.Count == 0)
                {
                    sb.Append("{}");
                    break;
                }
                sb.Append("{ ");
                var first = true;
                foreach (var entry in table.Entries)
                {
                    if (!first)
                        sb.Append(", ");
                    AppendKey(sb, entry.Key);
                    sb.Append(" = ");
                    AppendInline(sb, entry.Value);
                    first = false;
                }
                sb.Append(" }");
                break;
            default:
                throw new ArgumentException($"Unknown TOML value type {value.GetType().Name}.", nameof(value));
        }
    }

    private static void AppendFloat(StringBuilder sb, double value)
    {
        if (double.IsNaN(value))
        {
            sb.Append("nan");
            return;
        }
        if (double.IsInfinity(value))
        {
            sb.Append(value > 0 ? "inf" : "-inf");
            return;
        }
        // "R" is the shortest text that parses back to the same bits; TOML needs a '.' or an
        // exponent to tell a float from an integer, and "-0" must stay negative.
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        sb.Append(text);
        if (text.AsSpan().IndexOfAny('.', 'E') < 0)
            sb.Append(".0");
    }

    private static void AppendString(StringBuilder sb, string value)
    {
        sb.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\t': sb.Append("\\t"); break;
                case '\n': sb.Append("\\n"); break;
                case '\f': sb.Append("\\f"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (c < 0x20 || c == 0x7F)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsSurrogate(c))
                    {
                        if (!char.IsHighSurrogate(c) || i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                            throw new ArgumentException($"The string \"{value}\" contains an unpaired surrogate U+{(int)c:X4}; TOML text must be valid Unicode.");
                        sb.Append(c).Append(value[++i]);
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        sb.Append('"');
    }
}
