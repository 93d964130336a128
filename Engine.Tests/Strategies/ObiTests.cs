using Hft.Core.Books;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Strategies;
using Hft.Strategies;

namespace Hft.Engine.Tests.Strategies;

/// <summary>
/// The order-book-imbalance market maker on a hand-built book with tick 1 and a 5 % band:
/// <code>
/// bids 100:5  99:3  98:2  (90:100 outside the band)      asks 101:4  102:1  103:1  (111:100 outside)
/// mid 100.5; band: bids above ceil(100.5·0.95) = 96, asks below floor(100.5·1.05) = 105
/// imbalance = (5 + 3 + 2) − (4 + 1 + 1) = 4;  with 99:1 instead, 2
/// </code>
/// Two samples 4 then 2 give mean 3, std 1, alpha −1; with c1 = 1.5 the fair price is 99, the reservation
/// 99 − skew·q, and the quotes reservation ∓ half spread (3).
/// </summary>
public sealed class ObiTests
{
    private const long Second = 1_000_000_000;
    private static readonly Instrument Inst = new("T", "sim", 1.0, 1.0);

    private static ObiSettings Settings() => new(IntervalMs: 1000, Depth: 0.05, Window: 10, C1: 1.5, HalfSpread: 3, Skew: 1,
        OrderQuantity: 1, MaxPosition: 5, StopCooldownMs: 5000);

    /// <summary>The book above, every price shifted by <paramref name="shift"/> ticks.</summary>
    private static void SetBook(MarketDepth depth, int shift = 0, double qty99 = 3)
    {
        depth.Clear(Side.None, double.NaN);
        depth.UpdateBid(100 + shift, 5);
        depth.UpdateBid(99 + shift, qty99);
        depth.UpdateBid(98 + shift, 2);
        depth.UpdateBid(90 + shift, 100);
        depth.UpdateAsk(101 + shift, 4);
        depth.UpdateAsk(102 + shift, 1);
        depth.UpdateAsk(103 + shift, 1);
        depth.UpdateAsk(111 + shift, 100);
    }

    private static (ObiMarketMaking Obi, FakeStrategyContext Ctx, MarketDepth Depth) Make(ObiSettings? settings = null)
    {
        var depth = new MarketDepth(1.0, 1.0);
        SetBook(depth);
        var ctx = new FakeStrategyContext(Inst, depth);
        var obi = new ObiMarketMaking(settings ?? Settings());
        obi.Attach(ctx);
        return (obi, ctx, depth);
    }

    /// <summary>Samples 4 then 2 (alpha −1), the second one at 1 s with <paramref name="position"/>.</summary>
    private static (ObiMarketMaking Obi, FakeStrategyContext Ctx, MarketDepth Depth) TwoSamples(double position = 0, ObiSettings? settings = null)
    {
        var (obi, ctx, depth) = Make(settings);
        obi.OnTimer(0);
        SetBook(depth, qty99: 1);
        ctx.Now = 1 * Second;
        ctx.CurrentPosition = position;
        obi.OnTimer(0);
        return (obi, ctx, depth);
    }

    private static ulong[] Ids(FakeStrategyContext ctx, Side side, TimeInForce tif = TimeInForce.Gtx) =>
        ctx.Submitted.Where(s => s.Side == side && s.Tif == tif).Select(s => s.Id).ToArray();

    [Test]
    public void Imbalance_counts_only_levels_inside_the_band_and_one_sample_quotes_nothing()
    {
        var (obi, ctx, _) = Make();
        obi.OnTimer(0);
        Assert.That(obi.Imbalance, Is.EqualTo(4));
        Assert.That(obi.Alpha, Is.NaN, "one sample has no spread: 0/0, as numpy gives");
        Assert.That(ctx.Submitted, Is.Empty);
    }

