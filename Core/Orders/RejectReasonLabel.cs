namespace Hft.Core.Orders;

/// <summary>
/// Turns a venue's rejection text into a short label for counting: the venue's code (<c>code -5022</c> or
/// <c>retCode 110007</c> gives <c>-5022</c> / <c>110007</c>), else the HTTP status (<c>http_400</c>), else
/// <c>other</c>. The text itself is never used as a label: it is unbounded and may echo what a venue was sent.
/// </summary>
public static class RejectReasonLabel
{
    /// <summary>The label of <paramref name="reason"/>.</summary>
    public static string Of(string? reason)
    {
        if (string.IsNullOrEmpty(reason)) return "other";
        var text = reason.AsSpan();
        if (After(text, "retCode ") is { } retCode) return retCode;
        if (After(text, "code ") is { } code) return code;
        if (After(text, "HTTP ") is { } status) return "http_" + status;
        return "other";
    }

    // The integer right after the first occurrence of marker, or null.
    private static string? After(ReadOnlySpan<char> text, string marker)
    {
        int at = text.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0) return null;
        var rest = text[(at + marker.Length)..];
        int n = rest.Length > 0 && rest[0] == '-' ? 1 : 0;
        int start = n;
        while (n < rest.Length && n < 12 && char.IsAsciiDigit(rest[n])) n++;
        return n > start ? rest[..n].ToString() : null;
    }
}
