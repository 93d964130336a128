namespace Hft.Core.Toml;

/// <summary>A local date value in a document; the data itself is a <see cref="TomlLocalDate"/>.</summary>
public sealed class TomlLocalDateValue : TomlValue
{
    /// <summary>Creates the value.</summary>
    public TomlLocalDateValue(TomlLocalDate value, TomlPosition position = default) : base(position) => Value = value;

    /// <summary>The date.</summary>
    public TomlLocalDate Value { get; }

    /// <inheritdoc />
    public override TomlValueKind Kind => TomlValueKind.LocalDate;

    /// <inheritdoc />
    public override bool Equals(TomlValue? other) => other is TomlLocalDateValue v && v.Value.Equals(Value);

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode();
}