    [Test]
    public void Alpha_is_the_z_score_of_the_imbalance_over_the_window_and_shifts_the_fair_price()
    {
        var (obi, ctx, _) = TwoSamples();
        Assert.That(obi.Imbalance, Is.EqualTo(2));
        Assert.That(obi.Alpha, Is.EqualTo(-1.0).Within(1e-12));
        Assert.That(obi.ReservationTick, Is.EqualTo(99.0).Within(1e-12));
        // 99 ∓ 3 → 96 and 102.
        Assert.That(Ids(ctx, Side.Buy), Is.EqualTo(new[] { 96UL }));
        Assert.That(Ids(ctx, Side.Sell), Is.EqualTo(new[] { 102UL }));
        Assert.That(ctx.Submitted.Select(s => s.Price), Is.EqualTo(new[] { 96.0, 102.0 }));
    }

    [TestCase(2, 94UL, 101UL)]    // reservation 97: 94 and 100, floored at the best ask 101
    [TestCase(-2, 98UL, 104UL)]   // reservation 101: 98 and 104
    public void Position_skews_the_reservation_and_quotes_stop_at_the_touch(double position, ulong bid, ulong ask)
    {
        var (obi, ctx, _) = TwoSamples(position);
        Assert.That(obi.ReservationTick, Is.EqualTo(99.0 - position).Within(1e-12));
        Assert.That(Ids(ctx, Side.Buy), Is.EqualTo(new[] { bid }));
        Assert.That(Ids(ctx, Side.Sell), Is.EqualTo(new[] { ask }));
    }

    [Test]
    public void At_max_position_only_the_side_that_reduces_it_is_quoted()
    {
        var (obi, ctx, _) = TwoSamples(position: 5);
        Assert.That(Ids(ctx, Side.Buy), Is.Empty);
        Assert.That(Ids(ctx, Side.Sell), Has.Length.EqualTo(1));
        Assert.That(obi.BidTick, Is.EqualTo(long.MinValue));

        var (_, shortCtx, _) = TwoSamples(position: -5);
        Assert.That(Ids(shortCtx, Side.Sell), Is.Empty);
        Assert.That(Ids(shortCtx, Side.Buy), Has.Length.EqualTo(1));
    }

    [Test]
    public void The_half_spread_widens_with_the_volatility_of_the_mid()
    {
        // Mids 100.5, 102.5, 100.5: changes +2, −2, σ = 2; c1 = 0 keeps fair = mid; 3 + 1.75·2 = 6.5 → 94 / 107.
        var (obi, ctx, depth) = Make(Settings() with { C1 = 0, VolToHalfSpread = 1.75, VolWindow = 5 });
        obi.OnTimer(0);
        SetBook(depth, shift: 2, qty99: 1);
        ctx.Now = 1 * Second;
        obi.OnTimer(0);
        Assert.That(obi.Volatility, Is.Zero, "one change has no spread");
        ctx.ForgetCalls();
        SetBook(depth);
        ctx.Now = 2 * Second;
        obi.OnTimer(0);
        Assert.That(obi.Volatility, Is.EqualTo(2.0).Within(1e-12));
        Assert.That(obi.HalfSpreadTicks, Is.EqualTo(6.5).Within(1e-12));
        Assert.That(Ids(ctx, Side.Buy), Is.EqualTo(new[] { 94UL }));
        Assert.That(Ids(ctx, Side.Sell), Is.EqualTo(new[] { 107UL }));
    }

