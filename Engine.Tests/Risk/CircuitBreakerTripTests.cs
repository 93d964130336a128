using Akka.Actor;
using Hft.Backtest.Models.Latency;
using Hft.Backtest.Runs;
using Hft.Core.Books;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Portfolio;
using Hft.Core.Risk;
using Hft.Core.Risk.Breakers;
using Hft.Core.Strategies;
using Hft.Engine.Cli;
using Hft.Exchanges.Common;
using static Hft.Engine.Tests.Venue.Events;

namespace Hft.Engine.Tests.Risk;

/// <summary>
/// The circuit breakers not covered by <see cref="CircuitBreakerBacktestTests"/>, each tripped on purpose with its time,
/// reason and state worked out by hand from the breaker's formula: daily_loss (and the day-start equity taken again at
/// a new UTC day), drawdown from the peak, reject_rate within its window, and a reset by command bringing trading back.
/// book_integrity and venue_disconnected are driven through a real <see cref="GatewayStatistics"/> (a backtest has no
/// venue health); a crossed update in backtest data is shown not to leave the local book crossed, so it cannot trip.
/// Checks run every 100 ms of the loop clock from the first event's exchange time.
/// </summary>
public sealed class CircuitBreakerTripTests
{
    private static readonly Instrument Inst = BreakerScenario.Inst;
    private const long Ms = BreakerScenario.Ms;
    private const long T0 = 1_000 * Ms;
    // 1970-01-02T00:00:00Z in ns: the first UTC midnight after the epoch.
    private const long Midnight = 86_400_000 * Ms;

    private static (BacktestResult Result, List<string> Log) Run(BreakerSettings breakers, MarketEvent[] market, IOrderLatency? latency,
        RiskRef? risk, params (long At, Action<IStrategyContext> Step)[] steps) =>
        BreakerScenario.Run(breakers, market, latency, risk is null ? null : run => risk.Actor = run.Risk, steps);

    /// <summary>The run's risk actor, known once the run is built, for a step that sends it a command.</summary>
    private sealed class RiskRef
    {
        public IActorRef Actor { get; set; } = ActorRefs.Nobody;
    }

    /// <summary>The book moves from bid/ask <paramref name="oldBid"/>/<paramref name="oldAsk"/> (5 each) to <paramref name="bid"/>/<paramref name="ask"/>.</summary>
    private static MarketEvent[] Move(long t, double oldBid, double oldAsk, double bid, double ask) =>
        bid < oldBid
            ? [Bid(t, bid, 5), Bid(t, oldBid, 0), Ask(t, ask, 5), Ask(t, oldAsk, 0)]
            : [Ask(t, ask, 5), Ask(t, oldAsk, 0), Bid(t, bid, 5), Bid(t, oldBid, 0)];

    private static MarketEvent[] Market(long start, params MarketEvent[][] moves) =>
        [Bid(start, 100.0, 5), Ask(start, 100.1, 5), .. moves.SelectMany(m => m)];

    // Buys 2 at 100.1 (IOC, takes the ask): position 2, balance -200.2, no fees. Equity = 2 * mid - 200.2.
    private static (long, Action<IStrategyContext>) BuyTwo(long at) => (at, c => c.SubmitBuy(0, 1, 100.1, 2, TimeInForce.Ioc));

