using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Hft.Core.Toml;

/// <summary>
/// A TOML table: keys mapped to values, kept in the order they were added (document order after
/// parsing) so enumeration and <see cref="TomlWriter"/> output are deterministic.
/// Equality ignores that order, as TOML does: two tables are equal when they have the same keys
/// with equal values.
/// </summary>
public sealed class TomlTable : TomlValue, IReadOnlyDictionary<string, TomlValue>
{
    // Small tables (the usual case in configs) are searched linearly; a hash index is added only past
    // this size. Parsing creates a table per section, so a dictionary per table would dominate the cost.
    private const int LinearSearchLimit = 8;

    private TomlTableEntry[] _items = [];
    private int _count;
    private Dictionary<string, int>? _index;

    /// <summary>Creates an empty table.</summary>
    public TomlTable(TomlPosition position = default) : base(position)
    {
    }

    /// <inheritdoc />
    public override TomlValueKind Kind => TomlValueKind.Table;

    /// <summary>Parser bookkeeping: which TOML construct created the table (see <see cref="TomlTableOrigin"/>).</summary>
    internal TomlTableOrigin Origin { get; set; }

    /// <inheritdoc />
    public int Count => _count;

    /// <summary>
    /// The value under <paramref name="key"/>. Setting replaces an existing value in place (keeping
    /// its order and key position) or appends a new key.
    /// </summary>
    public TomlValue this[string key]
    {
        get
        {
            var index = IndexOf(key);
            return index >= 0 ? _items[index].Value : throw new KeyNotFoundException($"The table has no key \"{key}\".");
        }
        set
        {
            ArgumentNullException.ThrowIfNull(key);
            ArgumentNullException.ThrowIfNull(value);
            var index = IndexOf(key);
            if (index >= 0)
                _items[index] = _items[index] with { Value = value };
            else
                Append(new TomlTableEntry(key, value, default));
        }
    }

    /// <summary>The keys in order.</summary>
    public IEnumerable<string> Keys => Entries.Select(e => e.Key);

    /// <summary>The values in key order.</summary>
    public IEnumerable<TomlValue> Values => Entries.Select(e => e.Value);

    /// <summary>Entries in order, with the position of each key.</summary>
    public IEnumerable<TomlTableEntry> Entries
    {
        get
        {
            for (var i = 0; i < _count; i++)
                yield return _items[i];
        }
    }

    /// <summary>Adds a key; throws <see cref="ArgumentException"/> when the key is already present.</summary>
    public void Add(string key, TomlValue value, TomlPosition keyPosition = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (IndexOf(key) >= 0)
            throw new ArgumentException($"The table already has a key \"{key}\".", nameof(key));
        Append(new TomlTableEntry(key, value, keyPosition));
    }

    /// <summary>Removes a key (later keys keep their order); returns false when it was not present.</summary>
    public bool Remove(string key)
    {
        var index = IndexOf(key);
        if (index < 0)
            return false;
        _count--;
        Array.Copy(_items, index + 1, _items, index, _count - index);
        _items[_count] = default;
        _index = null;
        if (_count > LinearSearchLimit)
            BuildIndex();
        return true;
    }

    /// <inheritdoc />
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TomlValue value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _items[index].Value : null;
        return index >= 0;
    }

    /// <summary>Looks up a key with its value and where it was written.</summary>
    public bool TryGetEntry(string key, out TomlTableEntry entry)
    {
        var index = IndexOf(key);
        entry = index >= 0 ? _items[index] : default;
        return index >= 0;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, TomlValue>> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
            yield return new KeyValuePair<string, TomlValue>(_items[i].Key, _items[i].Value);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Equal when both have the same set of keys and equal values under each; order is ignored.</summary>
    public override bool Equals(TomlValue? other)
    {
        if (ReferenceEquals(this, other))
            return true;
        if (other is not TomlTable t || t._count != _count)
            return false;
        for (var i = 0; i < _count; i++)
        {
            var index = t.IndexOf(_items[i].Key);
            if (index < 0 || !_items[i].Value.Equals(t._items[index].Value))
                return false;
        }
        return true;
    }

    /// <inheritdoc />
    public override int GetHashCode()
    {
        // XOR of per-entry hashes so the result does not depend on key order, matching Equals.
        var hash = _count;
        for (var i = 0; i < _count; i++)
            hash ^= HashCode.Combine(StringComparer.Ordinal.GetHashCode(_items[i].Key), _items[i].Value.GetHashCode());
        return hash;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_index is not null)
            return _index.TryGetValue(key, out var found) ? found : -1;
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_items[i].Key, key, StringComparison.Ordinal))
                return i;
        }
        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Append(TomlTableEntry entry)
    {
        if (_count == _items.Length)
            Array.Resize(ref _items, Math.Max(4, _count * 2));
        _items[_count] = entry;
        _count++;
        if (_index is not null)
            _index.Add(entry.Key, _count - 1);
        else if (_count > LinearSearchLimit)
            BuildIndex();
    }

    private void BuildIndex()
    {
        _index = new Dictionary<string, int>(_count * 2, StringComparer.Ordinal);
        for (var i = 0; i < _count; i++)
            _index.Add(_items[i].Key, i);
    }
}
