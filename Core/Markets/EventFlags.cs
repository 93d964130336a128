using System.Text;

namespace Hft.Core.Markets;

/// <summary>hftbacktest's event flag bits and their named combinations.</summary>
public static class EventFlags
{
    /// <summary>The exchange side sees the row, at <c>exch_ts</c>.</summary>
    public const ulong Exchange = 1UL << 31;
    /// <summary>The local side sees the row, at <c>local_ts</c>.</summary>
    public const ulong Local = 1UL << 30;
    /// <summary>Bid side (depth) or buyer-initiated (trade).</summary>
    public const ulong Buy = 1UL << 29;
    /// <summary>Ask side (depth) or seller-initiated (trade).</summary>
    public const ulong Sell = 1UL << 28;

    /// <summary>Depth update kind.</summary>
    public const ulong Depth = 1;
    /// <summary>Trade kind.</summary>
    public const ulong Trade = 2;
    /// <summary>Depth clear kind.</summary>
    public const ulong DepthClear = 3;
    /// <summary>Depth snapshot kind.</summary>
    public const ulong DepthSnapshot = 4;
    /// <summary>Best bid/offer kind.</summary>
    public const ulong DepthBbo = 5;
    /// <summary>L3 add order kind.</summary>
    public const ulong AddOrder = 10;
    /// <summary>L3 cancel order kind.</summary>
    public const ulong CancelOrder = 11;
    /// <summary>L3 modify order kind.</summary>
    public const ulong ModifyOrder = 12;
    /// <summary>L3 fill kind.</summary>
    public const ulong Fill = 13;

    /// <summary>Seen by both sides (the usual case in converted files).</summary>
    public const ulong Both = Exchange | Local;

    /// <summary>Human-readable form, e.g. <c>EXCH|LOCAL|BUY|DEPTH</c>.</summary>
    public static string Describe(ulong flags)
    {
        var sb = new StringBuilder();
        if ((flags & Exchange) != 0) sb.Append("EXCH|");
        if ((flags & Local) != 0) sb.Append("LOCAL|");
        if ((flags & Buy) != 0) sb.Append("BUY|");
        if ((flags & Sell) != 0) sb.Append("SELL|");
        var kind = (EventKind)(flags & 0xFF);
        sb.Append(kind == EventKind.None ? ((flags & 0xFF).ToString(System.Globalization.CultureInfo.InvariantCulture)) : kind.ToString().ToUpperInvariant());
        return sb.ToString();
    }
}
