namespace Hft.Engine.Config.Toml;

/// <summary>The TOML type of a <see cref="ConfigValue"/>.</summary>
public enum ConfigValueKind
{
    /// <summary>A string (any of the four syntaxes).</summary>
    String,
    /// <summary>A 64-bit integer.</summary>
    Integer,
    /// <summary>A binary64 float, including inf and nan.</summary>
    Float,
    /// <summary>true or false.</summary>
    Boolean,
    /// <summary>A date-time with an offset.</summary>
    OffsetDateTime,
    /// <summary>A date-time without an offset.</summary>
    LocalDateTime,
    /// <summary>A date.</summary>
    LocalDate,
    /// <summary>A time of day.</summary>
    LocalTime,
    /// <summary>An array (inline, or of tables).</summary>
    Array,
    /// <summary>A table (header, dotted key or inline).</summary>
    Table,
}
