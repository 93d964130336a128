namespace Hft.Core.Toml;

/// <summary>A TOML boolean.</summary>
public sealed class TomlBoolean : TomlValue
{
    /// <summary>Creates a boolean value.</summary>
    public TomlBoolean(bool value, TomlPosition position = default) : base(position) => Value = value;

    /// <summary>The boolean.</summary>
    public bool Value { get; }

    /// <inheritdoc />
    public override TomlValueKind Kind => TomlValueKind.Boolean;

    /// <inheritdoc />
    public override bool Equals(TomlValue? other) => other is TomlBoolean b && b.Value == Value;

    /// <inheritdoc />
    public override int GetHashCode() => Value ? 1 : 0;
}
