using System.Text;

namespace Hft.Exchanges.Common;

/// <summary>A venue message as text for a log line, cut short (market and user data hold no keys; requests are never previewed).</summary>
public static class FramePreview
{
    /// <summary>At most <paramref name="length"/> characters of <paramref name="frame"/>.</summary>
    public static string Of(ReadOnlySpan<byte> frame, int length = 300) =>
        Encoding.UTF8.GetString(frame.Length <= length ? frame : frame[..length]) + (frame.Length > length ? "..." : "");
}
