using Tomlyn.Syntax;

namespace Hft.Engine.Config.Toml;

/// <summary>
/// Turns Tomlyn's validated syntax tree into the binder's tables, in one walk. Tomlyn's validation has already
/// rejected duplicate keys and tables, so a clash here means the two disagree; it is still reported, never merged,
/// since a second <c>[risk]</c> silently merged into the first is exactly what must not happen.
/// </summary>
internal sealed class ConfigTreeBuilder
{
    private readonly List<(SourcePosition At, string Message)> _clashes = [];
    private readonly ConfigTable _root = new(SourcePosition.Start, ConfigTableOrigin.Root);

    private ConfigTreeBuilder()
    {
    }

    /// <summary>The document's root table, and any clash found (normally none).</summary>
    public static (ConfigTable Root, IReadOnlyList<(SourcePosition At, string Message)> Clashes) Build(DocumentSyntax document)
    {
        var builder = new ConfigTreeBuilder();
        foreach (var keyValue in document.KeyValues) builder.AddKeyValue(builder._root, keyValue);
        foreach (var table in document.Tables)
        {
            if (builder.OpenTable(table) is { } target)
            {
                foreach (var keyValue in table.Items) builder.AddKeyValue(target, keyValue);
            }
        }
        return (builder._root, builder._clashes);
    }

    /// <summary>The segments of a key, decoded (quotes and escapes resolved), each with where it is written.</summary>
    public static List<(string Name, SourcePosition At)> Segments(KeySyntax key)
    {
        var segments = new List<(string, SourcePosition)>(1 + key.DotKeys.ChildrenCount);
        segments.Add(Segment(key.Key!));
        foreach (var dotted in key.DotKeys) segments.Add(Segment(dotted.Key!));
        return segments;
    }

    private static (string, SourcePosition) Segment(BareKeyOrStringValueSyntax key) => key switch
    {
        BareKeySyntax bare => (bare.Key!.Text ?? "", SourcePosition.From(bare.Span.Start)),
        StringValueSyntax quoted => (quoted.Value ?? "", SourcePosition.From(quoted.Span.Start)),
        _ => throw new ArgumentException($"unexpected key node {key.GetType().Name}", nameof(key)),
    };

    private ConfigTable? OpenTable(TableSyntaxBase header)
    {
        var segments = Segments(header.Name!);
        var at = SourcePosition.From(header.Span.Start);
        var parent = Walk(_root, segments, segments.Count - 1, at, ConfigTableOrigin.Implicit);
        if (parent is null) return null;
        string name = segments[^1].Name;
        if (header is TableArraySyntax)
        {
            if (!parent.TryGetValue(name, out var existing))
            {
                existing = new ConfigArray(at, isTableArray: true);
                parent.TryAdd(new ConfigEntry(name, at, existing));
            }
            if (existing is not ConfigArray { IsTableArray: true } array) return Clash(at, name);
            var element = new ConfigTable(at, ConfigTableOrigin.ArrayElement);
            array.Add(element);
            return element;
        }
        if (!parent.TryGetValue(name, out var value))
        {
            var table = new ConfigTable(at, ConfigTableOrigin.Header);
            parent.TryAdd(new ConfigEntry(name, at, table));
            return table;
        }
        if (value is ConfigTable { Origin: ConfigTableOrigin.Implicit } named)
        {
            named.Origin = ConfigTableOrigin.Header;
            return named;
        }
        return Clash(at, name);
    }

    // Follows the first `count` segments from `table`, creating missing tables; into an array of tables it steps
    // into the last element, as TOML says.
    private ConfigTable? Walk(ConfigTable table, List<(string Name, SourcePosition At)> segments, int count, SourcePosition at, ConfigTableOrigin create)
    {
        for (int i = 0; i < count; i++)
        {
            var (name, keyAt) = segments[i];
            var position = create == ConfigTableOrigin.DottedKey ? keyAt : at;
            if (!table.TryGetValue(name, out var value))
            {
                var created = new ConfigTable(position, create);
                table.TryAdd(new ConfigEntry(name, position, created));
                table = created;
                continue;
            }
            switch (value)
            {
                case ConfigTable { Origin: ConfigTableOrigin.Inline }:
                    return Clash(position, name);
                // A dotted key may only extend tables that dotted keys made (or the table being defined).
                case ConfigTable t when create != ConfigTableOrigin.DottedKey || t.Origin == ConfigTableOrigin.DottedKey:
                    table = t;
                    break;
                case ConfigArray { IsTableArray: true, Count: > 0 } array when create != ConfigTableOrigin.DottedKey:
                    table = (ConfigTable)array[^1];
                    break;
                default:
                    return Clash(position, name);
            }
        }
        return table;
    }

    private void AddKeyValue(ConfigTable table, KeyValueSyntax keyValue)
    {
        var segments = Segments(keyValue.Key!);
        var at = segments[0].At;
        var target = Walk(table, segments, segments.Count - 1, at, ConfigTableOrigin.DottedKey);
        if (target is null || Convert(keyValue.Value!) is not { } value) return;
        var (name, keyAt) = segments[^1];
        if (!target.TryAdd(new ConfigEntry(name, keyAt, value))) Clash(keyAt, name);
    }

    private ConfigValue? Convert(ValueSyntax syntax)
    {
        switch (syntax)
        {
            case ArraySyntax array:
            {
                var result = new ConfigArray(SourcePosition.From(array.Span.Start), isTableArray: false);
                foreach (var item in array.Items)
                {
                    if (Convert(item.Value!) is { } value) result.Add(value);
                }
                return result;
            }
            case InlineTableSyntax inline:
            {
                var result = new ConfigTable(SourcePosition.From(inline.Span.Start), ConfigTableOrigin.DottedKey);
                foreach (var item in inline.Items) AddKeyValue(result, item.KeyValue!);
                // Closed only now: its own dotted keys could extend it while it was being read.
                Seal(result);
                return result;
            }
            default:
                return ConfigScalar.From(syntax) ?? throw new ArgumentException($"unexpected value node {syntax.GetType().Name}", nameof(syntax));
        }
    }

    private static void Seal(ConfigTable table)
    {
        table.Origin = ConfigTableOrigin.Inline;
        foreach (var entry in table.Entries)
        {
            if (entry.Value is ConfigTable { Origin: ConfigTableOrigin.DottedKey } sub) Seal(sub);
        }
    }

    private ConfigTable? Clash(SourcePosition at, string name)
    {
        _clashes.Add((at, $"\"{name}\" is already defined"));
        return null;
    }
}
