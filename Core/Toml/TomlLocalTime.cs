using System.Globalization;

namespace Hft.Core.Toml;

/// <summary>
/// A time of day without date or offset (TOML local time, RFC 3339 partial-time), to the nanosecond.
/// <see cref="FractionDigits"/> remembers how many fractional digits to print so text round-trips
/// (<c>00:00:00.500</c> stays three digits); equality compares the time only, so <c>.5</c> equals <c>.500</c>.
/// </summary>
public readonly record struct TomlLocalTime
{
    /// <summary>
    /// Creates a time. <paramref name="second"/> may be 60 (a leap second, as RFC 3339 allows).
    /// <paramref name="fractionDigits"/> is raised to the number of digits <paramref name="nanosecond"/> needs.
    /// </summary>
    public TomlLocalTime(int hour, int minute, int second, int nanosecond = 0, int fractionDigits = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hour, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hour, 23);
        ArgumentOutOfRangeException.ThrowIfLessThan(minute, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minute, 59);
        ArgumentOutOfRangeException.ThrowIfLessThan(second, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(second, 60);
        ArgumentOutOfRangeException.ThrowIfLessThan(nanosecond, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nanosecond, 999_999_999);
        ArgumentOutOfRangeException.ThrowIfLessThan(fractionDigits, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fractionDigits, 9);
        Hour = hour;
        Minute = minute;
        Second = second;
        Nanosecond = nanosecond;
        FractionDigits = Math.Max(fractionDigits, DigitsNeeded(nanosecond));
    }

    /// <summary>Hour, 0 to 23.</summary>
    public int Hour { get; }

    /// <summary>Minute, 0 to 59.</summary>
    public int Minute { get; }

    /// <summary>Second, 0 to 60 (60 only for a leap second).</summary>
    public int Second { get; }

    /// <summary>Fraction of the second in nanoseconds, 0 to 999 999 999.</summary>
    public int Nanosecond { get; }

    /// <summary>Fractional-second digits printed by <see cref="ToString"/> (0 to 9); not part of equality.</summary>
    public int FractionDigits { get; }

    /// <summary>Equal when hour, minute, second and nanosecond are equal (written precision is ignored).</summary>
    public bool Equals(TomlLocalTime other) =>
        Hour == other.Hour && Minute == other.Minute && Second == other.Second && Nanosecond == other.Nanosecond;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Hour, Minute, Second, Nanosecond);

    /// <summary>Converts to <see cref="TimeOnly"/> (100 ns resolution, extra digits are truncated); throws for a leap second.</summary>
    public TimeOnly ToTimeOnly() => Second == 60
        ? throw new InvalidOperationException("A leap second (:60) cannot be represented as a TimeOnly.")
        : new TimeOnly(new TimeOnly(Hour, Minute, Second).Ticks + Nanosecond / 100);

    /// <summary>Creates a TOML time from a <see cref="TimeOnly"/>, printing only the digits the fraction needs.</summary>
    public static TomlLocalTime FromTimeOnly(TimeOnly time) =>
        new(time.Hour, time.Minute, time.Second, (int)(time.Ticks % TimeSpan.TicksPerSecond) * 100);

    /// <summary>RFC 3339 form <c>HH:MM:SS</c> plus <see cref="FractionDigits"/> fractional digits.</summary>
    public override string ToString()
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{Hour:D2}:{Minute:D2}:{Second:D2}");
        if (FractionDigits == 0)
            return text;
        var fraction = Nanosecond.ToString("D9", CultureInfo.InvariantCulture);
        return text + "." + fraction[..FractionDigits];
    }

    // Fewest digits that print the fraction exactly (trailing zeros dropped).
    private static int DigitsNeeded(int nanosecond)
    {
        if (nanosecond == 0)
            return 0;
        var digits = 9;
        while (nanosecond % 10 == 0)
        {
            nanosecond /= 10;
            digits--;
        }
        return digits;
    }
}