    [Test]
    public void A_falling_mark_trips_daily_loss_once_the_loss_since_the_day_start_is_past_the_limit()
    {
        // Check at T0+100: nothing held, equity 0 = the day's start. The buy at T0+150 fills (report at T0+155): equity at
        // mid 100.05 is -0.1. The book falls to 99.5/99.6 at T0+300 (local T0+301): equity 2 * 99.55 - 200.2 = -1.1, a loss
        // of 1.1 > 1 seen first by the check at T0+400.
        var (result, log) = Run(new BreakerSettings { DailyLoss = 1.0 },
            Market(T0, Move(T0 + 300 * Ms, 100.0, 100.1, 99.5, 99.6), [Bid(T0 + 2000 * Ms, 99.4, 1)]), null, null,
            BuyTwo(T0 + 150 * Ms), (T0 + 500 * Ms, c => c.SubmitBuy(0, 2, 99.0, 1)));
        var trip = result.BreakerTrips.Single();
        Assert.Multiple(() =>
        {
            Assert.That(trip.Breaker, Is.EqualTo("daily_loss"));
            Assert.That(trip.State, Is.EqualTo(TradingState.Halted));
            Assert.That(trip.Time, Is.EqualTo(T0 + 400 * Ms));
            Assert.That(trip.Reason, Is.EqualTo("equity -1.1 is 1.1 below the day's start 0 (limit 1)"));
            Assert.That(log, Has.Some.StartsWith("#1 Filled"));
            Assert.That(log, Has.Some.StartsWith("#2 Rejected").And.Contains("halted"), "no new order while halted");
        });
        Assert.That(BacktestCommand.ToText(result, null, []), Does.Contain("breaker        daily_loss tripped at").And.Contain("-> halted: equity -1.1 is 1.1 below"));
    }

    [Test]
    public void A_loss_that_is_only_past_the_limit_from_yesterdays_start_does_not_trip_daily_loss_after_midnight()
    {
        // The run starts 1 s before midnight, so a check falls on midnight itself (S + 1000 ms), the first of the new day.
        const long s = Midnight - 1000 * Ms;
        // Check at S+100: equity 0, yesterday's start. Buy at S+150: equity 2 * mid - 200.2.
        // S+500 -> 99.7/99.8, mid 99.75: equity -0.7, loss 0.7 (no trip). The check at midnight takes -0.7 as today's start.
        // M+250 -> 99.4/99.5, mid 99.45: equity -1.3: 1.3 below yesterday's start, but only 0.6 below today's (no trip).
        // M+550 -> 99.1/99.2, mid 99.15: equity -1.9, 1.2 below today's start: the check at M+600 trips.
        var (result, log) = Run(new BreakerSettings { DailyLoss = 1.0 },
            Market(s,
                Move(s + 500 * Ms, 100.0, 100.1, 99.7, 99.8),
                Move(Midnight + 250 * Ms, 99.7, 99.8, 99.4, 99.5),
                Move(Midnight + 550 * Ms, 99.4, 99.5, 99.1, 99.2),
                [Bid(Midnight + 2000 * Ms, 99.0, 1)]), null, null,
            BuyTwo(s + 150 * Ms));
        var trip = result.BreakerTrips.Single();
        Assert.Multiple(() =>
        {
            Assert.That(log, Has.Some.StartsWith("#1 Filled"));
            Assert.That(trip.Breaker, Is.EqualTo("daily_loss"));
            Assert.That(trip.Time, Is.EqualTo(Midnight + 600 * Ms), "counted from yesterday's start it would have tripped at M+300");
            Assert.That(trip.Reason, Is.EqualTo("equity -1.9 is 1.2 below the day's start -0.7 (limit 1)"));
        });
    }

