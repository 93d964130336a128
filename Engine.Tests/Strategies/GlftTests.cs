using Hft.Core.Books;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Strategies;
using Hft.Strategies;
using static Hft.Engine.Tests.Venue.Events;

namespace Hft.Engine.Tests.Strategies;

/// <summary>
/// The GLFT market maker on hand-built books with tick 1: a 4-step window of 1 s steps calibrated at every step,
/// so the whole fit can be checked by hand.
/// <code>
/// step 0: book 100/101, mid 100.5                      (no arrival: no mid yet)
///         buy trade at 104 (depth 3.5), sell at 99 (1.5)
/// step 1: arrival 3.5 (bucket round(3.5/0.5)−1 = 6); book 101/102, mid 101.5 (change +1)
///         sell trade at 99 (depth 101.5 − 99 = 2.5, bucket 4)
/// step 2: arrival 2.5; mid 101.5 (change 0)
/// step 3: no trade (−∞); book 100/101, mid 100.5 (change −1); calibration:
///         λ[j] = arrivals deeper than bucket j = [2, 2, 2, 2, 1, 1] / 4 s at δ = 0.5 … 5.5
///         ln λ = ln A − k·δ  →  A = 0.6383329178432215, k = 0.15843364127084467
///         σ = std(+1, 0, −1) × √(1000/1000) = √(2/3)
/// </code>
/// With γ = 0.05, Δ = 1: c1 = 5.485697694, c2 = 0.880662886, half spread = c1 + c2·σ/2 = 5.845226812 ticks,
/// skew = c2·σ = 0.719058235 ticks (skew_adj = 1 here; the default 0.05 scales it down).
/// </summary>
public sealed class GlftTests
{
    private const long Second = 1_000_000_000;
    private static readonly Instrument Inst = new("T", "sim", 1.0, 1.0);

    private static GlftSettings Settings(double skewAdj = 1.0, double maxPosition = 20) =>
        new(SkewAdj: skewAdj, MaxPosition: maxPosition, StepMs: 1000, WindowSteps: 4, CalibrateEvery: 1);

    private static MarketDepth Book(long bid, long ask)
    {
        var depth = new MarketDepth(1.0, 1.0);
        SetTouch(depth, bid, ask);
        return depth;
    }

    private static void SetTouch(MarketDepth depth, long bid, long ask)
    {
        depth.Clear(Side.Buy, double.NegativeInfinity);
        depth.Clear(Side.Sell, double.PositiveInfinity);
        depth.UpdateBid(bid, 10);
        depth.UpdateBid(bid - 1, 10);
        depth.UpdateAsk(ask, 10);
        depth.UpdateAsk(ask + 1, 10);
    }

    /// <summary>Runs the four steps above; the last one quotes with <paramref name="position"/>.</summary>
    private static (GlftMarketMaking Glft, FakeStrategyContext Ctx) Calibrated(double position = 0, GlftSettings? settings = null)
    {
        var depth = Book(100, 101);
        var ctx = new FakeStrategyContext(Inst, depth);
        var glft = new GlftMarketMaking(settings ?? Settings());
        glft.Attach(ctx);
        glft.OnTimer(0);
        Trade(glft, BuyTrade(0, 104, 1));
        Trade(glft, SellTrade(0, 99, 1));
        SetTouch(depth, 101, 102);
        glft.OnTimer(0);
        Trade(glft, SellTrade(0, 99, 1));
        glft.OnTimer(0);
        SetTouch(depth, 100, 101);
        ctx.CurrentPosition = position;
        Assert.That(ctx.Submitted, Is.Empty, "nothing is quoted before the window is full");
        glft.OnTimer(0);
        return (glft, ctx);
    }

    private static void Trade(GlftMarketMaking glft, MarketEvent trade) => glft.OnTrade(0, in trade);

    private static (Side Side, ulong Id, TimeInForce Tif)[] Quotes(FakeStrategyContext ctx) =>
        ctx.Submitted.Select(s => (s.Side, s.Id, s.Tif)).ToArray();

