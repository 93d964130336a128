using System.Collections.Concurrent;
using Hft.Backtest.Runs;
using Hft.Backtest.Venue;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Strategies;
using Hft.Engine.Live;
using Hft.Engine.Tests.Emulators;
using Hft.Engine.Tests.Runtime;
using Hft.Exchanges.Binance.Common;
using Hft.Exchanges.Binance.Futures;
using Hft.Exchanges.Binance.Spot;
using Hft.Exchanges.Bybit;
using Hft.Exchanges.Emulators.Common;

namespace Hft.Engine.Tests.Live;

/// <summary>
/// Partly filled orders through each live gateway against its emulator matching with the partial-fill exchange: an IOC
/// ten ticks through the ask for far more than those levels hold takes them and its remainder expires; a crossing GTC of the same kind is filled in several executions, partly filled before it is filled. The engine's fills, position and
/// order states agree with the venue's.
/// </summary>
[NonParallelizable]
public sealed class PartialFillLifecycleTests
{
    /// <summary>Sends the IOC, then, once it has ended, the crossing GTC; records every order update and fill.</summary>
    private sealed class Taker : Strategy
    {
        private const int Through = 10;
        public readonly ConcurrentQueue<string> Seen = new();
        public readonly ConcurrentDictionary<ulong, double> Filled = new();
        public readonly ConcurrentDictionary<ulong, int> Executions = new();
        public readonly ConcurrentDictionary<ulong, OrderStatus> Last = new();
        public readonly ConcurrentDictionary<ulong, double> Sent = new();
        public readonly ManualResetEventSlim Done = new(false);
        public volatile bool PartlyFilledSeen;
        private int _step;

        public override void OnDepth(int instrument, in MarketEvent update)
        {
            var book = Context.Depth(instrument);
            if (!book.HasBothSides || book.BestAskTick - book.BestBidTick > 3) return;
            // Ten ticks through the ask: the local book is a push behind the venue's, so the order still reaches levels.
            double price = book.BestAsk + Through * book.TickSize;
            if (_step == 0) Send(instrument, 1, TimeInForce.Ioc, price, book);
            else if (_step == 2) Send(instrument, 2, TimeInForce.Gtc, price, book);
        }

        private void Send(int instrument, ulong id, TimeInForce tif, double price, Core.Books.MarketDepth book)
        {
            double levels = 0;
            for (long tick = book.BestAskTick; tick <= book.BestAskTick + Through; tick++) levels += book.AskQuantityAt(tick);
            // The IOC asks for far more than any ten levels of this market hold (the local book is a push behind the venue's,
            // whose levels may have filled up since); the GTC for twenty times what the local book shows.
            double quantity = tif == TimeInForce.Ioc ? 500 : Math.Round(Math.Max(20 * levels, 1.0) / book.LotSize) * book.LotSize;
            _step++;
            Sent[id] = quantity;
            Context.SubmitBuy(instrument, id, price, quantity, tif);
        }

        public override void OnOrder(Order order, Fill? fill)
        {
            if (fill is { } f)
            {
                Filled.AddOrUpdate(order.Id, f.Quantity, (_, q) => q + f.Quantity);
                Executions.AddOrUpdate(order.Id, 1, (_, n) => n + 1);
            }
            Last[order.Id] = order.Status;
            Seen.Enqueue($"{order.Id}:{order.Status}:{order.LeavesQuantity:F2}" + (fill is { } g ? $"+{g.Quantity:F2}@{g.Price:F2}" : ""));
            if (order.Status == OrderStatus.PartiallyFilled) PartlyFilledSeen = true;
            if (order.Id == 1 && _step == 1 && order.Status is OrderStatus.Expired or OrderStatus.Canceled or OrderStatus.Filled) _step = 2;
            if (order.Id == 2 && order.Status == OrderStatus.Filled) Done.Set();
        }
    }