    [Test]
    public void Equity_falling_from_its_peak_trips_drawdown_though_it_is_still_above_the_start()
    {
        // Check at T0+100: equity 0. Buy at T0+150: equity 2 * mid - 200.2.
        // T0+250 -> 100.5/100.6, mid 100.55: equity 0.9, the peak (checks at T0+300, T0+400).
        // T0+450 -> 100.3/100.4, mid 100.35: equity 0.5, 0.4 below the peak (no trip at 0.5).
        // T0+650 -> 100.1/100.2, mid 100.15: equity 0.1, 0.8 below the peak: the check at T0+700 trips; it is still 0.1
        // above the start, so a fall counted from the start would never trip.
        var (result, log) = Run(new BreakerSettings { Drawdown = 0.5, OnTrip = TradingState.Reducing },
            Market(T0,
                Move(T0 + 250 * Ms, 100.0, 100.1, 100.5, 100.6),
                Move(T0 + 450 * Ms, 100.5, 100.6, 100.3, 100.4),
                Move(T0 + 650 * Ms, 100.3, 100.4, 100.1, 100.2),
                [Bid(T0 + 2000 * Ms, 100.0, 1)]), null, null,
            BuyTwo(T0 + 150 * Ms),
            (T0 + 800 * Ms, c => c.SubmitBuy(0, 2, 99.0, 1)));
        var trip = result.BreakerTrips.Single();
        Assert.Multiple(() =>
        {
            Assert.That(trip.Breaker, Is.EqualTo("drawdown"));
            Assert.That(trip.State, Is.EqualTo(TradingState.Reducing));
            Assert.That(trip.Time, Is.EqualTo(T0 + 700 * Ms));
            Assert.That(trip.Reason, Is.EqualTo("equity 0.1 is 0.8 below its peak 0.9 (limit 0.5)"));
            Assert.That(log, Has.Some.StartsWith("#2 Rejected").And.Contains("reduce"), "a buy adds to the long: refused while reducing");
        });
    }

    /// <summary>
    /// Every request is rejected by the exchange: the recorded round trips around it were rejected (exch_ts 0), so the
    /// interpolated entry latency is minus the 5 ms round trip and the rejection reaches the engine 5 ms after the send.
    /// </summary>
    private static IntpOrderLatency AllRejected() =>
        new([new OrderLatencyRow(T0, 0, T0 + 5 * Ms), new OrderLatencyRow(T0 + 10_000 * Ms, 0, T0 + 10_005 * Ms)]);

    [Test]
    public void More_venue_rejections_than_max_rejects_within_the_window_trip_reject_rate_and_fewer_do_not()
    {
        // Orders sent at T0+110, +120 are rejected at T0+115, +125: 2, not more than 2. The one sent at T0+1110 (rejected
        // at T0+1115) is the third of the run, but at the checks of T0+1200..1500 the window (1000 ms back) holds only it.
        // Those sent at T0+1510, +1520 (rejected +1515, +1525) make 3 after T0+600 at the check of T0+1600: trip.
        var (result, log) = Run(new BreakerSettings { MaxRejects = 2, RejectWindowMs = 1000 },
            Market(T0, [Bid(T0 + 3000 * Ms, 99.9, 1)]), AllRejected(), null,
            (T0 + 110 * Ms, c => c.SubmitBuy(0, 1, 99.0, 1)),
            (T0 + 120 * Ms, c => c.SubmitBuy(0, 2, 99.0, 1)),
            (T0 + 1110 * Ms, c => c.SubmitBuy(0, 3, 99.0, 1)),
            (T0 + 1510 * Ms, c => c.SubmitBuy(0, 4, 99.0, 1)),
            (T0 + 1520 * Ms, c => c.SubmitBuy(0, 5, 99.0, 1)),
            (T0 + 1700 * Ms, c => c.SubmitBuy(0, 6, 99.0, 1)));
        var trip = result.BreakerTrips.Single();
        Assert.Multiple(() =>
        {
            Assert.That(log.Where(l => l.Contains("negative entry latency")).Count(), Is.EqualTo(5), "the venue rejected #1..#5");
            Assert.That(trip.Breaker, Is.EqualTo("reject_rate"));
            Assert.That(trip.Time, Is.EqualTo(T0 + 1600 * Ms));
            Assert.That(trip.Reason, Is.EqualTo("3 venue rejections within 1000 ms (limit 2)"));
            Assert.That(trip.State, Is.EqualTo(TradingState.Halted));
            Assert.That(log, Has.Some.StartsWith("#6 Rejected").And.Contains("halted"));
        });
    }

