namespace Hft.Core.Toml;

/// <summary>A date and time without offset (TOML local date-time).</summary>
/// <param name="Date">The calendar date.</param>
/// <param name="Time">The time of day.</param>
public readonly record struct TomlLocalDateTime(TomlLocalDate Date, TomlLocalTime Time)
{
    /// <summary>Converts to a <see cref="System.DateTime"/> of kind Unspecified (see <see cref="TomlLocalDate.ToDateOnly"/> and <see cref="TomlLocalTime.ToTimeOnly"/> for limits).</summary>
    public DateTime ToDateTime() => Date.ToDateOnly().ToDateTime(Time.ToTimeOnly(), DateTimeKind.Unspecified);

    /// <summary>Creates a TOML local date-time from a <see cref="System.DateTime"/>, ignoring its Kind.</summary>
    public static TomlLocalDateTime FromDateTime(DateTime value) =>
        new(TomlLocalDate.FromDateOnly(DateOnly.FromDateTime(value)), TomlLocalTime.FromTimeOnly(TimeOnly.FromDateTime(value)));

    /// <summary>RFC 3339 form <c>YYYY-MM-DDTHH:MM:SS[.fff]</c>.</summary>
    public override string ToString() => Date.ToString() + "T" + Time.ToString();
}
