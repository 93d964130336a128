using Hft.Core.Orders;
using Hft.Core.Portfolio;

namespace Hft.Core.Journal;

/// <summary>
/// Rebuilds a session's trading state from the journal of the sessions before it: every fill is applied again to the
/// state values (position, balance, fees, volumes, in journal order), every position reconciliation set is applied
/// again, and the orders that were open (or sent and unanswered) at the end are put back into the order tables with
/// the client ids they were sent under, for the gateway to ask the venue about.
/// </summary>
public static class JournalRecovery
{
    /// <summary>
    /// Replays <paramref name="journal"/> into <paramref name="accounts"/>, which must be fresh (nothing traded yet).
    /// </summary>
    /// <exception cref="InvalidDataException">The journal names an instrument the configuration does not have.</exception>
    public static RecoveredTrading Restore(JournalContents journal, TradingAccounts accounts)
    {
        var last = new Dictionary<(int, ulong), JournalOrderEntry>();
        var submittedAt = new Dictionary<(int, ulong), long>();
        var submittedTime = new Dictionary<(int, ulong), long>();
        var clientIds = new Dictionary<(int, ulong), (string Id, long At)>();
        var cumulative = new Dictionary<(int, ulong), double>();
        // First-seen order of the keys, so the recovered orders come out in journal order, never in hash order.
        var keys = new List<(int, ulong)>();
        var snapshots = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        long fills = 0;
        int sessions = 0;
        bool endedCleanly = true;
        foreach (var entry in journal.Entries)
        {
            switch (entry)
            {
                case JournalOrderEntry o:
                    Check(journal, accounts, o.Instrument, o.Offset);
                    var key = (o.Instrument, o.OrderId);
                    if (!last.ContainsKey(key)) keys.Add(key);
                    last[key] = o;
                    if (o is { Request: OrderRequest.New, Status: OrderStatus.None })
                    {
                        submittedAt[key] = o.Offset;
                        submittedTime[key] = o.LocalTime;
                        cumulative[key] = 0;
                    }
                    break;
                case JournalClientOrderEntry c:
                    Check(journal, accounts, c.Instrument, c.Offset);
                    clientIds[(c.Instrument, c.OrderId)] = (c.ClientOrderId, c.Offset);
                    break;
                case JournalFillEntry f:
                    Check(journal, accounts, f.Instrument, f.Offset);
                    var account = accounts[f.Instrument];
                    account.State.ApplyFill(f.Side, f.Quantity, account.Instrument.Value(f.Price, f.Quantity), f.Fee);
                    cumulative[(f.Instrument, f.OrderId)] = cumulative.GetValueOrDefault((f.Instrument, f.OrderId)) + f.Quantity;
                    fills++;
                    break;
                case JournalPositionAdjustedEntry p:
                    Check(journal, accounts, p.Instrument, p.Offset);
                    accounts[p.Instrument].State.SetPosition(p.To);
                    break;
                case JournalStrategySnapshotEntry snapshot:
                    snapshots[snapshot.Strategy] = snapshot.State;
                    break;
                case JournalSessionEntry s:
                    if (s.Started) sessions++;
                    endedCleanly = !s.Started;
                    break;
            }
        }
        var open = new List<RecoveredOrder>();
        foreach (var key in keys)
        {
            var o = last[key];
            if (o.Status is not (OrderStatus.None or OrderStatus.New or OrderStatus.PartiallyFilled)) continue;
            // A refused request before it was sent left status None with no request: nothing reached the venue.
            if (o.Status == OrderStatus.None && o.Request == OrderRequest.None) continue;
            // The client id belongs to this incarnation only if it was written after the order's latest submission.
            string? clientId = clientIds.TryGetValue(key, out var c) && c.At > submittedAt.GetValueOrDefault(key, -1) ? c.Id : null;
            var recovered = new RecoveredOrder(o.Instrument, o.OrderId, o.Side, o.Status, o.PriceTick, o.Quantity, clientId, cumulative.GetValueOrDefault(key),
                submittedTime.GetValueOrDefault(key));
            open.Add(recovered);
            var account = accounts[o.Instrument];
            var order = new Order(o.Instrument, o.OrderId, o.Side, o.PriceTick, account.Instrument.TickSize, o.Quantity, o.TimeInForce, o.Type, o.LocalTime)
            {
                Status = o.Status == OrderStatus.None ? OrderStatus.New : o.Status,
                Request = OrderRequest.None,
                LeavesQuantity = Math.Max(0, o.Quantity - recovered.Cumulative),
                ExchangeTime = o.ExchangeTime,
            };
            account.Orders.TryAdd(order);
        }
        return new RecoveredTrading(open, fills, sessions, endedCleanly, snapshots);
    }

    private static void Check(JournalContents journal, TradingAccounts accounts, int instrument, long offset)
    {
        if ((uint)instrument >= (uint)accounts.Count)
            throw new InvalidDataException($"{journal.Path}: the record at byte {offset} is for instrument #{instrument}, but the configuration has " +
                                           $"{accounts.Count} instrument(s): the journal belongs to another configuration");
    }
}
