using Tomlyn;
using Tomlyn.Syntax;

namespace Hft.Engine.Config.Toml;

/// <summary>
/// A string, number, boolean or date/time: Tomlyn's syntax node for it, whose value Tomlyn has already
/// decoded (escapes resolved, numbers parsed).
/// </summary>
public sealed class ConfigScalar : ConfigValue
{
    internal ConfigScalar(ValueSyntax syntax, ConfigValueKind kind, object value)
        : base(SourcePosition.From(syntax.Span.Start))
    {
        Syntax = syntax;
        Kind = kind;
        Value = value;
    }

    /// <summary>The node in Tomlyn's syntax tree.</summary>
    public ValueSyntax Syntax { get; }

    /// <inheritdoc />
    public override ConfigValueKind Kind { get; }

    /// <summary>The decoded value: <see cref="string"/>, <see cref="long"/>, <see cref="double"/>, <see cref="bool"/> or <see cref="TomlDateTime"/>.</summary>
    public object Value { get; }

    /// <summary>The value as TOML inline text, e.g. <c>"0.01"</c>, <c>5</c> or <c>2024-01-01</c>.</summary>
    public override string ToString() => TomlValueText.Format(Value);

    internal static ConfigScalar? From(ValueSyntax syntax) => syntax switch
    {
        StringValueSyntax s => new ConfigScalar(s, ConfigValueKind.String, s.Value ?? ""),
        IntegerValueSyntax i => new ConfigScalar(i, ConfigValueKind.Integer, i.Value),
        FloatValueSyntax f => new ConfigScalar(f, ConfigValueKind.Float, f.Value),
        BooleanValueSyntax b => new ConfigScalar(b, ConfigValueKind.Boolean, b.Value),
        DateTimeValueSyntax d => new ConfigScalar(d, d.Value.Kind switch
        {
            TomlDateTimeKind.LocalDateTime => ConfigValueKind.LocalDateTime,
            TomlDateTimeKind.LocalDate => ConfigValueKind.LocalDate,
            TomlDateTimeKind.LocalTime => ConfigValueKind.LocalTime,
            _ => ConfigValueKind.OffsetDateTime,
        }, d.Value),
        _ => null,
    };
}