    [Test]
    public void A_price_jump_stops_quoting_cancels_flattens_and_quoting_resumes_after_the_cooldown()
    {
        var settings = Settings() with { StopPriceChange = 2.5, StopLookback = 2 };
        var (obi, ctx, depth) = TwoSamples(settings: settings);
        Assert.That(Ids(ctx, Side.Buy), Is.EqualTo(new[] { 96UL }));
        ctx.AcknowledgeAll();
        ctx.ForgetCalls();

        // +3 ticks within the lookback: stop.
        ctx.CurrentPosition = 2;
        SetBook(depth, shift: 3);
        ctx.Now = 2 * Second;
        obi.OnTimer(0);
        Assert.Multiple(() =>
        {
            Assert.That(obi.PriceChange, Is.EqualTo(3.0));
            Assert.That(obi.LastStop, Is.EqualTo(ObiStopReason.PriceChange));
            Assert.That(obi.IsStopped, Is.True);
            Assert.That(ctx.Calls.Where(c => c.StartsWith("cancel", StringComparison.Ordinal)), Is.EquivalentTo(new[] { "cancel 96", "cancel 102" }));
            Assert.That(Ids(ctx, Side.Buy).Concat(Ids(ctx, Side.Sell)), Is.Empty, "no quote while stopped");
            var flatten = ctx.Submitted.Single();
            Assert.That((flatten.Side, flatten.Tif, flatten.Price, flatten.Quantity), Is.EqualTo((Side.Sell, TimeInForce.Ioc, 103.0, 2.0)),
                "the position is closed at the best bid");
        });

        // At 4 s the jump is still within the 2-sample lookback: a second trigger extends the stop to 9 s. At 5 s the
        // market is calm but the stop holds: nothing is sent, and the pending flattening order is not repeated.
        ctx.ForgetCalls();
        ctx.Now = 4 * Second;
        obi.OnTimer(0);
        ctx.Now = 5 * Second;
        obi.OnTimer(0);
        Assert.That(obi.PriceChange, Is.Zero);
        Assert.That(obi.IsStopped, Is.True);
        Assert.That(ctx.Submitted, Is.Empty);
        Assert.That(obi.Stops, Is.EqualTo(2));

        // After the cooldown, flat again: quotes come back.
        ctx.CurrentPosition = 0;
        ctx.Now = 9 * Second;
        SetBook(depth, shift: 3, qty99: 1);
        obi.OnTimer(0);
        Assert.That(obi.IsStopped, Is.False);
        Assert.That(Ids(ctx, Side.Buy), Has.Length.EqualTo(1));
        Assert.That(Ids(ctx, Side.Sell), Has.Length.EqualTo(1));
    }

    [Test]
    public void Extreme_volatility_stops_quoting_and_without_flatten_the_position_is_kept()
    {
        var settings = Settings() with { StopVolatility = 1.5, VolWindow = 2, FlattenOnStop = false };
        var (obi, ctx, depth) = Make(settings);
        ctx.CurrentPosition = 3;
        obi.OnTimer(0);
        SetBook(depth, shift: 2, qty99: 1);
        ctx.Now = 1 * Second;
        obi.OnTimer(0);
        Assert.That(obi.LastStop, Is.EqualTo(ObiStopReason.None), "σ = 0 after one change");
        SetBook(depth);
        ctx.Now = 2 * Second;
        ctx.ForgetCalls();
        obi.OnTimer(0);
        Assert.That(obi.Volatility, Is.EqualTo(2.0).Within(1e-12));
        Assert.That(obi.LastStop, Is.EqualTo(ObiStopReason.Volatility));
        Assert.That(obi.IsStopped, Is.True);
        Assert.That(ctx.Submitted, Is.Empty, "neither quotes nor a flattening order");
    }

    [Test]
    public void Parameters_bind_by_name_including_booleans_and_ranges_are_checked()
    {
        var d = StrategyDescriptor.Of<ObiMarketMaking>();
        var s = (ObiSettings)d.BindSettings(StrategyParameters.Parse(["half_spread=5", "flatten_on_stop=false", "stop_volatility=4"]))!;
        Assert.That((s.HalfSpread, s.FlattenOnStop, s.StopVolatility, s.Window, s.Depth), Is.EqualTo((5.0, false, 4.0, 3600, 0.025)));
        Assert.That(() => d.BindSettings(StrategyParameters.Parse(["depth=1.5"])),
            Throws.TypeOf<StrategyParameterException>().With.Property("Key").EqualTo("depth").And.Message.Contains("between 0 and 1"));
        Assert.That(() => d.BindSettings(StrategyParameters.Parse(["flatten_on_stop=maybe"])),
            Throws.TypeOf<StrategyParameterException>().With.Message.EqualTo("parameter 'flatten_on_stop': expected true or false, got 'maybe'"));
    }
}
