namespace Hft.Core.Time;

/// <summary>Conversions between nanosecond timestamps and .NET time types.</summary>
public static class Nanos
{
    /// <summary>Nanoseconds per millisecond.</summary>
    public const long PerMillisecond = 1_000_000;
    /// <summary>Nanoseconds per second.</summary>
    public const long PerSecond = 1_000_000_000;

    /// <summary>Converts a duration to nanoseconds.</summary>
    public static long From(TimeSpan span) => span.Ticks * 100;

    /// <summary>Converts nanoseconds since the Unix epoch to a UTC date.</summary>
    public static DateTime ToDateTime(long nanos) => DateTime.UnixEpoch.AddTicks(nanos / 100);

    /// <summary>Formats a timestamp as ISO-8601 UTC with nanoseconds, e.g. <c>2024-08-08T23:54:15.123456789Z</c>.</summary>
    public static string Format(long nanos)
    {
        var dt = ToDateTime(nanos);
        long frac = ((nanos % PerSecond) + PerSecond) % PerSecond;
        return dt.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "." + frac.ToString("D9", System.Globalization.CultureInfo.InvariantCulture) + "Z";
    }
}