    [Test]
    public void Coefficients_reproduce_the_tutorials_example_calibration()
    {
        // ETHUSDT 2022-10-03 in the tutorial: A = 2.986, k = 0.04236, σ ≈ 10.7 ticks/√s → half spread 20.47, skew 9.76.
        var (c1, c2) = GlftMarketMaking.Coefficients(0.05, 1.0, 2.986, 0.04236);
        double sigma = 10.7;
        Assert.That(c1 + 0.5 * c2 * sigma, Is.EqualTo(20.47).Within(0.02));
        Assert.That(c2 * sigma, Is.EqualTo(9.76).Within(0.02));
    }

    [Test]
    public void Calibration_fits_a_and_k_from_arrival_depths_and_sigma_from_mid_changes()
    {
        var (glft, _) = Calibrated();
        Assert.That(glft.A, Is.EqualTo(0.6383329178432215).Within(1e-12));
        Assert.That(glft.K, Is.EqualTo(0.15843364127084467).Within(1e-12));
        Assert.That(glft.Volatility, Is.EqualTo(Math.Sqrt(2.0 / 3.0)).Within(1e-12));
        Assert.That(glft.HalfSpreadTicks, Is.EqualTo(5.845226811689139).Within(1e-9));
        Assert.That(glft.SkewTicks, Is.EqualTo(0.7190582352157621).Within(1e-9));
    }

    [Test]
    public void Flat_quotes_are_the_half_spread_around_mid_as_post_only_orders_whose_id_is_the_price_tick()
    {
        var (glft, ctx) = Calibrated();
        // 100.5 ∓ 5.845 = 94.65 / 106.35 → ticks 95 and 106.
        Assert.That(Quotes(ctx), Is.EqualTo(new[] { (Side.Buy, 95UL, TimeInForce.Gtx), (Side.Sell, 106UL, TimeInForce.Gtx) }));
        Assert.That(ctx.Submitted.Select(s => s.Price), Is.EqualTo(new[] { 95.0, 106.0 }));
        Assert.That((glft.BidTick, glft.AskTick), Is.EqualTo((95L, 106L)));
    }

    [TestCase(3, 92UL, 104UL)]    // reservation 100.5 − 3·0.719 = 98.343: 92.50 → 92, 104.19 → 104
    [TestCase(-3, 97UL, 109UL)]   // reservation 102.657: 96.81 → 97, 108.50 → 109
    public void Position_skews_both_quotes_away_from_it(double position, ulong bid, ulong ask)
    {
        var (_, ctx) = Calibrated(position);
        Assert.That(Quotes(ctx), Is.EqualTo(new[] { (Side.Buy, bid, TimeInForce.Gtx), (Side.Sell, ask, TimeInForce.Gtx) }));
    }

    [Test]
    public void The_default_skew_adjustment_scales_the_skew_down_to_five_percent()
    {
        var (glft, ctx) = Calibrated(10, Settings(skewAdj: 0.05));
        Assert.That(glft.SkewTicks, Is.EqualTo(0.7190582352157621 * 0.05).Within(1e-9));
        // reservation 100.5 − 10·0.03595 = 100.14: 94.30 → 94, 105.99 → 106.
        Assert.That(Quotes(ctx).Select(q => q.Id), Is.EqualTo(new[] { 94UL, 106UL }));
    }

    [Test]
    public void Quotes_never_cross_into_the_book_they_stop_at_the_touch()
    {
        // Skew 7.19 ticks per unit: long 3 puts the ask at round(78.93 + 5.85) = 85, below the best ask 101;
        // short 3 puts the bid at round(122.07 − 5.85) = 116, above the best bid 100.
        var (_, longCtx) = Calibrated(3, Settings(skewAdj: 10));
        Assert.That(Quotes(longCtx).Single(q => q.Side == Side.Sell).Id, Is.EqualTo(101UL));
        var (_, shortCtx) = Calibrated(-3, Settings(skewAdj: 10));
        Assert.That(Quotes(shortCtx).Single(q => q.Side == Side.Buy).Id, Is.EqualTo(100UL));
    }

