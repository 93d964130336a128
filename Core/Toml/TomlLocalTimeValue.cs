namespace Hft.Core.Toml;

/// <summary>A local time value in a document; the data itself is a <see cref="TomlLocalTime"/>.</summary>
public sealed class TomlLocalTimeValue : TomlValue
{
    /// <summary>Creates the value.</summary>
    public TomlLocalTimeValue(TomlLocalTime value, TomlPosition position = default) : base(position) => Value = value;

    /// <summary>The time of day.</summary>
    public TomlLocalTime Value { get; }

    /// <inheritdoc />
    public override TomlValueKind Kind => TomlValueKind.LocalTime;

    /// <inheritdoc />
    public override bool Equals(TomlValue? other) => other is TomlLocalTimeValue v && v.Value.Equals(Value);

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode();
}