    [Test]
    public void A_post_only_order_that_would_cross_expires_and_is_not_a_venue_rejection()
    {
        // The simulated venue ends a crossing post-only (GTX) order as expired, not rejected: reject_rate does not count it.
        var (result, log) = Run(new BreakerSettings { MaxRejects = 1, RejectWindowMs = 1000 },
            Market(T0, [Bid(T0 + 2000 * Ms, 99.9, 1)]), null, null,
            (T0 + 110 * Ms, c => c.SubmitBuy(0, 1, 100.1, 1, TimeInForce.Gtx)),
            (T0 + 120 * Ms, c => c.SubmitBuy(0, 2, 100.1, 1, TimeInForce.Gtx)),
            (T0 + 130 * Ms, c => c.SubmitBuy(0, 3, 100.1, 1, TimeInForce.Gtx)));
        Assert.That(log.Where(l => l.StartsWith("#", StringComparison.Ordinal) && l.Contains("Expired")).Count(), Is.EqualTo(3));
        Assert.That(result.BreakerTrips, Is.Empty);
    }

    [Test]
    public void A_reset_command_after_a_halting_trip_without_cool_down_brings_trading_back()
    {
        // Buy at T0+150; T0+250 -> 99.4/99.5: equity 2 * 99.45 - 200.2 = -1.3, 1.3 below the start 0: trip at T0+300.
        // The step at T0+420 sends the risk actor ResetBreakers: reset at T0+420, loss counted again from -1.3, so the
        // checks after it find nothing; the order at T0+600 is accepted (it rests below the ask).
        var risk = new RiskRef();
        var (result, log) = Run(new BreakerSettings { DailyLoss = 1.0 },
            Market(T0, Move(T0 + 250 * Ms, 100.0, 100.1, 99.4, 99.5), [Bid(T0 + 2000 * Ms, 99.3, 1)]), null, risk,
            BuyTwo(T0 + 150 * Ms),
            (T0 + 350 * Ms, c => c.SubmitBuy(0, 2, 99.0, 1)),
            (T0 + 420 * Ms, _ => risk.Actor.Tell(new ResetBreakers())),
            (T0 + 600 * Ms, c => c.SubmitBuy(0, 3, 99.0, 1)));
        Assert.Multiple(() =>
        {
            Assert.That(result.BreakerTrips, Is.EqualTo(new[]
            {
                new BreakerTrip(T0 + 300 * Ms, "daily_loss", "equity -1.3 is 1.3 below the day's start 0 (limit 1)", TradingState.Halted),
                new BreakerTrip(T0 + 420 * Ms, "reset", "reset by command", TradingState.Active),
            }));
            Assert.That(log, Has.Some.StartsWith("#2 Rejected").And.Contains("halted"), "halted before the reset");
            Assert.That(log, Has.Some.StartsWith("#3 New"), "accepted after the reset");
            Assert.That(log, Has.None.StartsWith("#3 Canceled").And.None.StartsWith("#3 Rejected"));
        });
        Assert.That(BacktestCommand.ToText(result, null, []), Does.Contain("breaker reset  at").And.Contain(": reset by command"));
    }

    [Test]
    public void A_crossing_update_in_the_data_leaves_no_crossed_local_book_so_book_integrity_does_not_trip()
    {
        // At T0+200 a bid of 100.2 arrives while the ask of 100.1 stays in the data (never deleted): the data is crossed for
        // the rest of the run, far longer than 250 ms. The local book, as hftbacktest's, moves its best ask past the crossed
        // level to 100.3, so bid < ask at every check and the breaker never sees a crossed book.
        var bestAt = new List<(double Bid, double Ask)>();
        var (result, _) = Run(new BreakerSettings { BookIntegrityMs = 250 },
            [Bid(T0, 100.0, 5), Ask(T0, 100.1, 5), Ask(T0, 100.3, 5), Bid(T0 + 200 * Ms, 100.2, 5), Bid(T0 + 2000 * Ms, 99.9, 1)], null, null,
            (T0 + 100 * Ms, c => bestAt.Add((Math.Round(c.Depth(0).BestBid, 6), Math.Round(c.Depth(0).BestAsk, 6)))),
            (T0 + 500 * Ms, c => bestAt.Add((Math.Round(c.Depth(0).BestBid, 6), Math.Round(c.Depth(0).BestAsk, 6)))));
        Assert.That(bestAt, Is.EqualTo(new[] { (100.0, 100.1), (100.2, 100.3) }));
        Assert.That(result.BreakerTrips, Is.Empty);
    }

