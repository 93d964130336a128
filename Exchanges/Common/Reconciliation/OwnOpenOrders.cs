namespace Hft.Exchanges.Common.Reconciliation;

/// <summary>
/// The session's own open orders on the venue, told from anyone else's on the same account by the client-id prefix: a
/// stop cancels only those (another program's orders on the account are not the engine's to cancel) and counts what of
/// them is left.
/// </summary>
public static class OwnOpenOrders
{
    /// <summary>Rounds of cancels at most (each reads what is open and cancels it).</summary>
    public const int MaxRounds = 5;

    /// <summary>
    /// Cancels (if <paramref name="cancel"/>) every open order of ours on <paramref name="symbols"/> through
    /// <paramref name="cancelOne"/> (symbol, client id), then counts ours still open; null and the problem if the venue
    /// could not be asked.
    /// </summary>
    public static async Task<(int? Open, string? Problem)> CancelAndCount(IReconciliationVenue venue, ClientOrderIds ids, IReadOnlyList<string> symbols,
        bool cancel, Func<string, string, Task> cancelOne)
    {
        // One by one (a burst of cancels would meet the venue's per-second limit), and again for what is left (a cancel
        // refused, an order placed while the first ones went out).
        for (int round = 0; cancel && round < MaxRounds; round++)
        {
            int cancelled = 0;
            foreach (var symbol in symbols)
            {
                var open = await venue.OpenOrders(symbol).ConfigureAwait(false);
                if (open.Problem is { } problem) return (null, $"{symbol} open orders: {problem}");
                foreach (var order in open.Orders.Where(o => ids.TryParse(o.ClientOrderId, out _)))
                {
                    await cancelOne(symbol, order.ClientOrderId).ConfigureAwait(false);
                    cancelled++;
                }
            }
            if (cancelled == 0) break;
        }
        int left = 0;
        foreach (var symbol in symbols)
        {
            var open = await venue.OpenOrders(symbol).ConfigureAwait(false);
            if (open.Problem is { } problem) return (null, $"{symbol} open orders: {problem}");
            left += open.Orders.Count(o => ids.TryParse(o.ClientOrderId, out _));
        }
        return (left, null);
    }
}
