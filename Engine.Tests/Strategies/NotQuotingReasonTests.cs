using Hft.Backtest.Feed;
using Hft.Backtest.Runs;
using Hft.Core.Markets;
using Hft.Core.Strategies;
using Hft.Engine.Tests.Runtime;
using Hft.Strategies;

namespace Hft.Engine.Tests.Strategies;

/// <summary>What each built-in says when a run ends without it ever quoting, and that it says nothing once it has.</summary>
public sealed class NotQuotingReasonTests
{
    private const long T0 = 1_723_075_200_000_000_000, Ms = 1_000_000;

    private static MarketEvent Level(long t, Side side, double px, double qty) =>
        new(EventFlags.Both | (side == Side.Buy ? EventFlags.Buy : EventFlags.Sell) | EventFlags.Depth, t, t + Ms, px, qty);

    /// <summary>Runs <paramref name="strategy"/> over <paramref name="seconds"/> s of a book with bids only, or both sides.</summary>
    private static T Run<T>(T strategy, int seconds, bool bothSides) where T : Strategy
    {
        var rows = new List<MarketEvent>();
        for (int s = 0; s <= seconds; s++)
        {
            rows.Add(Level(T0 + s * 1_000 * Ms, Side.Buy, 99.9 + (s % 3) * 0.01, 5));
            if (bothSides) rows.Add(Level(T0 + s * 1_000 * Ms, Side.Sell, 100.1 + (s % 2) * 0.01, 5));
        }
        using var run = new BacktestRun(new BacktestSetup
        {
            Instruments = [new InstrumentSetup(new Instrument("T", "sim", 0.01, 0.01), () => new MemoryBlockSource(rows.ToArray()))],
            Strategies = [new StrategySetup("s", () => strategy)],
            System = TestActorSystems.Shared,
        });
        run.Execute();
        return strategy;
    }

    [Test]
    public void Glft_names_the_calibration_window_it_has_not_reached()
    {
        var s = Run(new GlftMarketMaking(new GlftSettings()), 30, bothSides: true);
        Assert.That(s.NotQuotingReason, Does.Match(@"^calibration window not reached: 30\d of 6,000 steps \(30 of 600 s of event time\)"));
    }

    [Test]
    public void Grid_and_obi_name_a_one_sided_book_and_say_nothing_once_they_quote()
    {
        Assert.That(Run(new GridTrading(new GridTradingSettings()), 5, bothSides: false).NotQuotingReason, Is.EqualTo("the book never had both sides at a requote"));
        Assert.That(Run(new ObiMarketMaking(new ObiSettings()), 5, bothSides: false).NotQuotingReason, Is.EqualTo("the book never had both sides at a step"));
        Assert.That(Run(new GridTrading(new GridTradingSettings()), 5, bothSides: true).NotQuotingReason, Is.Null);
        Assert.That(Run(new ObiMarketMaking(new ObiSettings(StopPriceChange: 0, StopVolatility: 0)), 5, bothSides: true).NotQuotingReason, Is.Null);
    }

    [Test]
    public void Obi_held_back_by_its_stop_loss_says_so()
    {
        // The first sample has no z-score yet; by the second the mid has moved, so the stop comes before any quote.
        var s = Run(new ObiMarketMaking(new ObiSettings(StopPriceChange: 0.1, StopCooldownMs: 600_000)), 5, bothSides: true);
        Assert.That(s.Stops, Is.GreaterThan(0));
        Assert.That(s.NotQuotingReason, Is.EqualTo($"its stop-loss (PriceChange) halted it whenever it could have quoted ({s.Stops} stops)"));
    }
}
