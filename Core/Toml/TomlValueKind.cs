namespace Hft.Core.Toml;

/// <summary>The kind of a <see cref="TomlValue"/>: one member per TOML value type.</summary>
public enum TomlValueKind
{
    /// <summary>A string (<see cref="TomlString"/>).</summary>
    String,
    /// <summary>A 64-bit signed integer (<see cref="TomlInteger"/>).</summary>
    Integer,
    /// <summary>A 64-bit IEEE 754 float, including inf and nan (<see cref="TomlFloat"/>).</summary>
    Float,
    /// <summary>A boolean (<see cref="TomlBoolean"/>).</summary>
    Boolean,
    /// <summary>A date-time with a UTC offset (<see cref="TomlOffsetDateTimeValue"/>).</summary>
    OffsetDateTime,
    /// <summary>A date-time without an offset (<see cref="TomlLocalDateTimeValue"/>).</summary>
    LocalDateTime,
    /// <summary>A calendar date (<see cref="TomlLocalDateValue"/>).</summary>
    LocalDate,
    /// <summary>A time of day (<see cref="TomlLocalTimeValue"/>).</summary>
    LocalTime,
    /// <summary>An array (<see cref="TomlArray"/>).</summary>
    Array,
    /// <summary>A table (<see cref="TomlTable"/>).</summary>
    Table,
}
