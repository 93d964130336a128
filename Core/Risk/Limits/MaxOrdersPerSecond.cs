using static System.FormattableString;

namespace Hft.Core.Risk.Limits;

/// <summary>
/// No new or modified order when <see cref="Limit"/> requests were sent in the last second (<c>max_orders_per_second</c>,
/// over all instruments). Cancels count towards it but always pass, so a strategy can always pull its quotes; set it under
/// the venue's own limit (Binance futures 300 per 10 s, Bybit 10 per second per endpoint).
/// </summary>
/// <param name="Limit">Most requests per second.</param>
public sealed record MaxOrdersPerSecond(int Limit) : IPreTradeLimit
{
    /// <inheritdoc />
    public RiskReason Reason => RiskReason.OrderRate;

    /// <inheritdoc />
    public string? Refuse(in PreTradeCheck check) =>
        check.RecentRequests >= Limit ? Invariant($"{check.RecentRequests} requests in the last second, the limit is {Limit}") : null;
}
