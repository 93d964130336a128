namespace Hft.Engine.Config.Toml;

/// <summary>An array: inline (<c>[1, 2]</c>) or of tables (<c>[[name]]</c> headers, one element each).</summary>
public sealed class ConfigArray : ConfigValue, IReadOnlyList<ConfigValue>
{
    private readonly List<ConfigValue> _items = [];

    internal ConfigArray(SourcePosition position, bool isTableArray) : base(position) => IsTableArray = isTableArray;

    /// <summary>True when <c>[[name]]</c> headers built it, so later headers may append to it.</summary>
    public bool IsTableArray { get; }

    /// <inheritdoc />
    public override ConfigValueKind Kind => ConfigValueKind.Array;

    /// <inheritdoc />
    public int Count => _items.Count;

    /// <inheritdoc />
    public ConfigValue this[int index] => _items[index];

    internal void Add(ConfigValue value) => _items.Add(value);

    /// <inheritdoc />
    public IEnumerator<ConfigValue> GetEnumerator() => _items.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
