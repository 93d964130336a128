namespace Hft.Core.Toml;

/// <summary>A TOML float (IEEE 754 binary64), including <c>inf</c>, <c>-inf</c> and <c>nan</c>.</summary>
public sealed class TomlFloat : TomlValue
{
    /// <summary>Creates a float value.</summary>
    public TomlFloat(double value, TomlPosition position = default) : base(position) => Value = value;

    /// <summary>The number.</summary>
    public double Value { get; }

    /// <inheritdoc />
    public override TomlValueKind Kind => TomlValueKind.Float;

    /// <summary>
    /// Any NaN equals any NaN (TOML cannot spell payloads, and IEEE's NaN != NaN would make a
    /// document unequal to itself). Otherwise bits are compared, so <c>-0.0</c> differs from <c>0.0</c>:
    /// the writer keeps the sign, and a round trip should prove it.
    /// </summary>
    public override bool Equals(TomlValue? other) =>
        other is TomlFloat f &&
        (double.IsNaN(Value) ? double.IsNaN(f.Value) : BitConverter.DoubleToInt64Bits(Value) == BitConverter.DoubleToInt64Bits(f.Value));

    /// <inheritdoc />
    public override int GetHashCode() => double.IsNaN(Value) ? int.MinValue : BitConverter.DoubleToInt64Bits(Value).GetHashCode();
}
