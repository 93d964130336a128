namespace Hft.Core.Toml;

/// <summary>
/// A node of a TOML document: a scalar, an array or a table.
/// Equality is by value and ignores <see cref="Position"/>, so a document parsed from
/// differently formatted text compares equal to the original.
/// </summary>
public abstract class TomlValue : IEquatable<TomlValue>
{
    private protected TomlValue(TomlPosition position) => Position = position;

    /// <summary>Which TOML type this is.</summary>
    public abstract TomlValueKind Kind { get; }

    /// <summary>
    /// Where the value starts in the source (for a table defined by a header, where the header starts);
    /// <c>default</c> for values built in code.
    /// </summary>
    public TomlPosition Position { get; internal set; }

    /// <summary>Value equality: same kind and same content; positions are not compared.</summary>
    public abstract bool Equals(TomlValue? other);

    /// <inheritdoc />
    public sealed override bool Equals(object? obj) => Equals(obj as TomlValue);

    /// <summary>Hash consistent with <see cref="Equals(TomlValue?)"/>.</summary>
    public abstract override int GetHashCode();

    /// <summary>The value as TOML inline text, e.g. <c>"a\tb"</c>, <c>1.5</c> or <c>{ x = 1 }</c>.</summary>
    public override string ToString() => TomlWriter.FormatInline(this);

    /// <summary>A short human name of the kind ("string", "integer", "table", ...) for messages.</summary>
    public static string Describe(TomlValueKind kind) => kind switch
    {
        TomlValueKind.String => "string",
        TomlValueKind.Integer => "integer",
        TomlValueKind.Float => "float",
        TomlValueKind.Boolean => "boolean",
        TomlValueKind.OffsetDateTime => "offset date-time",
        TomlValueKind.LocalDateTime => "local date-time",
        TomlValueKind.LocalDate => "local date",
        TomlValueKind.LocalTime => "local time",
        TomlValueKind.Array => "array",
        TomlValueKind.Table => "table",
        _ => kind.ToString(),
    };
}
