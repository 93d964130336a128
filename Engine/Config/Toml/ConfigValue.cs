namespace Hft.Engine.Config.Toml;

/// <summary>
/// A node of a configuration document as the binder reads it: a scalar, an array or a table, each with where it
/// starts in the file. Built from Tomlyn's validated syntax tree by <see cref="ConfigDocument"/>.
/// </summary>
public abstract class ConfigValue
{
    private protected ConfigValue(SourcePosition position) => Position = position;

    /// <summary>Where the value starts; for a table defined by a header, where the header starts.</summary>
    public SourcePosition Position { get; }

    /// <summary>Which TOML type this is.</summary>
    public abstract ConfigValueKind Kind { get; }

    /// <summary>A short human name of the kind ("string", "integer", "table", ...) for messages.</summary>
    public static string Describe(ConfigValueKind kind) => kind switch
    {
        ConfigValueKind.String => "string",
        ConfigValueKind.Integer => "integer",
        ConfigValueKind.Float => "float",
        ConfigValueKind.Boolean => "boolean",
        ConfigValueKind.OffsetDateTime => "offset date-time",
        ConfigValueKind.LocalDateTime => "local date-time",
        ConfigValueKind.LocalDate => "local date",
        ConfigValueKind.LocalTime => "local time",
        ConfigValueKind.Array => "array",
        ConfigValueKind.Table => "table",
        _ => kind.ToString(),
    };
}
