using Hft.Core.Text;
using System.Globalization;
using Hft.Engine.Config.Toml;

namespace Hft.Engine.Config;

/// <summary>
/// Typed access to one TOML table of a configuration. Every getter records the key as known, so
/// <see cref="Finish"/> can report the keys nobody asked for as unknown, with a suggestion among the known
/// ones. Getters report problems (wrong type, out of range, bad environment reference) to the
/// <see cref="BindingContext"/> and return null instead of throwing, so binding goes on and finds the rest.
/// </summary>
internal sealed class TableReader
{
    private readonly BindingContext _context;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private bool _acceptAll;

    public TableReader(BindingContext context, ConfigTable table, string path)
    {
        _context = context;
        Table = table;
        Path = path;
    }

    /// <summary>The table.</summary>
    public ConfigTable Table { get; }

    /// <summary>Its key path in messages, e.g. <c>instruments[0]</c> or <c>backtest.fees</c>; empty for the root.</summary>
    public string Path { get; }

    /// <summary>The context problems go to.</summary>
    public BindingContext Context => _context;

    /// <summary>The key path of <paramref name="key"/> in this table.</summary>
    public string KeyPath(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>True when the key is present (it counts as known).</summary>
    public bool Has(string key)
    {
        _known.Add(key);
        return Table.ContainsKey(key);
    }

    /// <summary>Where the key's value is, or the table itself when the key is absent.</summary>
    public SourcePosition PositionOf(string key) => Table.TryGetValue(key, out var value) ? value.Position : Table.Position;

    /// <summary>Reports a problem about <paramref name="key"/> at its value (or at the table when absent).</summary>
    public void Report(string key, string message) => _context.Report(PositionOf(key), $"{KeyPath(key)}: {message}");

    /// <summary>Reports that a required key is absent, at the table that lacks it.</summary>
    public void Missing(string key, string? detail = null)
    {
        string message = $"missing required key '{key}'{detail}";
        _context.Report(Table.Position, Path.Length == 0 ? message : $"{Path}: {message}");
    }

    /// <summary>A string, with <c>${NAME}</c> expanded.</summary>
    public string? String(string key, bool required = false)
    {
        if (!Find(key, required, out var value)) return null;
        if (value is ConfigScalar { Kind: ConfigValueKind.String } s) return _context.Expand(s, KeyPath(key));
        WrongType(key, value, "a string");
        return null;
    }

    /// <summary>
    /// A credential: a string, normally <c>"${NAME}"</c>. Messages about it never quote the value, not even a
    /// wrongly typed one, since a key pasted as a number is still a key.
    /// </summary>
    public Secret? Secret(string key, bool required = false)
    {
        if (!Find(key, required, out var value)) return null;
        if (value is not ConfigScalar { Kind: ConfigValueKind.String } s)
        {
            _context.Report(value.Position, $"{KeyPath(key)}: expected a string such as \"${{ENV_VAR}}\", found {ConfigValue.Describe(value.Kind)}");
            return null;
        }
        return _context.Expand(s, KeyPath(key)) is { } text ? new Secret(text) : null;
    }

    /// <summary>A boolean (<c>true</c> or <c>false</c>).</summary>
    public bool? Bool(string key, bool required = false)
    {
        if (!Find(key, required, out var value)) return null;
        if (value is ConfigScalar { Value: bool b }) return b;
        WrongType(key, value, "true or false");
        return null;
    }

    /// <summary>A number: TOML integers are accepted where a float is expected, since <c>1</c> means <c>1.0</c> to a person.</summary>
    public double? Number(string key, bool required = false)
    {
        if (!Find(key, required, out var value)) return null;
        switch (value)
        {
            case ConfigScalar { Value: double d }: return d;
            case ConfigScalar { Value: long l }: return l;
            default:
                WrongType(key, value, "a number");
                return null;
        }
    }

    /// <summary>A number that must satisfy <paramref name="valid"/>; otherwise reports <c>{rule}, got {value}</c>.</summary>
    public double? Number(string key, Func<double, bool> valid, string rule, bool required = false)
    {
        var number = Number(key, required);
        if (number is not { } n || valid(n)) return number;
        Report(key, $"{rule}, got {Format(n)}");
        return null;
    }

    /// <summary>One of a fixed set of names, e.g. <c>"linear"</c>; a near miss gets a suggestion.</summary>
    public T? Choice<T>(string key, IReadOnlyList<KeyValuePair<string, T>> choices, bool required = false) where T : struct
    {
        if (!Find(key, required, out var value)) return null;
        if (value is not ConfigScalar { Value: string s })
        {
            WrongType(key, value, "a string");
            return null;
        }
        foreach (var choice in choices)
        {
            if (string.Equals(choice.Key, s, StringComparison.Ordinal)) return choice.Value;
        }
        var names = choices.Select(c => c.Key).ToList();
        Report(key, $"expected {Alternatives(names)}, got '{s}'{KeySuggestions.Hint(s, names)}");
        return null;
    }

    /// <summary>A sub-table, or null when absent or not a table.</summary>
    public TableReader? SubTable(string key, bool required = false)
    {
        if (!Find(key, required, out var value)) return null;
        if (value is ConfigTable t) return new TableReader(_context, t, KeyPath(key));
        WrongType(key, value, $"a table ([{KeyPath(key)}])");
        return null;
    }

    /// <summary>An array of tables (<c>[[key]]</c> sections or an inline array of inline tables).</summary>
    public IReadOnlyList<TableReader> TableArray(string key)
    {
        if (!Find(key, false, out var value)) return [];
        if (value is not ConfigArray array)
        {
            WrongType(key, value, $"an array of tables ([[{KeyPath(key)}]])");
            return [];
        }
        var readers = new List<TableReader>(array.Count);
        for (int i = 0; i < array.Count; i++)
        {
            string path = $"{KeyPath(key)}[{i}]";
            if (array[i] is ConfigTable t)
                readers.Add(new TableReader(_context, t, path));
            else
                _context.Report(array[i].Position, $"{path}: expected a table, found {Found(array[i])}");
        }
        return readers;
    }

    /// <summary>An array of strings, each expanded; null when absent or wrongly typed.</summary>
    public IReadOnlyList<string>? StringArray(string key)
    {
        if (!Find(key, false, out var value)) return null;
        if (value is not ConfigArray array)
        {
            WrongType(key, value, "an array of strings");
            return null;
        }
        var result = new List<string>(array.Count);
        bool ok = true;
        for (int i = 0; i < array.Count; i++)
        {
            string path = $"{KeyPath(key)}[{i}]";
            if (array[i] is not ConfigScalar { Kind: ConfigValueKind.String } s)
            {
                _context.Report(array[i].Position, $"{path}: expected a string, found {Found(array[i])}");
                ok = false;
            }
            else if (_context.Expand(s, path) is { } text)
            {
                result.Add(text);
            }
            else
            {
                ok = false;
            }
        }
        return ok ? result : null;
    }

    /// <summary>Treats every key as known: used when the table's shape cannot be known (its <c>kind</c> is invalid).</summary>
    public void AcceptAll() => _acceptAll = true;

    /// <summary>Reports every key no getter asked for.</summary>
    /// <param name="owner">Says whose keys these are when it depends on a kind, e.g. "a bybit venue".</param>
    public void Finish(string? owner = null)
    {
        if (_acceptAll) return;
        foreach (var entry in Table.Entries)
        {
            if (_known.Contains(entry.Key)) continue;
            string what = owner is null ? "unknown key" : $"unknown key for {owner}";
            string hint = KeySuggestions.Closest(entry.Key, _known) is { } s
                ? $" (did you mean '{s}'?)"
                : $"; known keys: {string.Join(", ", _known.Order(StringComparer.Ordinal))}";
            _context.Report(entry.KeyPosition, $"{KeyPath(entry.Key)}: {what}{hint}");
        }
    }

    /// <summary>A number as written in messages and in <c>check</c> output.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary><c>'a'</c>, <c>'a' or 'b'</c>, <c>'a', 'b' or 'c'</c>.</summary>
    public static string Alternatives(IReadOnlyList<string> names) => names.Count switch
    {
        0 => "nothing",
        1 => $"'{names[0]}'",
        _ => string.Join(", ", names.Take(names.Count - 1).Select(n => $"'{n}'")) + $" or '{names[^1]}'",
    };

    private bool Find(string key, bool required, out ConfigValue value)
    {
        _known.Add(key);
        if (Table.TryGetValue(key, out var found))
        {
            value = found;
            return true;
        }
        if (required) Missing(key);
        value = null!;
        return false;
    }

    private void WrongType(string key, ConfigValue value, string expected) =>
        _context.Report(value.Position, $"{KeyPath(key)}: expected {expected}, found {Found(value)}");

    // Scalars are quoted so the user sees what was read (e.g. the string "0.01"); arrays and tables could be long.
    private static string Found(ConfigValue value) => value is ConfigArray or ConfigTable
        ? ConfigValue.Describe(value.Kind)
        : $"{ConfigValue.Describe(value.Kind)} {value}";
}
