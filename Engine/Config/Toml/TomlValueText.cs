using System.Globalization;
using System.Text;
using Tomlyn;
using Tomlyn.Helpers;
using Tomlyn.Model;

namespace Hft.Engine.Config.Toml;

/// <summary>
/// TOML inline text of a value, by Tomlyn's formatter: what messages quote and what the reports list as the
/// run's configuration.
/// </summary>
internal static class TomlValueText
{
    /// <summary>
    /// <c>"text"</c>, <c>5</c>, <c>1.0</c>, <c>inf</c>, <c>true</c>, dates, <c>[a, b]</c> or <c>{ k = v }</c>, for
    /// the values Tomlyn's model holds.
    /// </summary>
    public static string Format(object value)
    {
        var sb = new StringBuilder();
        Append(sb, value);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, object value)
    {
        switch (value)
        {
            case string s:
                sb.Append(TomlFormatHelper.ToString(s, TomlPropertyDisplayKind.Default));
                break;
            case long l:
                sb.Append(l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                // Tomlyn spells positive infinity "+inf"; "inf" is what reports have always shown (summary.json
                // digests depend on it), and both are the same TOML value.
                sb.Append(double.IsPositiveInfinity(d) ? "inf" : TomlFormatHelper.ToString(d));
                break;
            case bool b:
                sb.Append(TomlFormatHelper.ToString(b));
                break;
            case TomlDateTime t:
                sb.Append(TomlFormatHelper.ToString(t));
                break;
            case TomlArray array:
                sb.Append('[');
                for (int i = 0; i < array.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Append(sb, array[i]!);
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
                bool first = true;
                foreach (var (key, item) in table)
                {
                    if (!first) sb.Append(", ");
                    sb.Append(Key(key)).Append(" = ");
                    Append(sb, item!);
                    first = false;
                }
                sb.Append(" }");
                break;
            default:
                throw new ArgumentException($"not a TOML value: {value.GetType().Name}", nameof(value));
        }
    }

    /// <summary>A key segment: bare when TOML allows it, quoted otherwise.</summary>
    public static string Key(string key) =>
        key.Length > 0 && key.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-')
            ? key
            : TomlFormatHelper.ToString(key, TomlPropertyDisplayKind.Default);
}
