namespace Hft.Core.Toml;

/// <summary>A TOML integer: always a 64-bit signed value, whatever radix it was written in.</summary>
public sealed class TomlInteger : TomlValue
{
    /// <summary>Creates an integer value.</summary>
    public TomlInteger(long value, TomlPosition position = default) : base(position) => Value = value;

    /// <summary>The integer.</summary>
    public long Value { get; }

    /// <inheritdoc />
    public override TomlValueKind Kind => TomlValueKind.Integer;

    /// <inheritdoc />
    public override bool Equals(TomlValue? other) => other is TomlInteger i && i.Value == Value;

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode();
}
