using System.Globalization;

namespace Hft.Exchanges.Common;

/// <summary>
/// Venue-side client order ids for the strategies' orders: <c>{prefix}{order id}_{serial}</c>, both numbers in base 36
/// (<c>hft-ix_lz3kq0a1b</c>). Strategies reuse order ids (the grid names an order by its price tick), but a venue must
/// never see a client id twice: the serial starts from the clock at start-up (in microseconds) and grows with every
/// order, so ids are unique within a session and across restarts. The prefix tells our orders from anyone else's on
/// the same account; the order id maps a venue report back to the local order.
/// </summary>
public sealed class ClientOrderIds
{
    /// <summary>The longest client order id all three venues accept.</summary>
    public const int MaxLength = 36;

    /// <summary>The longest prefix: what is left of <see cref="MaxLength"/> after a 13-digit order id, the separator and a 10-digit serial.</summary>
    public const int MaxPrefixLength = MaxLength - 13 - 1 - 10;

    private const string Digits = "0123456789abcdefghijklmnopqrstuvwxyz";
    private long _serial;

    /// <summary>Ids with <paramref name="prefix"/>, which may hold only letters, digits, <c>-</c> and <c>_</c> (the set every venue allows).</summary>
    /// <param name="prefix">The prefix.</param>
    /// <param name="startMicroseconds">Where the serial starts: the Unix time in µs (default: now).</param>
    public ClientOrderIds(string prefix, long? startMicroseconds = null)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        foreach (char c in prefix)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
                throw new ArgumentException($"client order id prefix '{prefix}': only letters, digits, '-' and '_' are allowed by every venue", nameof(prefix));
        }
        if (prefix.Length > MaxPrefixLength)
            throw new ArgumentException($"client order id prefix '{prefix}' is too long: at most {MaxPrefixLength} characters leave room for the order id and its serial", nameof(prefix));
        Prefix = prefix;
        _serial = startMicroseconds ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
    }

    /// <summary>The prefix.</summary>
    public string Prefix { get; }

    /// <summary>A client id never given before, for a new order (or a replacement) of local order <paramref name="orderId"/>.</summary>
    public string Next(ulong orderId) => Prefix + Base36(orderId) + "_" + Base36((ulong)Interlocked.Increment(ref _serial));

    /// <summary>
    /// A client id never given before for order <paramref name="orderId"/> submitted at <paramref name="submittedAt"/>
    /// (local ns): its serial is the submission time in µs, so the id can be worked out again from the journaled
    /// submission alone (<see cref="Of"/>) should its own record be lost in a crash. Two ids in the same µs get the next
    /// serial instead (such an id is only known from its record).
    /// </summary>
    public string For(ulong orderId, long submittedAt)
    {
        long wanted = submittedAt / 1000;
        while (true)
        {
            long last = Interlocked.Read(ref _serial);
            long serial = wanted > last ? wanted : last + 1;
            if (Interlocked.CompareExchange(ref _serial, serial, last) == last) return Of(orderId, serial);
        }
    }

    /// <summary>The client id <see cref="For"/> gives order <paramref name="orderId"/> with serial <paramref name="serial"/>.</summary>
    public string Of(ulong orderId, long serial) => Prefix + Base36(orderId) + "_" + Base36((ulong)serial);

    /// <summary>The local order id in <paramref name="clientOrderId"/>, if it is one of ours.</summary>
    public bool TryParse(string? clientOrderId, out ulong orderId)
    {
        orderId = 0;
        if (clientOrderId is null || !clientOrderId.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var rest = clientOrderId.AsSpan(Prefix.Length);
        int separator = rest.IndexOf('_');
        if (separator <= 0 || separator == rest.Length - 1) return false;
        return TryBase36(rest[..separator], out orderId) && TryBase36(rest[(separator + 1)..], out _);
    }

    private static string Base36(ulong value)
    {
        Span<char> text = stackalloc char[13];
        int at = text.Length;
        do
        {
            text[--at] = Digits[(int)(value % 36)];
            value /= 36;
        }
        while (value > 0);
        return new string(text[at..]);
    }

    private static bool TryBase36(ReadOnlySpan<char> text, out ulong value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 13) return false;
        foreach (char c in text)
        {
            int digit = c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'z' ? c - 'a' + 10 : -1;
            if (digit < 0) return false;
            ulong next = value * 36 + (ulong)digit;
            if (next / 36 != value) return false;
            value = next;
        }
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"ClientOrderIds({Prefix})");
}
