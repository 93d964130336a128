namespace Hft.Core.Toml;

/// <summary>A TOML string value (any of the four string syntaxes; escapes already resolved).</summary>
public sealed class TomlString : TomlValue
{
    /// <summary>Creates a string value.</summary>
    public TomlString(string value, TomlPosition position = default) : base(position)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
    }

    /// <summary>The decoded text.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public override TomlValueKind Kind => TomlValueKind.String;

    /// <inheritdoc />
    public override bool Equals(TomlValue? other) => other is TomlString s && string.Equals(Value, s.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => string.GetHashCode(Value, StringComparison.Ordinal);
}
