namespace Hft.Core.Toml;

/// <summary>An offset date-time value in a document; the data itself is a <see cref="TomlOffsetDateTime"/>.</summary>
public sealed class TomlOffsetDateTimeValue : TomlValue
{
    /// <summary>Creates the value.</summary>
    public TomlOffsetDateTimeValue(TomlOffsetDateTime value, TomlPosition position = default) : base(position) => Value = value;

    /// <summary>The date-time and offset.</summary>
    public TomlOffsetDateTime Value { get; }

    /// <inheritdoc />
    public override TomlValueKind Kind => TomlValueKind.OffsetDateTime;

    /// <inheritdoc />
    public override bool Equals(TomlValue? other) => other is TomlOffsetDateTimeValue v && v.Value.Equals(Value);

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode();
}
