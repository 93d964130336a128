namespace Hft.Exchanges.Common;

/// <summary>How a venue REST call ended (Binance, Bybit), as far as acting on it goes.</summary>
public enum RestOutcome
{
    /// <summary>2xx: the body is the answer.</summary>
    Ok,

    /// <summary>A 4xx with an error code: the venue refused; nothing happened.</summary>
    Rejected,

    /// <summary>
    /// 5xx, <c>-1007</c> (backend timeout), a transport error or our own time-out: the venue may or may not have acted.
    /// An order in this state is resolved by a query or the user stream, never sent again.
    /// </summary>
    Unknown,

    /// <summary>429: over a rate limit; nothing happened; wait for <c>Retry-After</c>.</summary>
    RateLimited,

    /// <summary>418: the IP is banned; stop sending.</summary>
    Banned,
}
