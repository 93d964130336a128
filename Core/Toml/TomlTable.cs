using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Hft.Core.Toml;

/// <summary>
/// A TOML table: keys mapped to values, kept in the order they were added (document order after
/// parsing) so enumeration and <see cref="TomlWriter"/> output are deterministic.
/// Equality ignores that order, as TOML does: two tables are equal when they have the same keys
/// with equal values.
/// </summary>
public sealed class TomlTable : TomlValue, IReadOnlyDictionary<string, TomlValue>
{
    private readonly OrderedDictionary<string, TomlTableEntry> _entries = new(StringComparer.Ordinal);

    /// <summary>Creates an empty table.</summary>
    public TomlTable(TomlPosition position = default) : base(position)
    {
    }

    /// <inheritdoc />
    public override TomlValueKind Kind => TomlValueKind.Table;

    /// <summary>Parser bookkeeping: which TOML construct created the table (see <see cref="TomlTableOrigin"/>).</summary>
    internal TomlTableOrigin Origin { get; set; }

    /// <inheritdoc />
    public int Count => _entries.Count;

    /// <summary>
    /// The value under <paramref name="key"/>. Setting replaces an existing value in place (keeping
    /// its order and key position) or appends a new key.
    /// </summary>
    public TomlValue this[string key]
    {
        get => _entries[key].Value;
        set
        {
            ArgumentNullException.ThrowIfNull(key);
            ArgumentNullException.ThrowIfNull(value);
            var index = _entries.IndexOf(key);
            if (index >= 0)
                _entries.SetAt(index, _entries.GetAt(index).Value with { Value = value });
            else
                _entries.Add(key, new TomlTableEntry(key, value, default));
        }
    }

    /// <summary>The keys in order.</summary>
    public IEnumerable<string> Keys => _entries.Keys;

    /// <summary>The values in key order.</summary>
    public IEnumerable<TomlValue> Values => _entries.Values.Select(e => e.Value);

    /// <summary>Entries in order, with the position of each key.</summary>
    public IEnumerable<TomlTableEntry> Entries => _entries.Values;

    /// <summary>Adds a key; throws <see cref="ArgumentException"/> when the key is already present.</summary>
    public void Add(string key, TomlValue value, TomlPosition keyPosition = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (!_entries.TryAdd(key, new TomlTableEntry(key, value, keyPosition)))
            throw new ArgumentException($"The table already has a key \"{key}\".", nameof(key));
    }

    /// <summary>Removes a key; returns false when it was not present.</summary>
    public bool Remove(string key) => _entries.Remove(key);

    /// <inheritdoc />
    public bool ContainsKey(string key) => _entries.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TomlValue value)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            value = entry.Value;
            return true;
        }
        value = null;
        return false;
    }

    /// <summary>Looks up a key with its value and where it was written.</summary>
    public bool TryGetEntry(string key, out TomlTableEntry entry) => _entries.TryGetValue(key, out entry);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, TomlValue>> GetEnumerator()
    {
        foreach (var entry in _entries.Values)
            yield return new KeyValuePair<string, TomlValue>(entry.Key, entry.Value);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Equal when both have the same set of keys and equal values under each; order is ignored.</summary>
    public override bool Equals(TomlValue? other)
    {
        if (ReferenceEquals(this, other))
            return true;
        if (other is not TomlTable t || t._entries.Count != _entries.Count)
            return false;
        foreach (var entry in _entries.Values)
        {
            if (!t._entries.TryGetValue(entry.Key, out var theirs) || !entry.Value.Equals(theirs.Value))
                return false;
        }
        return true;
    }

    /// <inheritdoc />
    public override int GetHashCode()
    {
        // XOR of per-entry hashes so the result does not depend on key order, matching Equals.
        var hash = _entries.Count;
        foreach (var entry in _entries.Values)
            hash ^= HashCode.Combine(StringComparer.Ordinal.GetHashCode(entry.Key), entry.Value.GetHashCode());
        return hash;
    }
}
