using System.Globalization;
using System.Text.RegularExpressions;
using Tomlyn;
using Tomlyn.Syntax;

namespace Hft.Engine.Config.Toml;

/// <summary>
/// Tomlyn's diagnostics in the engine's words: a clash of definitions names both places and what each is
/// (a header, a dotted key, an inline table, a static array), a bad date says which field is out of range, and
/// the rest are Tomlyn's own messages made readable (no ␤ or &lt;eof&gt; markers).
/// </summary>
internal static partial class TomlDiagnosticText
{
    /// <summary>
    /// The problems of a document Tomlyn rejected, in file order, at most one per line. Clashes and bad values
    /// are all reported; after the first syntax error the parser is guessing, so what follows it is left out.
    /// </summary>
    public static IReadOnlyList<ConfigProblem> Problems(DocumentSyntax document, string fileName)
    {
        var problems = new List<ConfigProblem>();
        Definitions? definitions = null;
        var clashingTables = new HashSet<SyntaxNodeBase>();
        int lastLine = -1;
        foreach (var diagnostic in document.Diagnostics.Where(d => d.Kind == DiagnosticMessageKind.Error).OrderBy(d => d.Span.Start.Offset))
        {
            var at = SourcePosition.From(diagnostic.Span.Start);
            if (at.Line == lastLine) continue;
            lastLine = at.Line;
            var clash = AlreadyDefined().Match(diagnostic.Message);
            if (clash.Success)
            {
                definitions ??= new Definitions(document);
                var first = new SourcePosition(int.Parse(clash.Groups["line"].Value, CultureInfo.InvariantCulture),
                    int.Parse(clash.Groups["column"].Value, CultureInfo.InvariantCulture));
                // The keys of a table given twice clash too, but the second header is the one thing to fix.
                var node = definitions.At(at);
                if (node is TableSyntaxBase) clashingTables.Add(node);
                else if (node?.Parent?.Parent is { } owner && clashingTables.Contains(owner)) continue;
                problems.Add(new ConfigProblem(fileName, at.Line, at.Column, Clash(definitions, at, first, clash.Groups["key"].Value)));
                continue;
            }
            var (message, isSyntax) = Describe(diagnostic.Message);
            problems.Add(new ConfigProblem(fileName, at.Line, at.Column, message));
            if (isSyntax) break;
        }
        return problems;
    }

    /// <summary>The message of an exception Tomlyn threw instead of reporting a diagnostic.</summary>
    public static string Exception(TomlException e) =>
        e.Message.Contains("maximum depth", StringComparison.Ordinal)
            ? $"arrays and inline tables are nested more than {ConfigDocument.MaxNesting} levels deep"
            : Readable(e.Message);

