using Hft.Core.Books;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Strategies;

namespace Hft.Engine.Tests.Strategies;

/// <summary>
/// Quotes of the grid strategy on a hand-built book with tick 0.5 (values chosen so every product is exact):
/// best bid 999.5, best ask 1000.5, mid 1000, default parameters (half spread 0.0005, grid interval 0.0005,
/// 10 levels, skew 0.00005, quantity 1, max position 10).
/// </summary>
public sealed class GridTradingTests
{
    private static (GridTrading Grid, FakeStrategyContext Ctx) Make(double position = 0)
    {
        var depth = new MarketDepth(0.5, 1);
        depth.UpdateBid(999.5, 10);
        depth.UpdateAsk(1000.5, 10);
        var ctx = new FakeStrategyContext(new Instrument("T", "sim", 0.5, 1), depth) { CurrentPosition = position };
        var grid = new GridTrading(new GridTradingSettings());
        grid.Attach(ctx);
        return (grid, ctx);
    }

    private static ulong[] Ids(FakeStrategyContext ctx, Side side) => ctx.Submitted.Where(s => s.Side == side).Select(s => s.Id).ToArray();

    private static ulong[] Range(ulong from, int count, int step) => Enumerable.Range(0, count).Select(i => (ulong)((long)from + i * step)).ToArray();

    [Test]
    public void Flat_position_quotes_ten_post_only_levels_each_side_from_the_touch()
    {
        var (grid, ctx) = Make();
        grid.OnTimer(0);
        // bid = min(1000·(1−0.0005), 999.5) = 999.5 → tick 1999; ask = max(1000·1.0005, 1000.5) = 1000.5 → tick 2001;
        // grid interval = max(round(1000·0.0005/0.5)·0.5, 0.5) = 0.5 (one tick).
        Assert.That(Ids(ctx, Side.Buy), Is.EqualTo(Range(1999, 10, -1)));
        Assert.That(Ids(ctx, Side.Sell), Is.EqualTo(Range(2001, 10, 1)));
        Assert.That(ctx.Submitted.All(s => s.Tif == TimeInForce.Gtx), Is.True);
    }

    [Test]
    public void A_long_position_skews_the_bids_down_and_leaves_the_asks_at_the_touch()
    {
        var (grid, ctx) = Make(position: 3);
        grid.OnTimer(0);
        // rel bid depth = 0.0005 + 0.00005·3 = 0.00065 → 999.35 → floor to the 0.5 grid = 999.0 (tick 1998).
        Assert.That(Ids(ctx, Side.Buy), Is.EqualTo(Range(1998, 10, -1)));
        // rel ask depth = 0.00035 → 1000.35, below the best ask, so the ask starts at 1000.5.
        Assert.That(Ids(ctx, Side.Sell), Is.EqualTo(Range(2001, 10, 1)));
    }

    [Test]
    public void At_max_position_no_bids_are_quoted_and_resting_bids_are_cancelled()
    {
        var (grid, ctx) = Make();
        grid.OnTimer(0);
        ctx.AcknowledgeAll();
        ctx.Submitted.Clear();
        ctx.Calls.Clear();
        ctx.CurrentPosition = 10;
        grid.OnTimer(0);
        Assert.That(Ids(ctx, Side.Buy), Is.Empty);
        Assert.That(ctx.Calls.Count(c => c.StartsWith("cancel ", StringComparison.Ordinal)), Is.EqualTo(10));
        Assert.That(ctx.Calls.Where(c => c.StartsWith("cancel ", StringComparison.Ordinal)).Select(c => ulong.Parse(c[7..], System.Globalization.CultureInfo.InvariantCulture)),
            Is.EquivalentTo(Range(1999, 10, -1)));
    }

    [Test]
    public void Orders_already_on_the_grid_are_kept_and_not_resubmitted()
    {
        var (grid, ctx) = Make();
        grid.OnTimer(0);
        ctx.AcknowledgeAll();
        ctx.Submitted.Clear();
        ctx.Calls.Clear();
        grid.OnTimer(0);
        Assert.That(ctx.Calls, Is.Empty);
    }

    [Test]
    public void An_incomplete_book_quotes_nothing()
    {
        var depth = new MarketDepth(0.5, 1);
        depth.UpdateBid(999.5, 10);
        var ctx = new FakeStrategyContext(new Instrument("T", "sim", 0.5, 1), depth);
        var grid = new GridTrading(new GridTradingSettings());
        grid.Attach(ctx);
        grid.OnTimer(0);
        Assert.That(ctx.Calls, Is.Empty);
    }

    [Test]
    public void Parameters_bind_by_the_reference_names_and_typos_are_caught()
    {
        var s = GridTradingSettings.From(Hft.Core.Strategies.StrategyParameters.Parse(["grid_num=4", "order_qty=0.5"]));
        Assert.That(s.GridNum, Is.EqualTo(4));
        Assert.That(s.OrderQuantity, Is.EqualTo(0.5));
        Assert.That(() => GridTradingSettings.From(Hft.Core.Strategies.StrategyParameters.Parse(["grid_nun=4"])),
            Throws.TypeOf<Hft.Core.Strategies.StrategyParameterException>().With.Message.Contains("did you mean 'grid_num'")
                .And.Property("Key").EqualTo("grid_nun"));
        Assert.That(() => GridTradingSettings.From(Hft.Core.Strategies.StrategyParameters.Parse(["order_qty=abc"])),
            Throws.TypeOf<Hft.Core.Strategies.StrategyParameterException>().With.Message.Contains("expected a number")
                .And.Property("Key").EqualTo("order_qty"));
    }
}