    [Test]
    public void At_max_position_the_bid_is_withdrawn_and_only_the_ask_is_quoted()
    {
        var (glft, ctx) = Calibrated(position: 0, Settings(maxPosition: 5));
        ctx.AcknowledgeAll();
        ctx.ForgetCalls();
        ctx.CurrentPosition = 5;
        glft.OnTimer(0);
        Assert.That(glft.BidTick, Is.EqualTo(long.MinValue));
        Assert.That(ctx.Calls, Does.Contain("cancel 95"), "the resting bid is cancelled");
        Assert.That(ctx.Submitted.Where(s => s.Side == Side.Buy), Is.Empty);
        Assert.That(ctx.Submitted.Single().Side, Is.EqualTo(Side.Sell));

        ctx.CurrentPosition = -5;
        ctx.CompleteCancels();
        ctx.ForgetCalls();
        glft.OnTimer(0);
        Assert.That(glft.AskTick, Is.EqualTo(long.MinValue));
        Assert.That(ctx.Submitted.Where(s => s.Side == Side.Sell), Is.Empty);
        Assert.That(ctx.Submitted.Where(s => s.Side == Side.Buy), Is.Not.Empty);
    }

    [Test]
    public void Unchanged_quotes_are_kept_and_moved_quotes_are_cancelled_and_replaced()
    {
        var (glft, ctx) = Calibrated();
        ctx.AcknowledgeAll();
        ctx.ForgetCalls();
        glft.OnTimer(0);  // same book; mid change 0 enters the window, σ and the quotes barely move
        Assert.That(ctx.Calls, Is.Empty, $"bid {glft.BidTick} ask {glft.AskTick}");
    }

    [Test]
    public void A_fit_without_decay_is_ignored_and_the_previous_coefficients_are_kept()
    {
        var (glft, ctx) = Calibrated();
        // Two quiet steps leave one arrival (bucket 4) in the window: λ is flat over buckets 0-3, so k would be 0.
        glft.OnTimer(0);
        glft.OnTimer(0);
        Assert.That(glft.A, Is.EqualTo(0.6383329178432215).Within(1e-12));
        Assert.That(glft.K, Is.EqualTo(0.15843364127084467).Within(1e-12));
        Assert.That(double.IsFinite(glft.HalfSpreadTicks), Is.True);
        Assert.That(glft.BidTick, Is.Not.EqualTo(long.MinValue));
    }

    [Test]
    public void Trades_allocate_nothing()
    {
        var trade = BuyTrade(0, 103, 1);
        long allocated = Allocations.Least(() =>
        {
            var (glft, _) = Calibrated();
            glft.OnTrade(0, in trade);
            return () =>
            {
                for (int i = 0; i < 10_000; i++) glft.OnTrade(0, in trade);
            };
        });
        Assert.That(allocated, Is.LessThan(Allocations.OneOffBudget), "10,000 trades: nothing allocated per trade");
    }

    [Test]
    public void Parameters_bind_by_name_with_the_tutorials_defaults_and_ranges_are_checked()
    {
        var d = StrategyDescriptor.Of<GlftMarketMaking>();
        var s = (GlftSettings)d.BindSettings(StrategyParameters.Parse(["gamma=0.1", "window_steps=1200"]))!;
        Assert.That((s.Gamma, s.WindowSteps, s.SkewAdj, s.OrderQuantity, s.MaxPosition, s.StepMs, s.CalibrateEvery),
            Is.EqualTo((0.1, 1200, 0.05, 1.0, 20.0, 100, 50)));
        Assert.That(() => d.BindSettings(StrategyParameters.Parse(["gamma=0"])),
            Throws.TypeOf<StrategyParameterException>().With.Property("Key").EqualTo("gamma"));
        Assert.That(() => d.BindSettings(StrategyParameters.Parse(["gama=1"])),
            Throws.TypeOf<StrategyParameterException>().With.Message.Contains("did you mean 'gamma'"));
    }
}