    private static string Clash(Definitions definitions, SourcePosition at, SourcePosition first, string key)
    {
        string where = $"line {first.Line}, column {first.Column}";
        var second = definitions.At(at);
        var earlier = definitions.At(first);
        switch (second)
        {
            case TableSyntax table:
            {
                string name = $"[{Name(table.Name!)}]";
                return earlier switch
                {
                    TableSyntax => $"duplicate table {name}: it was already defined at {where}",
                    TableArraySyntax => $"cannot define table {name}: it is an array of tables defined at {where} (add elements with [[...]])",
                    KeyValueSyntax { Value: InlineTableSyntax } kv when IsSameKey(kv, key) =>
                        $"cannot define table {name}: it is an inline table defined at {where}, and inline tables cannot be extended",
                    KeyValueSyntax kv when kv.Key!.DotKeys.ChildrenCount > 0 =>
                        $"cannot define table {name}: it was already created by a dotted key at {where}",
                    KeyValueSyntax kv => $"cannot define table {name}: \"{key}\" is already {Kind(kv.Value)} defined at {where}",
                    _ => $"cannot define table {name}: \"{key}\" is already defined at {where}",
                };
            }
            case TableArraySyntax array:
            {
                string name = Name(array.Name!);
                return earlier switch
                {
                    KeyValueSyntax { Value: ArraySyntax } => $"cannot append to \"{name}\" with [[{name}]]: it is a static array defined at {where}",
                    TableSyntax => $"cannot define array of tables [[{name}]]: [{name}] is already a table defined at {where}",
                    KeyValueSyntax kv when kv.Key!.DotKeys.ChildrenCount > 0 =>
                        $"cannot define array of tables [[{name}]]: it was already created by a dotted key at {where}",
                    KeyValueSyntax kv => $"cannot define array of tables [[{name}]]: \"{key}\" is already {Kind(kv.Value)} defined at {where}",
                    _ => $"cannot define array of tables [[{name}]]: \"{key}\" is already defined at {where}",
                };
            }
            case KeyValueSyntax kv:
            {
                string name = Name(kv.Key!);
                string inTable = definitions.TableOf(kv) is { } t ? $" in table [{t}]" : "";
                if (kv.Key!.DotKeys.ChildrenCount == 0 || (earlier is KeyValueSyntax e && Name(e.Key!) == name))
                    return $"duplicate key \"{name}\"{inTable}: it was already defined at {where}";
                return earlier switch
                {
                    TableSyntaxBase header => $"cannot add to table [{Name(header.Name!)}] with dotted key {name}: it was defined by a header at {where}",
                    KeyValueSyntax { Value: InlineTableSyntax } => $"cannot extend \"{key}\" with dotted key {name}: it is an inline table defined at {where}, and inline tables cannot be extended",
                    KeyValueSyntax other => $"cannot use dotted key {name}: \"{key}\" is already {Kind(other.Value)} defined at {where}",
                    _ => $"cannot use dotted key {name}: \"{key}\" is already defined at {where}",
                };
            }
            default:
                return $"\"{key}\" is already defined at {where}";
        }
    }

    private static bool IsSameKey(KeyValueSyntax kv, string key) => key.EndsWith(Name(kv.Key!), StringComparison.Ordinal);

