namespace Hft.Core.Toml;

/// <summary>A local date-time value in a document; the data itself is a <see cref="TomlLocalDateTime"/>.</summary>
public sealed class TomlLocalDateTimeValue : TomlValue
{
    /// <summary>Creates the value.</summary>
    public TomlLocalDateTimeValue(TomlLocalDateTime value, TomlPosition position = default) : base(position) => Value = value;

    /// <summary>The date and time.</summary>
    public TomlLocalDateTime Value { get; }

    /// <inheritdoc />
    public override TomlValueKind Kind => TomlValueKind.LocalDateTime;

    /// <inheritdoc />
    public override bool Equals(TomlValue? other) => other is TomlLocalDateTimeValue v && v.Value.Equals(Value);

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode();
}
