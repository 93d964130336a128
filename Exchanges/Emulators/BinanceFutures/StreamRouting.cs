namespace Hft.Exchanges.Emulators.BinanceFutures;

/// <summary>
/// Which market streams each entry point delivers. A subscription on the wrong entry point is acknowledged like
/// any other and then never receives a frame, as on the real venue.
/// </summary>
public static class StreamRouting
{
    /// <summary>True if a stream of this name is in the public category (depth, book ticker, raw trades).</summary>
    public static bool IsPublic(string stream)
    {
        int at = stream.IndexOf('@');
        string kind = at < 0 ? stream : stream[(at + 1)..];
        return kind.StartsWith("depth", StringComparison.OrdinalIgnoreCase)
            || kind.Equals("bookTicker", StringComparison.OrdinalIgnoreCase)
            || kind.Equals("trade", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True if a socket on <paramref name="entry"/> receives <paramref name="stream"/>.</summary>
    public static bool Delivers(EntryPoint entry, string stream) => entry switch
    {
        EntryPoint.Public or EntryPoint.Legacy => IsPublic(stream),
        EntryPoint.Market => !IsPublic(stream),
        _ => false,
    };

    /// <summary>
    /// The canonical spelling of a stream name (lower-case symbol, the kind as the venue spells it), so that
    /// <c>SIMUSDT@BOOKTICKER</c> and <c>simusdt@bookTicker</c> are one subscription.
    /// </summary>
    public static string Canonical(string stream)
    {
        string s = stream.Trim();
        int at = s.IndexOf('@');
        if (at < 0) return s.ToLowerInvariant();
        string symbol = s[..at].ToLowerInvariant();
        string kind = s[(at + 1)..];
        if (kind.Equals("bookTicker", StringComparison.OrdinalIgnoreCase)) kind = "bookTicker";
        else if (kind.Equals("aggTrade", StringComparison.OrdinalIgnoreCase)) kind = "aggTrade";
        else if (kind.StartsWith("markPrice", StringComparison.OrdinalIgnoreCase)) kind = "markPrice" + kind[9..].ToLowerInvariant();
        else kind = kind.ToLowerInvariant();
        return symbol + "@" + kind;
    }
}