    [Test]
    public void A_book_out_of_sync_longer_than_book_integrity_ms_trips_and_a_shorter_gap_does_not()
    {
        var venue = new GatewayStatistics();
        venue.TrackBooks(1);
        var breakers = new CircuitBreakers(new BreakerSettings { BookIntegrityMs = 250 },
            new BreakerInputs(new TradingAccounts([Inst]), [new MarketDepth(Inst.TickSize, Inst.LotSize)], venue));
        venue.SetBook(0, synced: true, lastUpdateId: 1);
        Assert.That(breakers.Check(T0), Is.Null);
        // Out of sync between the checks of T0 and T0+100 until after T0+300: counted from the first check that sees it
        // (T0+100), 200 ms at the last (T0+300), not past 250: no trip.
        venue.SetBook(0, synced: false, lastUpdateId: 1);
        foreach (long t in new[] { 100, 200, 300 }) Assert.That(breakers.Check(T0 + t * Ms), Is.Null, $"check at +{t} ms");
        venue.SetBook(0, synced: true, lastUpdateId: 9);
        Assert.That(breakers.Check(T0 + 400 * Ms), Is.Null);
        // Out of sync again from T0+450: seen first at T0+500 (counted from there, not from T0+100); 300 ms > 250 at T0+800.
        venue.SetBook(0, synced: false, lastUpdateId: 9);
        foreach (long t in new[] { 500, 600, 700 }) Assert.That(breakers.Check(T0 + t * Ms), Is.Null, $"check at +{t} ms");
        Assert.That(breakers.Check(T0 + 800 * Ms), Is.EqualTo(new BreakerTrip(T0 + 800 * Ms, "book_integrity",
            "T: book out of sync for 300 ms (limit 250 ms)", TradingState.Halted)));
        Assert.That(breakers.Tripped, Is.EqualTo("book_integrity"));
    }

    [Test]
    public void A_venue_down_longer_than_venue_disconnected_ms_trips_and_a_shorter_outage_does_not()
    {
        var venue = new GatewayStatistics();
        var breakers = new CircuitBreakers(new BreakerSettings { VenueDisconnectedMs = 500 },
            new BreakerInputs(new TradingAccounts([Inst]), [new MarketDepth(Inst.TickSize, Inst.LotSize)], venue));
        Assert.That(breakers.Check(T0), Is.Null);
        // Stream 0 down from T0+50 to T0+520: 450 ms at the check of T0+500, then connected again: no trip.
        venue.StreamDown(0, T0 + 50 * Ms);
        for (long t = 100; t <= 500; t += 100) Assert.That(breakers.Check(T0 + t * Ms), Is.Null, $"check at +{t} ms");
        venue.StreamUp(0);
        Assert.That(breakers.Check(T0 + 600 * Ms), Is.Null);
        // Stream 1 down at T0+650, stream 0 at T0+700: disconnected since the first, 550 ms > 500 at T0+1200.
        venue.StreamDown(1, T0 + 650 * Ms);
        venue.StreamDown(0, T0 + 700 * Ms);
        for (long t = 700; t <= 1100; t += 100) Assert.That(breakers.Check(T0 + t * Ms), Is.Null, $"check at +{t} ms");
        Assert.That(breakers.Check(T0 + 1200 * Ms), Is.EqualTo(new BreakerTrip(T0 + 1200 * Ms, "venue_disconnected",
            "the venue has been disconnected for 550 ms (limit 500 ms)", TradingState.Halted)));
    }
}
