using System.Collections.Concurrent;
using Hft.Backtest.Runs;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Strategies;
using Hft.Engine.Live;
using Hft.Engine.Tests.Emulators;
using Hft.Engine.Tests.Runtime;
using Hft.Exchanges.Bybit;
using Hft.Exchanges.Emulators.Common;

namespace Hft.Engine.Tests.Live;

/// <summary>
/// One order's whole life through the live Bybit gateway against the Bybit emulator: placed, acknowledged, amended (new
/// price and quantity), cancelled; both sides agree on each state. A post-only order that would cross is accepted by
/// Bybit and then cancelled with <c>EC_PostOnlyWillTakeLiquidity</c>, which the engine reports as expired; a crossing
/// IOC fills, and the fill's quantity and the venue's position agree with the engine's.
/// </summary>
[NonParallelizable]
public sealed class BybitOrderLifecycleTests
{
    private static readonly Lazy<MarketTape> Tape = new(() => MarketTape.Generated(200_000, 17));

    /// <summary>Places one resting buy, amends it once acknowledged, cancels it once amended; then a crossing post-only, then a crossing IOC.</summary>
    private sealed class Lifecycle : Strategy
    {
        public readonly ConcurrentQueue<string> Seen = new();
        public volatile bool Done;
        private int _step;

        public override void OnDepth(int instrument, in MarketEvent update)
        {
            var book = Context.Depth(instrument);
            if (_step != 0 || !book.HasBothSides) return;
            _step = 1;
            Context.SubmitBuy(instrument, 1, book.BestBid - 0.5, 1);
        }

        public override void OnOrder(Order order, Fill? fill)
        {
            Seen.Enqueue($"{order.Id}:{order.Status}:{order.Price:F2}:{order.Quantity:F2}:{order.ExecutedQuantity:F2}:{order.RejectReason}");
            var book = Context.Depth(order.Instrument);
            if (order.Id == 1 && _step == 1 && order.Status == OrderStatus.New)
            {
                _step = 2;
                Context.Modify(order.Instrument, 1, order.Price - 0.1, 2);
            }
            else if (order.Id == 1 && _step == 2 && order.Status == OrderStatus.New && order.Quantity > 1.5)
            {
                _step = 3;
                Context.Cancel(order.Instrument, 1);
            }
            else if (order.Id == 1 && _step == 3 && order.Status == OrderStatus.Canceled)
            {
                _step = 4;
                // Above the best ask, so that it still crosses when the replay moved the ask since the local book saw it.
                Context.SubmitBuy(order.Instrument, 2, book.BestAsk + 1.0, 1, TimeInForce.Gtx);
            }
            else if (order.Id == 2 && _step == 4 && order.Status == OrderStatus.Expired)
            {
                _step = 5;
                // Well through the ask: an IOC that takes at once.
                Context.SubmitBuy(order.Instrument, 3, book.BestAsk + 1, 1, TimeInForce.Ioc);
            }
            else if (order.Id == 3 && order.Status is OrderStatus.Filled or OrderStatus.Expired or OrderStatus.Canceled)
            {
                Done = true;
            }
        }
    }

    [Test]
    public async Task Placed_amended_cancelled_a_crossing_post_only_expired_and_an_ioc_filled_in_the_same_state_on_both_sides()
    {
        await using var venue = await BybitEmulatorSession.StartAsync(o => o with { Market = Tape.Value, Speed = 5 });
        var emulator = venue.Emulator;
        var instrument = new Instrument("SIMUSDT", "bybit", 0.01, 0.01);
        var options = new BybitGatewayOptions
        {
            Name = "bybit", RestUrl = emulator.RestBase, PublicWsUrl = emulator.PublicStream, PrivateWsUrl = emulator.PrivateStream, Trading = true,
            ApiKey = emulator.Venue.Options.ApiKey, ApiSecret = emulator.Venue.Options.ApiSecret,
        };
        var strategy = new Lifecycle();
        var setup = new LiveSessionSetup
        {
            Instruments = [instrument],
            Strategies = [new StrategySetup("lifecycle", () => strategy, null)],
            VenueName = "bybit",
            Gateway = c => new BybitGateway(options, [instrument], c.Books, c.BookEntries, c.ExchangeSide, c.Loop, c.Statistics, c.Recovery),
        };
        using var session = new LiveSession(setup, TestActorSystems.Shared);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(40) && !strategy.Done) await Task.Delay(50);
        var result = session.Stop(cancelOpenOrders: true, TimeSpan.FromSeconds(10));
        var report = emulator.Report();
        var seen = strategy.Seen.ToArray();
        TestContext.Out.WriteLine(string.Join(Environment.NewLine, seen));
        TestContext.Out.WriteLine(report.ToJson());
        Assert.Multiple(() =>
        {
            Assert.That(seen.Any(s => s.StartsWith("1:New:", StringComparison.Ordinal) && s.Contains(":1.00:0.00:", StringComparison.Ordinal)), "acknowledged as placed");
            Assert.That(seen.Any(s => s.StartsWith("1:New:", StringComparison.Ordinal) && s.Contains(":2.00:0.00:", StringComparison.Ordinal)), "the amend reached the venue and came back");
            Assert.That(seen.Any(s => s.StartsWith("1:Canceled:", StringComparison.Ordinal)), "cancelled");
            Assert.That(seen.Any(s => s.StartsWith("2:Expired:", StringComparison.Ordinal) && s.EndsWith(":EC_PostOnlyWillTakeLiquidity", StringComparison.Ordinal)),
                "the crossing post-only ends expired, as Bybit cancels it, with the venue's reason");
            Assert.That(seen.Any(s => s.StartsWith("3:Filled:", StringComparison.Ordinal) && s.Contains(":1.00:1.00:", StringComparison.Ordinal)), "the IOC filled in full");
            Assert.That(report.Amendments, Is.EqualTo(1));
            Assert.That(report.Cancels, Is.GreaterThanOrEqualTo(1));
            Assert.That(report.OpenOrders, Is.Zero);
            Assert.That(report.Fills, Is.GreaterThanOrEqualTo(1));
            Assert.That(report.DuplicateClientOrderIds, Is.Zero);
            Assert.That((double)report.Positions["SIMUSDT"], Is.EqualTo(1.0).Within(1e-9), "the venue holds what the IOC bought");
            Assert.That(result.Instruments[0].Position, Is.EqualTo(1.0).Within(1e-9), "and the engine agrees");
        });
    }
}
