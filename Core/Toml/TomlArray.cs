using System.Collections;

namespace Hft.Core.Toml;

/// <summary>
/// A TOML array: an ordered list of values of any kinds (TOML 1.0.0 allows mixing).
/// Arrays of tables written with <c>[[name]]</c> headers are arrays whose elements are <see cref="TomlTable"/>s.
/// </summary>
public sealed class TomlArray : TomlValue, IReadOnlyList<TomlValue>
{
    private readonly List<TomlValue> _items;

    /// <summary>Creates an empty array.</summary>
    public TomlArray(TomlPosition position = default) : base(position) => _items = [];

    /// <summary>Creates an array holding <paramref name="items"/>.</summary>
    public TomlArray(IEnumerable<TomlValue> items, TomlPosition position = default) : base(position)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = [.. items];
        foreach (var item in _items)
            ArgumentNullException.ThrowIfNull(item, nameof(items));
    }

    /// <inheritdoc />
    public override TomlValueKind Kind => TomlValueKind.Array;

    /// <summary>
    /// True when the parser built this array from <c>[[name]]</c> headers. Such an array may be
    /// appended to by later headers; an array written with <c>[ ]</c> may not.
    /// </summary>
    internal bool IsTableArray { get; init; }

    /// <inheritdoc />
    public int Count => _items.Count;

    /// <summary>The element at <paramref name="index"/>.</summary>
    public TomlValue this[int index]
    {
        get => _items[index];
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            _items[index] = value;
        }
    }

    /// <summary>Appends an element.</summary>
    public void Add(TomlValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _items.Add(value);
    }

    /// <summary>Removes the element at <paramref name="index"/>.</summary>
    public void RemoveAt(int index) => _items.RemoveAt(index);

    /// <inheritdoc />
    public IEnumerator<TomlValue> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Equal when both have the same length and equal elements in the same order.</summary>
    public override bool Equals(TomlValue? other)
    {
        if (ReferenceEquals(this, other))
            return true;
        if (other is not TomlArray a || a._items.Count != _items.Count)
            return false;
        for (var i = 0; i < _items.Count; i++)
        {
            if (!_items[i].Equals(a._items[i]))
                return false;
        }
        return true;
    }

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(_items.Count);
        foreach (var item in _items)
            hash.Add(item.GetHashCode());
        return hash.ToHashCode();
    }
}
