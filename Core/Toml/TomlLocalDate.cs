using System.Globalization;

namespace Hft.Core.Toml;

/// <summary>
/// A calendar date without time or offset (TOML local date, RFC 3339 full-date).
/// Kept separate from <see cref="DateOnly"/> because TOML allows year 0000, which DateOnly does not.
/// </summary>
public readonly record struct TomlLocalDate
{
    /// <summary>Creates a date; throws <see cref="ArgumentOutOfRangeException"/> for a date that does not exist.</summary>
    public TomlLocalDate(int year, int month, int day)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        ArgumentOutOfRangeException.ThrowIfLessThan(day, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(day, DaysInMonth(year, month));
        Year = year;
        Month = month;
        Day = day;
    }

    /// <summary>Year, 0 to 9999.</summary>
    public int Year { get; }

    /// <summary>Month, 1 to 12.</summary>
    public int Month { get; }

    /// <summary>Day of month, 1 to the length of the month.</summary>
    public int Day { get; }

    /// <summary>Gregorian leap-year rule (year 0 is a leap year, as in RFC 3339's proleptic calendar).</summary>
    public static bool IsLeapYear(int year) => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);

    /// <summary>Number of days in <paramref name="month"/> of <paramref name="year"/>.</summary>
    public static int DaysInMonth(int year, int month) => month switch
    {
        2 => IsLeapYear(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    /// <summary>Converts to <see cref="DateOnly"/>; throws for year 0, which DateOnly cannot hold.</summary>
    public DateOnly ToDateOnly() => Year == 0
        ? throw new InvalidOperationException("Year 0000 cannot be represented as a DateOnly.")
        : new DateOnly(Year, Month, Day);

    /// <summary>Creates a TOML date from a <see cref="DateOnly"/>.</summary>
    public static TomlLocalDate FromDateOnly(DateOnly date) => new(date.Year, date.Month, date.Day);

    /// <summary>RFC 3339 form <c>YYYY-MM-DD</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}-{Day:D2}");
}
