using System.Globalization;
using System.Text.RegularExpressions;

namespace Hft.Engine.Config.Toml;

/// <summary>Says which field of a rejected date or time is wrong, e.g. "February 2023 has days 01 to 28".</summary>
internal static partial class DateTimeText
{
    /// <summary>A message for a date/time literal Tomlyn could not read.</summary>
    public static string Explain(string text)
    {
        var match = Parts().Match(text);
        if (!match.Success) return $"invalid date-time '{text}': expected RFC 3339, e.g. 2024-01-31, 07:32:00 or 2024-01-31T07:32:00Z";
        if (match.Groups["year"].Success)
        {
            int year = Number(match, "year");
            int month = Number(match, "month");
            int day = Number(match, "day");
            string date = $"{match.Groups["year"].Value}-{match.Groups["month"].Value}-{match.Groups["day"].Value}";
            if (month is < 1 or > 12) return $"invalid date {date}: month must be 01 to 12";
            int days = DateTime.DaysInMonth(Math.Max(year, 1), month);
            if (day < 1 || day > days)
            {
                string name = CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month);
                return $"invalid date {date}: {name} {match.Groups["year"].Value} has days 01 to {days:D2}";
            }
        }
        if (match.Groups["hour"].Success)
        {
            string time = match.Groups["time"].Value;
            if (Number(match, "hour") > 23) return $"invalid time {time}: hour must be 00 to 23";
            if (Number(match, "minute") > 59) return $"invalid time {time}: minute must be 00 to 59";
            if (match.Groups["second"].Success && Number(match, "second") > 59) return $"invalid time {time}: second must be 00 to 59";
        }
        return $"invalid date-time '{text}': expected RFC 3339, e.g. 2024-01-31, 07:32:00 or 2024-01-31T07:32:00Z";
    }

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?:(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2}))?(?:[Tt ]?(?<time>(?<hour>\d{2}):(?<minute>\d{2})(?::(?<second>\d{2}))?))?")]
    private static partial Regex Parts();
}
