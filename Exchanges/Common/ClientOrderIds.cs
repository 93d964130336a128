using System.Globalization;

namespace Hft.Exchanges.Common;

/// <summary>
/// The venue-side client order id of a strategy's order: a configurable prefix followed by the order's id in
/// decimal (<c>hft-42</c>). The prefix tells our orders from anyone else's on the same account (reconciliation
/// adopts by prefix), and the id maps a venue report back to the local order without a table.
/// </summary>
public sealed class ClientOrderIds
{
    /// <summary>The longest client order id all three venues accept.</summary>
    public const int MaxLength = 36;

    /// <summary>Ids with <paramref name="prefix"/>, which may hold only letters, digits, <c>-</c> and <c>_</c> (the set every venue allows).</summary>
    public ClientOrderIds(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        foreach (char c in prefix)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
                throw new ArgumentException($"client order id prefix '{prefix}': only letters, digits, '-' and '_' are allowed by every venue", nameof(prefix));
        }
        // 20 digits is the longest ulong.
        if (prefix.Length + 20 > MaxLength)
            throw new ArgumentException($"client order id prefix '{prefix}' is too long: at most {MaxLength - 20} characters leave room for the order id", nameof(prefix));
        Prefix = prefix;
    }

    /// <summary>The prefix.</summary>
    public string Prefix { get; }

    /// <summary>The venue id of local order <paramref name="orderId"/>.</summary>
    public string For(ulong orderId) => Prefix + orderId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The local order id in <paramref name="clientOrderId"/>, if it is one of ours.</summary>
    public bool TryParse(string? clientOrderId, out ulong orderId)
    {
        orderId = 0;
        if (clientOrderId is null || !clientOrderId.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var digits = clientOrderId.AsSpan(Prefix.Length);
        return digits.Length > 0 && digits[0] is >= '0' and <= '9'
            && ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out orderId);
    }
}