    [TestCase("binance-futures")]
    [TestCase("binance-spot")]
    [TestCase("bybit")]
    public async Task An_IOC_is_partly_filled_and_a_crossing_GTC_filled_in_parts_with_the_same_fills_on_both_sides(string venueName)
    {
        var instrument = new Instrument("SIMUSDT", venueName, 0.01, 0.01);
        var strategy = new Taker();
        await using var venue = await PartialFillVenue.StartAsync(venueName, instrument);
        var setup = new LiveSessionSetup
        {
            Instruments = [instrument],
            Strategies = [new StrategySetup("taker", () => strategy, null)],
            VenueName = venueName,
            Gateway = venue.Gateway,
        };
        using var session = new LiveSession(setup, TestActorSystems.Shared);
        bool done = strategy.Done.Wait(TimeSpan.FromSeconds(30));
        // Fills reach the venue's report at once; the user stream brings them to the engine a moment later.
        await Task.Delay(500);
        session.Stop(cancelOpenOrders: true, TimeSpan.FromSeconds(10));
        var report = venue.Report();
        TestContext.Out.WriteLine(string.Join(" ", strategy.Seen));
        TestContext.Out.WriteLine($"sent {string.Join(", ", strategy.Sent)}; filled {string.Join(", ", strategy.Filled)}; venue fills {report.Fills}, position {report.Positions.GetValueOrDefault("SIMUSDT")}");
        double venuePosition = (double)report.Positions.GetValueOrDefault("SIMUSDT");
        Assert.Multiple(() =>
        {
            Assert.That(done, Is.True, "the crossing GTC was filled: " + string.Join(" ", strategy.Seen));
            Assert.That(strategy.Filled.GetValueOrDefault(1ul), Is.GreaterThan(0).And.LessThan(strategy.Sent.GetValueOrDefault(1ul) - 1e-9),
                "the IOC took only what the levels held");
            Assert.That(strategy.Last.GetValueOrDefault(1ul), Is.AnyOf(OrderStatus.Expired, OrderStatus.Canceled), "its remainder ended");
            // The strategy reads the order as it is when it handles the update (in live, often after the next fill landed
            // too), so "partly filled, then filled" is shown by the executions: several, adding up to the quantity.
            Assert.That(strategy.Executions.GetValueOrDefault(2ul), Is.GreaterThanOrEqualTo(2), "the GTC filled in parts");
            Assert.That(strategy.Filled.GetValueOrDefault(2ul), Is.EqualTo(strategy.Sent.GetValueOrDefault(2ul)).Within(1e-9), "and then whole");
            Assert.That(strategy.Last.GetValueOrDefault(2ul), Is.EqualTo(OrderStatus.Filled));
            Assert.That(session.Accounts[0].State.Position, Is.EqualTo(strategy.Filled.Values.Sum()).Within(1e-9), "the position is the sum of the fills");
            if (venueName != "binance-spot") Assert.That(session.Accounts[0].State.Position, Is.EqualTo(venuePosition).Within(1e-9), "the venue's position is the engine's");
            Assert.That(session.Accounts[0].State.NumTrades, Is.EqualTo(report.Fills), "every execution the venue made was counted once");
        });
    }

    /// <summary>An emulator of one venue matching with partial fills, and that venue's live gateway pointed at it.</summary>
    private sealed class PartialFillVenue : IAsyncDisposable
    {
        private readonly IAsyncDisposable _session;
        private readonly Func<RunReport> _report;

        private PartialFillVenue(IAsyncDisposable session, Func<RunReport> report, Func<GatewayContext, Akka.Actor.ActorBase> gateway)
        {
            _session = session;
            _report = report;
            Gateway = gateway;
        }

        public Func<GatewayContext, Akka.Actor.ActorBase> Gateway { get; }

        public RunReport Report() => _report();

        public static async Task<PartialFillVenue> StartAsync(string venue, Instrument instrument)
        {
            switch (venue)
            {
                case "binance-futures":
                {
                    var s = await EmulatorSession.StartAsync(o => o with { Speed = 2, Matching = ExchangeModel.PartialFill });
                    var options = new BinanceGatewayOptions
                    {
                        Name = venue, RestUrl = s.Emulator.RestBase, WsUrl = s.Emulator.StreamBase, Trading = true, ApiKey = s.Options.ApiKey, ApiSecret = s.Options.ApiSecret,
                        DepthStream = "@depth@0ms",
                    };
                    return new PartialFillVenue(s, s.Emulator.Report,
                        c => new BinanceGateway(options, new FuturesMarket(options), [instrument], c.Books, c.BookEntries, c.ExchangeSide, c.Loop, c.Statistics, c.Recovery));
                }
                case "binance-spot":
                {
                    var s = await SpotEmulatorSession.StartAsync(o => o with { Speed = 2, Matching = ExchangeModel.PartialFill });
                    var options = new BinanceGatewayOptions
                    {
                        Name = venue, RestUrl = s.Emulator.RestBase, WsUrl = s.Emulator.StreamBase, WsApiUrl = new Uri(s.Emulator.StreamBase, "/ws-api/v3"),
                        Trading = true, ApiKey = s.ApiKey, ApiSecret = s.Emulator.Venue.Options.ApiSecret,
                    };
                    return new PartialFillVenue(s, s.Emulator.Report,
                        c => new BinanceGateway(options, new SpotMarket(options), [instrument], c.Books, c.BookEntries, c.ExchangeSide, c.Loop, c.Statistics, c.Recovery));
                }
                default:
                {
                    var s = await BybitEmulatorSession.StartAsync(o => o with { Speed = 2, Matching = ExchangeModel.PartialFill });
                    var e = s.Emulator;
                    var options = new BybitGatewayOptions
                    {
                        Name = venue, RestUrl = e.RestBase, PublicWsUrl = e.PublicStream, PrivateWsUrl = e.PrivateStream, Trading = true,
                        ApiKey = e.Venue.Options.ApiKey, ApiSecret = e.Venue.Options.ApiSecret,
                    };
                    return new PartialFillVenue(s, e.Report,
                        c => new BybitGateway(options, [instrument], c.Books, c.BookEntries, c.ExchangeSide, c.Loop, c.Statistics, c.Recovery));
                }
            }
        }

        public ValueTask DisposeAsync() => _session.DisposeAsync();
    }
}
