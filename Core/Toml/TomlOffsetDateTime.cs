using System.Globalization;

namespace Hft.Core.Toml;

/// <summary>
/// A date and time with a UTC offset (TOML offset date-time). Keeps the wall-clock time and the
/// offset as written rather than normalising to UTC, and whether the offset was spelled <c>Z</c>,
/// so printing gives back the same text.
/// </summary>
public readonly record struct TomlOffsetDateTime
{
    /// <summary>Largest offset RFC 3339 can write: 23:59.</summary>
    public const int MaxOffsetMinutes = 23 * 60 + 59;

    /// <summary>
    /// Creates an offset date-time. <paramref name="useZ"/> asks for <c>Z</c> instead of <c>+00:00</c>
    /// and is only allowed with a zero offset.
    /// </summary>
    public TomlOffsetDateTime(TomlLocalDateTime local, int offsetMinutes, bool useZ = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(offsetMinutes, -MaxOffsetMinutes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offsetMinutes, MaxOffsetMinutes);
        if (useZ && offsetMinutes != 0)
            throw new ArgumentException("Z can only stand for a zero offset.", nameof(useZ));
        Local = local;
        OffsetMinutes = offsetMinutes;
        UseZ = useZ;
    }

    /// <summary>The date and time as written, before the offset is applied.</summary>
    public TomlLocalDateTime Local { get; }

    /// <summary>Offset from UTC in minutes (east positive), -1439 to 1439.</summary>
    public int OffsetMinutes { get; }

    /// <summary>True when the offset prints as <c>Z</c>; not part of equality (Z and +00:00 mean the same).</summary>
    public bool UseZ { get; }

    /// <summary>Equal when the written date-time and the offset are equal.</summary>
    public bool Equals(TomlOffsetDateTime other) => Local.Equals(other.Local) && OffsetMinutes == other.OffsetMinutes;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Local, OffsetMinutes);

    /// <summary>Converts to <see cref="DateTimeOffset"/> (100 ns resolution; throws for year 0 or a leap second).</summary>
    public DateTimeOffset ToDateTimeOffset() => new(Local.ToDateTime(), TimeSpan.FromMinutes(OffsetMinutes));

    /// <summary>Creates a TOML offset date-time from a <see cref="DateTimeOffset"/>; a zero offset prints as Z.</summary>
    public static TomlOffsetDateTime FromDateTimeOffset(DateTimeOffset value)
    {
        var minutes = (int)value.Offset.TotalMinutes;
        return new(TomlLocalDateTime.FromDateTime(value.DateTime), minutes, useZ: minutes == 0);
    }

    /// <summary>RFC 3339 form, e.g. <c>1979-05-27T07:32:00Z</c> or <c>1979-05-27T00:32:00.999-07:00</c>.</summary>
    public override string ToString()
    {
        if (UseZ)
            return Local.ToString() + "Z";
        var sign = OffsetMinutes < 0 ? '-' : '+';
        var abs = Math.Abs(OffsetMinutes);
        return Local.ToString() + string.Create(CultureInfo.InvariantCulture, $"{sign}{abs / 60:D2}:{abs % 60:D2}");
    }
}
