using Hft.Backtest.Models.Latency;
using Hft.Backtest.Runs;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Risk;
using Hft.Core.Risk.Breakers;
using Hft.Core.Strategies;
using Hft.Engine.Cli;
using static Hft.Engine.Tests.Venue.Events;

namespace Hft.Engine.Tests.Risk;

/// <summary>
/// Circuit breakers tripped on purpose in a backtest (virtual time): the trip cancels the resting order, trading moves
/// to the configured state, the strategy's next order is refused as that state asks, and the summary says when and why.
/// </summary>
public sealed class CircuitBreakerBacktestTests
{
    private static readonly Instrument Inst = BreakerScenario.Inst;
    private const long Ms = BreakerScenario.Ms;
    private const long T0 = 1_000 * Ms;

    private static (BacktestResult Result, List<string> Log) Run(BreakerSettings breakers, MarketEvent[] market, IOrderLatency? latency,
        params (long At, Action<IStrategyContext> Step)[] steps) => BreakerScenario.Run(breakers, market, latency, null, steps);

    [Test]
    public void A_silent_feed_trips_stale_feed_cancels_the_resting_order_and_halts()
    {
        var (result, log) = Run(new BreakerSettings { StaleFeedMs = 500 },
            [Bid(T0, 100.0, 5), Ask(T0, 100.1, 5), Bid(T0 + 2000 * Ms, 99.9, 1)], null,
            (T0 + 10 * Ms, c => c.SubmitBuy(0, 1, 99.0, 1)), (T0 + 1500 * Ms, c => c.SubmitBuy(0, 2, 99.0, 1)));
        var trip = result.BreakerTrips.Single();
        Assert.Multiple(() =>
        {
            Assert.That(trip.Breaker, Is.EqualTo("stale_feed"));
            Assert.That(trip.State, Is.EqualTo(TradingState.Halted));
            // Checked every 100 ms from the start: the first check past 500 ms of silence since the last event (local T0 + 1 ms).
            Assert.That(trip.Time, Is.EqualTo(T0 + 600 * Ms));
            Assert.That(trip.Reason, Does.Contain("no market data for 599 ms (limit 500 ms)"));
            Assert.That(log, Has.Some.StartsWith("#1 Canceled"), "the trip cancelled the resting order");
            Assert.That(log, Has.Some.StartsWith("#2 Rejected").And.Contains("halted"), "no new order while halted");
        });
        Assert.That(BacktestCommand.ToText(result, null, []), Does.Contain("breaker        stale_feed tripped at").And.Contain("-> halted: T: no market data"));
        Assert.That(BacktestCommand.ToJson(result, "s", null, []), Does.Contain("\"breaker_trips\":[{\"time\":").And.Contain("\"breaker\":\"stale_feed\",\"state\":\"halted\""));
    }

    [Test]
    public void A_position_past_the_breaker_moves_to_reducing_where_only_reducing_orders_pass_and_the_cool_down_resumes()
    {
        var (result, log) = Run(new BreakerSettings { MaxPosition = 1, OnTrip = TradingState.Reducing, CooldownMs = 300 },
            [Bid(T0, 100.0, 5), Ask(T0, 100.1, 5), Bid(T0 + 1000 * Ms, 99.9, 1), Ask(T0 + 2000 * Ms, 100.2, 1)], null,
            (T0 + 10 * Ms, c => c.SubmitBuy(0, 1, 100.1, 2, TimeInForce.Ioc)),
            (T0 + 400 * Ms, c => c.SubmitBuy(0, 2, 99.0, 1)),
            (T0 + 410 * Ms, c => c.SubmitSell(0, 3, 100.0, 2, TimeInForce.Ioc)),
            (T0 + 900 * Ms, c => c.SubmitBuy(0, 4, 99.0, 1)));
        Assert.Multiple(() =>
        {
            Assert.That(result.BreakerTrips.Select(t => t.Breaker), Is.EqualTo(new[] { "max_position", "reset" }));
            Assert.That(result.BreakerTrips[0].State, Is.EqualTo(TradingState.Reducing));
            Assert.That(result.BreakerTrips[0].Reason, Does.Contain("T position 2 is past 1"));
            Assert.That(log, Has.Some.StartsWith("#2 Rejected").And.Contains("reduce"), "a buy would add to the long: refused");
            Assert.That(log, Has.Some.StartsWith("#3 Filled"), "the sell reduces it: it passes");
            Assert.That(result.BreakerTrips[1].Time, Is.GreaterThanOrEqualTo(result.BreakerTrips[0].Time + 300 * Ms), "the cool-down ran");
            Assert.That(log, Has.Some.StartsWith("#4 New"), "after the reset, trading resumes");
        });
    }

    [Test]
    public void A_request_the_venue_takes_too_long_to_answer_trips_ack_latency()
    {
        var (result, _) = Run(new BreakerSettings { AckLatencyMs = 250 }, [Bid(T0, 100.0, 5), Ask(T0, 100.1, 5), Bid(T0 + 3000 * Ms, 99.9, 1)],
            new ConstantLatency(400 * Ms, 400 * Ms), (T0 + 10 * Ms, c => c.SubmitBuy(0, 1, 99.0, 1)));
        var trip = result.BreakerTrips.Single();
        Assert.That(trip.Breaker, Is.EqualTo("ack_latency"));
        Assert.That(trip.Reason, Does.Contain("order 1: no answer from the venue"));
    }

    [Test]
    public void Without_breakers_nothing_is_checked_and_the_summary_is_unchanged()
    {
        var (result, _) = Run(BreakerSettings.None, [Bid(T0, 100.0, 5), Ask(T0, 100.1, 5), Bid(T0 + 2000 * Ms, 99.9, 1)], null,
            (T0 + 10 * Ms, c => c.SubmitBuy(0, 1, 99.0, 1)));
        Assert.That(result.BreakerTrips, Is.Empty);
        Assert.That(BacktestCommand.ToJson(result, "s", null, []), Does.Not.Contain("breaker_trips"));
    }
}