    // With its article: "a boolean", "an array", "an offset date-time".
    private static string Kind(ValueSyntax? value)
    {
        string kind = value switch
        {
            InlineTableSyntax => "inline table",
            ArraySyntax => "array",
            null => "value",
            _ => ConfigScalar.From(value) is { } scalar ? ConfigValue.Describe(scalar.Kind) : "value",
        };
        return (kind[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an " : "a ") + kind;
    }

    /// <summary>A key as a person would write it: <c>a."b c".d</c>.</summary>
    public static string Name(KeySyntax key) => string.Join('.', ConfigTreeBuilder.Segments(key).Select(s => TomlValueText.Key(s.Name)));

    private static (string Message, bool IsSyntax) Describe(string message)
    {
        if (BadDateTime().Match(message) is { Success: true } date) return (DateTimeText.Explain(date.Groups["text"].Value), false);
        if (BadInteger().Match(message) is { Success: true } integer)
            return ($"integer {integer.Groups["text"].Value} is out of range: TOML integers are 64-bit (-9223372036854775808 to 9223372036854775807)", false);
        if (LeadingZero().Match(message) is { Success: true } zero) return ($"invalid number '{zero.Groups["text"].Value}': leading zeros are not allowed", false);
        if (MissingEquals().Match(message) is { Success: true } equals)
            return ($"expected '=' after the key, found {Found(equals.Groups["found"].Value)}", true);
        if (message.StartsWith("Invalid newline in a string", StringComparison.Ordinal) || message.StartsWith("Invalid End-Of-File found on string", StringComparison.Ordinal))
            return ("unterminated string: missing closing quote before the end of the line (use \"\"\" or ''' for a multi-line string)", true);
        if (message.StartsWith("Invalid End-Of-File found for multi-line", StringComparison.Ordinal))
            return ("unterminated multi-line string: missing closing \"\"\" or ''' before the end of the file", true);
        if (BadEscape().Match(message) is { Success: true } escape)
            return ($"invalid escape sequence '\\{escape.Groups["c"].Value}'; valid escapes are \\b \\t \\n \\f \\r \\e \\\" \\\\ \\xHH \\uXXXX and \\UXXXXXXXX", true);
        if (Unexpected().Match(message) is { Success: true } token)
            return ($"unexpected {Found(token.Groups["found"].Value)}; each key = value pair needs its own line", true);
        return (Readable(message), true);
    }

    private static string Found(string token) => token switch
    {
        "␤" or "newline" => "the end of the line",
        "<eof>" or "Eof" => "the end of the file",
        _ => $"'{token}'",
    };

    // Tomlyn's markers for line ends and the end of input, in words.
    private static string Readable(string message)
    {
        string text = message.Replace("`␤`", "end of line", StringComparison.Ordinal).Replace("␤", "end of line", StringComparison.Ordinal)
            .Replace("`<eof>`", "end of file", StringComparison.Ordinal).Replace("<eof>", "end of file", StringComparison.Ordinal);
        text = ControlEscape().Replace(text, m => "U+" + m.Groups["hex"].Value.PadLeft(4, '0'));
        return text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }

    [GeneratedRegex(@"\\u(?<hex>[0-9A-Fa-f]{1,6});")]
    private static partial Regex ControlEscape();

    [GeneratedRegex(@"^The key `(?<key>.*)` is already defined at \((?<line>\d+),(?<column>\d+)\)", RegexOptions.Singleline)]
    private static partial Regex AlreadyDefined();

    [GeneratedRegex(@"^(Unable to parse the date time/offset|Invalid format of date time/offset) `(?<text>[^`]*)`")]
    private static partial Regex BadDateTime();

    [GeneratedRegex(@"^Unable to parse integer `(?<text>[^`]*)`")]
    private static partial Regex BadInteger();

    [GeneratedRegex(@"^Unexpected leading zero \(`0`\) for (integer|float) `(?<text>[^`]*)`")]
    private static partial Regex LeadingZero();

    [GeneratedRegex(@"^Expecting `=` after a key instead of (?<found>.*)$", RegexOptions.Singleline)]
    private static partial Regex MissingEquals();

    [GeneratedRegex(@"^Unexpected escape character \[(?<c>.)\]")]
    private static partial Regex BadEscape();

    [GeneratedRegex(@"^Unexpected token found `(?<found>[^`]*)`.* while expecting token `newline`$")]
    private static partial Regex Unexpected();

    /// <summary>Every key and header of a rejected document by where it starts, to say what each of two clashing definitions is.</summary>
    private sealed class Definitions
    {
        private readonly Dictionary<SourcePosition, SyntaxNode> _byPosition = new();

        public Definitions(DocumentSyntax document)
        {
            foreach (var kv in document.KeyValues) Add(kv);
            foreach (var table in document.Tables)
            {
                _byPosition.TryAdd(SourcePosition.From(table.Span.Start), table);
                // Tomlyn places some clashes of a header at its name rather than at its bracket.
                if (table.Name is { } name) _byPosition.TryAdd(SourcePosition.From(name.Span.Start), table);
                foreach (var kv in table.Items) Add(kv);
            }
        }

        public SyntaxNode? At(SourcePosition position) => _byPosition.GetValueOrDefault(position);

        public string? TableOf(KeyValueSyntax kv)
        {
            for (SyntaxNodeBase? node = kv.Parent; node is not null; node = node.Parent)
            {
                if (node is TableSyntaxBase table) return Name(table.Name!);
                if (node is InlineTableSyntax) return null;
            }
            return null;
        }

        private void Add(KeyValueSyntax? kv)
        {
            if (kv?.Key is null) return;
            _byPosition.TryAdd(SourcePosition.From(kv.Key.Span.Start), kv);
            if (kv.Value is InlineTableSyntax inline)
            {
                foreach (var item in inline.Items) Add(item.KeyValue);
            }
        }
    }
}
