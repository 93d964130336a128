using Hft.Core.Journal;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Portfolio;

namespace Hft.Engine.Tests.Journal;

/// <summary>
/// Rebuilding a session's state from the journal of the ones before it: fills replayed into the state values,
/// reconciliation's adjustments applied again, and the orders open at the end put back with the client id of their
/// latest incarnation and what of it was filled.
/// </summary>
public sealed class JournalRecoveryTests : Data.TempDirectoryTest
{
    private static readonly Instrument Sim = new("SIMUSDT", "sim", 0.01, 0.01);

    private static Order Order(ulong id, Side side, long tick, OrderStatus status, OrderRequest request)
    {
        var o = new Order(0, id, side, tick, 0.01, 2, TimeInForce.Gtx, OrderType.Limit, 1_000 + (long)id);
        typeof(Order).GetProperty(nameof(Hft.Core.Orders.Order.Status))!.SetValue(o, status);
        typeof(Order).GetProperty(nameof(Hft.Core.Orders.Order.Request))!.SetValue(o, request);
        return o;
    }

    private JournalContents Write(Action<JournalWriter> records)
    {
        string path = PathOf("r.journal");
        using (var j = JournalWriter.Open(path))
        {
            j.OnSession(1, started: true, "live r.toml");
            records(j);
            Assert.That(j.Flush(TimeSpan.FromSeconds(10)), Is.True);
        }
        return JournalReader.Read(path);
    }

    [Test]
    public void Fills_adjustments_and_the_orders_left_open_come_back()
    {
        var journal = Write(j =>
        {
            // Order 7: sent, acknowledged, partly filled, still open when the process died.
            j.OnOrder(Order(7, Side.Buy, 30_000, OrderStatus.None, OrderRequest.New), 10);
            j.OnClientOrder(0, 7, "hft-7_a", 11);
            j.OnOrder(Order(7, Side.Buy, 30_000, OrderStatus.New, OrderRequest.None), 12);
            j.OnFill(new Fill(0, 7, Side.Buy, 300.00, 0.5, 0.01, true, 13, 13, 0.5));
            j.OnOrder(Order(7, Side.Buy, 30_000, OrderStatus.PartiallyFilled, OrderRequest.None), 13);
            // Order 8: filled and ended: not open.
            j.OnOrder(Order(8, Side.Sell, 30_100, OrderStatus.None, OrderRequest.New), 20);
            j.OnClientOrder(0, 8, "hft-8_a", 21);
            j.OnFill(new Fill(0, 8, Side.Sell, 301.00, 2, 0.02, true, 22, 22, -1.5));
            j.OnOrder(Order(8, Side.Sell, 30_100, OrderStatus.Filled, OrderRequest.None), 22);
            // Order 9 reused: its first incarnation ended; the second was sent but its client id never reached the journal.
            j.OnOrder(Order(9, Side.Buy, 29_900, OrderStatus.None, OrderRequest.New), 30);
            j.OnClientOrder(0, 9, "hft-9_a", 31);
            j.OnOrder(Order(9, Side.Buy, 29_900, OrderStatus.Canceled, OrderRequest.None), 32);
            j.OnOrder(Order(9, Side.Buy, 29_900, OrderStatus.None, OrderRequest.New), 33);
            // Order 10: refused by risk before it was sent.
            j.OnOrder(Order(10, Side.Buy, 29_800, OrderStatus.Rejected, OrderRequest.None), 40);
            // Reconciliation once set the position to the venue's.
            j.OnPositionAdjusted(0, -1.5, -0.5, 50, "start");
        });
        var accounts = new TradingAccounts([Sim]);
        var recovered = JournalRecovery.Restore(journal, accounts);
        var state = accounts[0].State;
        Assert.Multiple(() =>
        {
            Assert.That(recovered.Fills, Is.EqualTo(2));
            Assert.That(recovered.Sessions, Is.EqualTo(1));
            Assert.That(recovered.EndedCleanly, Is.False, "no stop record: the session crashed");
            Assert.That(state.NumTrades, Is.EqualTo(2));
            Assert.That(state.Position, Is.EqualTo(-0.5).Within(1e-12), "the adjustment comes after the fills");
            Assert.That(state.Balance, Is.EqualTo(-300.00 * 0.5 + 301.00 * 2).Within(1e-9));
            Assert.That(state.Fee, Is.EqualTo(0.03).Within(1e-12));
            Assert.That(recovered.OpenOrders.Select(o => (o.OrderId, o.ClientOrderId, o.Cumulative, o.Status)), Is.EqualTo(new[]
            {
                (7UL, (string?)"hft-7_a", 0.5, OrderStatus.PartiallyFilled),
                (9UL, (string?)null, 0.0, OrderStatus.None),
            }));
            var table = accounts[0].Orders;
            Assert.That(table.All.Select(o => o.Id), Is.EqualTo(new[] { 7UL, 9UL }));
            Assert.That(table.Find(7)!.LeavesQuantity, Is.EqualTo(1.5).Within(1e-12));
            Assert.That(table.Find(7)!.IsCancellable, Is.True, "a strategy can cancel what it finds open");
            Assert.That(table.Find(9)!.Status, Is.EqualTo(OrderStatus.New));
            Assert.That(recovered.OpenOrders[1].SubmittedAt, Is.EqualTo(33), "the latest submission's time, for working out its client id");
        });
    }

    [Test]
    public void A_journal_of_another_configuration_is_refused_with_the_file_and_byte()
    {
        var journal = Write(j => j.OnFill(new Fill(3, 1, Side.Buy, 1, 1, 0, true, 1, 1, 1)));
        var e = Assert.Throws<InvalidDataException>(() => JournalRecovery.Restore(journal, new TradingAccounts([Sim])));
        Assert.That(e!.Message, Does.Contain(journal.Path).And.Contain("instrument #3").And.Contain("byte"));
    }
}
