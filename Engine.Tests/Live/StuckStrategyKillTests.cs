using System.Collections.Concurrent;
using Hft.Backtest.Runs;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Risk;
using Hft.Core.Strategies;
using Hft.Engine.Live;
using Hft.Engine.Safety;
using Hft.Engine.Tests.Emulators;
using Hft.Engine.Tests.Runtime;
using Hft.Exchanges.Binance.Common;
using Hft.Exchanges.Binance.Futures;

namespace Hft.Engine.Tests.Live;

/// <summary>
/// The kill switch while a strategy blocks the loop (so no actor of the graph runs): the switch's own REST client
/// cancels what is open on the venue anyway, and once the strategy wakes up, its next order is refused.
/// </summary>
[NonParallelizable]
public sealed class StuckStrategyKillTests : Data.TempDirectoryTest
{
    private const int Resting = 10;

    /// <summary>Places ten resting buys; once all are acknowledged it blocks the loop thread until released; then tries one more.</summary>
    private sealed class Stuck : Strategy
    {
        public readonly ManualResetEventSlim Release = new(false);
        public readonly ManualResetEventSlim Blocked = new(false);
        public readonly ConcurrentQueue<string> Seen = new();
        private int _acked;
        private bool _placed, _woke;

        public override void OnDepth(int instrument, in MarketEvent update)
        {
            var book = Context.Depth(instrument);
            if (!book.HasBothSides) return;
            if (!_placed)
            {
                _placed = true;
                for (int i = 1; i <= Resting; i++) Context.SubmitBuy(instrument, (ulong)i, Math.Round(book.BestBid * 0.9, 2) - i * 0.01, 0.10);
                return;
            }
            if (_acked < Resting || _woke) return;
            Blocked.Set();
            // A strategy stuck in a call that never returns: the whole loop waits with it.
            Release.Wait(TimeSpan.FromSeconds(60));
            _woke = true;
            Context.SubmitBuy(instrument, (ulong)Resting + 1, Math.Round(book.BestBid * 0.9, 2), 0.10);
        }

        public override void OnOrder(Order order, Fill? fill)
        {
            Seen.Enqueue($"{order.Id}:{order.Status}:{order.RejectReason}");
            if (order.Status == OrderStatus.New && order.Id <= Resting) _acked++;
        }
    }

    [Test]
    public async Task The_switch_cancels_on_the_venue_while_the_loop_is_blocked_and_the_strategy_s_next_order_is_refused()
    {
        await using var venue = await EmulatorSession.StartAsync(o => o with { Speed = 5 });
        var instrument = new Instrument("SIMUSDT", "binance-futures", 0.01, 0.01);
        var latch = new KillSwitchLatch();
        var options = new BinanceGatewayOptions
        {
            Name = "binance-futures", RestUrl = venue.Emulator.RestBase, WsUrl = venue.Emulator.StreamBase, Trading = true,
            ApiKey = venue.Options.ApiKey, ApiSecret = venue.Options.ApiSecret, Kill = latch,
        };
        var strategy = new Stuck();
        var setup = new LiveSessionSetup
        {
            Instruments = [instrument],
            Strategies = [new StrategySetup("stuck", () => strategy, null)],
            VenueName = "binance-futures",
            Gateway = c => new BinanceGateway(options, new FuturesMarket(options), [instrument], c.Books, c.BookEntries, c.ExchangeSide, c.Loop, c.Statistics, c.Recovery),
        };
        string killFile = PathOf("session.kill");
        using var session = new LiveSession(setup, TestActorSystems.Shared);
        using var killSwitch = new SessionKillSwitch(latch, killFile, session.EngageKillSwitch,
            () => new BinanceKillSwitchVenue("binance-futures", new FuturesMarket(options)), ["SIMUSDT"], "hft-", Serilog.Core.Logger.None);
        try
        {
            Assert.That(strategy.Blocked.Wait(TimeSpan.FromSeconds(30)), Is.True, "the strategy placed its orders and blocked: " + string.Join(" ", strategy.Seen));
            Assert.That(venue.Emulator.Report().OpenOrders, Is.EqualTo(Resting));

            File.WriteAllText(killFile, "by the test\n");
            // The watch polls every 50 ms; the cancels start when it sees the file.
            IReadOnlyList<KillReport> reports = [];
            for (var watch = System.Diagnostics.Stopwatch.StartNew(); reports.Count == 0 && watch.Elapsed < TimeSpan.FromSeconds(10); await Task.Delay(20))
                reports = await killSwitch.Cancels;
            Assert.Multiple(() =>
            {
                Assert.That(strategy.Blocked.IsSet && !strategy.Release.IsSet, "the loop was still blocked");
                Assert.That(latch.Reason, Does.Contain("session.kill").And.Contain("by the test"));
                Assert.That(reports.Single().Succeeded, Is.True, string.Join("; ", reports.SelectMany(r => r.Problems)));
                Assert.That(venue.Emulator.Report().OpenOrders, Is.Zero, "cancelled on the venue while the loop was blocked");
            });
        }
        finally
        {
            strategy.Release.Set();
        }
        var end = System.Diagnostics.Stopwatch.StartNew();
        while (!strategy.Seen.Any(s => s.StartsWith($"{Resting + 1}:Rejected", StringComparison.Ordinal)) && end.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(20);
        session.Stop(cancelOpenOrders: true, TimeSpan.FromSeconds(10));
        TestContext.Out.WriteLine(string.Join(" ", strategy.Seen));
        Assert.Multiple(() =>
        {
            Assert.That(strategy.Seen, Has.Some.StartsWith($"{Resting + 1}:Rejected").And.Contains("kill switch"), "the order after the kill is refused");
            Assert.That(venue.Emulator.Report().OpenOrders, Is.Zero);
            Assert.That(venue.Emulator.Report().OrdersReceived, Is.EqualTo(Resting), "nothing after the kill reached the venue");
        });
    }
}
