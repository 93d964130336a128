namespace Hft.Engine.Config.Toml;

/// <summary>A table, keys in the order the file gives them.</summary>
public sealed class ConfigTable : ConfigValue
{
    private readonly List<ConfigEntry> _entries = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    internal ConfigTable(SourcePosition position, ConfigTableOrigin origin) : base(position) => Origin = origin;

    /// <inheritdoc />
    public override ConfigValueKind Kind => ConfigValueKind.Table;

    /// <summary>How the file created the table.</summary>
    public ConfigTableOrigin Origin { get; internal set; }

    /// <summary>The entries in file order.</summary>
    public IReadOnlyList<ConfigEntry> Entries => _entries;

    /// <summary>Number of keys.</summary>
    public int Count => _entries.Count;

    /// <summary>The value of <paramref name="key"/>; throws <see cref="KeyNotFoundException"/> when absent.</summary>
    public ConfigValue this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    /// <summary>True when the table has <paramref name="key"/>.</summary>
    public bool ContainsKey(string key) => _index.ContainsKey(key);

    /// <summary>The value of <paramref name="key"/>, when present.</summary>
    public bool TryGetValue(string key, out ConfigValue value)
    {
        if (TryGetEntry(key, out var entry))
        {
            value = entry.Value;
            return true;
        }
        value = null!;
        return false;
    }

    /// <summary>The entry of <paramref name="key"/> (with where the key is written), when present.</summary>
    public bool TryGetEntry(string key, out ConfigEntry entry)
    {
        if (_index.TryGetValue(key, out int i))
        {
            entry = _entries[i];
            return true;
        }
        entry = null!;
        return false;
    }

    // False when the key exists: the document builder never replaces or merges a value.
    internal bool TryAdd(ConfigEntry entry)
    {
        if (!_index.TryAdd(entry.Key, _entries.Count)) return false;
        _entries.Add(entry);
        return true;
    }
}
