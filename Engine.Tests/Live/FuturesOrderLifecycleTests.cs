using System.Collections.Concurrent;
using Hft.Backtest.Runs;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Strategies;
using Hft.Engine.Live;
using Hft.Engine.Tests.Emulators;
using Hft.Engine.Tests.Runtime;
using Hft.Exchanges.Binance.Common;
using Hft.Exchanges.Binance.Futures;

namespace Hft.Engine.Tests.Live;

/// <summary>
/// One order's whole life through the live futures gateway against the emulator: placed, acknowledged, modified (new
/// price and quantity), cancelled; both sides agree on each state, and a post-only order that would cross is refused
/// as the venue refuses it.
/// </summary>
[NonParallelizable]
public sealed class FuturesOrderLifecycleTests
{
    /// <summary>Places one resting buy, modifies it once acknowledged, cancels it once modified; then one crossing post-only.</summary>
    private sealed class Lifecycle : Strategy
    {
        public readonly ConcurrentQueue<string> Seen = new();
        private int _step;

        public override void OnDepth(int instrument, in MarketEvent update)
        {
            var book = Context.Depth(instrument);
            if (_step != 0 || !book.HasBothSides) return;
            _step = 1;
            Context.SubmitBuy(instrument, 1, book.BestBid - 0.5, 0.05);
        }

        public override void OnOrder(Order order, Fill? fill)
        {
            Seen.Enqueue($"{order.Id}:{order.Status}:{order.Price:F2}:{order.Quantity:F2}:{order.RejectReason}");
            var book = Context.Depth(order.Instrument);
            if (order.Id == 1 && _step == 1 && order.Status == OrderStatus.New)
            {
                _step = 2;
                Context.Modify(order.Instrument, 1, order.Price - 0.1, 0.06);
            }
            else if (order.Id == 1 && _step == 2 && order.Status == OrderStatus.New && order.Quantity > 0.055)
            {
                _step = 3;
                Context.Cancel(order.Instrument, 1);
            }
            else if (order.Id == 1 && _step == 3 && order.Status == OrderStatus.Canceled)
            {
                _step = 4;
                // A post-only buy at and above the best ask would take: the venue refuses it at once (-5022). A dollar above
                // it, so that it still crosses when the replay (at 5x speed) moved the ask since the local book saw it.
                Context.SubmitBuy(order.Instrument, 2, book.BestAsk + 1.0, 0.05, TimeInForce.Gtx);
            }
        }
    }

    [Test]
    public async Task Placed_modified_cancelled_and_a_crossing_post_only_refused_in_the_same_state_on_both_sides()
    {
        await using var venue = await EmulatorSession.StartAsync(o => o with { Speed = 5 });
        var instrument = new Instrument("SIMUSDT", "binance-futures", 0.01, 0.01);
        var options = new BinanceGatewayOptions
        {
            Name = "binance-futures", RestUrl = venue.Emulator.RestBase, WsUrl = venue.Emulator.StreamBase, Trading = true,
            ApiKey = venue.Options.ApiKey, ApiSecret = venue.Options.ApiSecret,
        };
        var strategy = new Lifecycle();
        var setup = new LiveSessionSetup
        {
            Instruments = [instrument],
            Strategies = [new StrategySetup("lifecycle", () => strategy, null)],
            VenueName = "binance-futures",
            Gateway = c => new BinanceGateway(options, new FuturesMarket(options), [instrument], c.Books, c.BookEntries, c.ExchangeSide, c.Loop, c.Statistics, c.Recovery),
        };
        using var session = new LiveSession(setup, TestActorSystems.Shared);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(30) && !strategy.Seen.Any(s => s.StartsWith("2:", StringComparison.Ordinal))) await Task.Delay(50);
        var report = venue.Emulator.Report();
        session.Stop(cancelOpenOrders: true, TimeSpan.FromSeconds(10));
        var seen = strategy.Seen.ToArray();
        TestContext.Out.WriteLine(string.Join(Environment.NewLine, seen));
        Assert.Multiple(() =>
        {
            Assert.That(seen.Any(s => s.StartsWith("1:New:", StringComparison.Ordinal) && s.Contains(":0.05:", StringComparison.Ordinal)), "acknowledged as placed");
            Assert.That(seen.Any(s => s.StartsWith("1:New:", StringComparison.Ordinal) && s.Contains(":0.06:", StringComparison.Ordinal)), "the modify reached the venue and came back");
            Assert.That(seen.Any(s => s.StartsWith("1:Canceled:", StringComparison.Ordinal)), "cancelled");
            Assert.That(seen.Any(s => s.StartsWith("2:", StringComparison.Ordinal) && s.Contains("-5022", StringComparison.Ordinal)), "the crossing post-only is refused with the venue's code");
            Assert.That(report.Amendments, Is.EqualTo(1));
            Assert.That(report.Cancels, Is.GreaterThanOrEqualTo(1));
            Assert.That(report.OpenOrders, Is.Zero);
            Assert.That(report.OrdersRejected.Keys, Does.Contain("GTX_ORDER_REJECT"));
        });
    }
}
