using Hft.Core.Books;
using Hft.Core.Markets;

namespace Hft.Engine.Tests.Books;

public sealed class MarketDepthTests
{
    private const double Tick = 0.1;
    private const double Lot = 0.001;

    private static MarketDepth NewBook() => new(Tick, Lot);

    /// <summary>
    /// Random updates (side, price offset from 1000 ticks, lots; 0 lots deletes) keep the book's invariants:
    /// the best bid is below the best ask, each best is a live level, and every level reads back what was set.
    /// </summary>
    [FsCheck.NUnit.Property(MaxTest = 300)]
    public bool Random_updates_keep_the_invariants((bool Bid, sbyte Offset, byte Lots)[] ops)
    {
        var book = NewBook();
        var bids = new Dictionary<long, double>();
        var asks = new Dictionary<long, double>();
        foreach (var (bid, offset, lots) in ops)
        {
            long tick = 1000 + offset;
            double qty = (lots % 8) * Lot;
            var change = bid ? book.UpdateBid(tick * Tick, qty) : book.UpdateAsk(tick * Tick, qty);
            if (change.Tick != tick) return false;
            var side = bid ? bids : asks;
            if (qty > 0) side[tick] = qty; else side.Remove(tick);

            long bb = book.BestBidTick, ba = book.BestAskTick;
            if (bb != MarketDepth.InvalidMin && ba != MarketDepth.InvalidMax && bb >= ba) return false;
            if (bb != MarketDepth.InvalidMin && !(book.BidQuantityAt(bb) > 0)) return false;
            if (ba != MarketDepth.InvalidMax && !(book.AskQuantityAt(ba) > 0)) return false;
            foreach (var (t, q) in bids) if (book.BidQuantityAt(t) != q) return false;
            foreach (var (t, q) in asks) if (book.AskQuantityAt(t) != q) return false;
        }
        return true;
    }

    /// <summary>Without crossing updates the book is exactly the naive model: best = max bid / min ask.</summary>
    [FsCheck.NUnit.Property(MaxTest = 300)]
    public bool Uncrossed_updates_match_a_naive_book((bool Bid, byte Distance, byte Lots)[] ops)
    {
        var book = NewBook();
        var bids = new SortedDictionary<long, double>();
        var asks = new SortedDictionary<long, double>();
        foreach (var (bid, distance, lots) in ops)
        {
            long tick = bid ? 1000 - 1 - distance % 50 : 1000 + distance % 50;
            double qty = (lots % 5) * Lot;
            if (bid) book.UpdateBid(tick * Tick, qty); else book.UpdateAsk(tick * Tick, qty);
            var side = bid ? bids : asks;
            if (qty > 0) side[tick] = qty; else side.Remove(tick);
            long expectBid = bids.Count > 0 ? bids.Keys.Max() : MarketDepth.InvalidMin;
            long expectAsk = asks.Count > 0 ? asks.Keys.Min() : MarketDepth.InvalidMax;
            if (book.BestBidTick != expectBid || book.BestAskTick != expectAsk) return false;
            if (expectBid != MarketDepth.InvalidMin && book.BestBidQuantity != bids[expectBid]) return false;
        }
        return true;
    }

    /// <summary>The book's multiply-based rounding gives exactly the reference's <c>round(value / unit)</c>.</summary>
    [FsCheck.NUnit.Property(MaxTest = 2000)]
    public bool Rounding_by_multiplication_equals_rounding_the_quotient(int ticks, byte fraction, byte unitIndex, bool halfway)
    {
        double[] units = [0.1, 0.01, 0.5, 0.001, 0.000001, 1e-8, 0.25, 5, 0.3, 0.07];
        double unit = units[unitIndex % units.Length];
        // Values on, near and exactly half-way between ticks, where a wrong rounding would show.
        double value = halfway ? (ticks + 0.5) * unit : (ticks + fraction / 256.0) * unit;
        return PriceMath.RoundQuotient(value, unit, 1.0 / unit) == PriceMath.RoundToLong(value / unit);
    }

    [Test]
    public void Rounding_by_multiplication_handles_non_finite_and_huge_values()
    {
        foreach (var v in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e300, -1e300, 4.5e13, -0.05, 0.05 })
            Assert.That(PriceMath.RoundQuotient(v, 0.1, 10.0), Is.EqualTo(PriceMath.RoundToLong(v / 0.1)), v.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Test]
    public void Prices_round_half_away_from_zero_like_the_reference()
    {
        var book = new MarketDepth(0.5, 1);
        Assert.Multiple(() =>
        {
            Assert.That(book.ToTick(0.25), Is.EqualTo(1), "0.5 ticks rounds up, not to even");
            Assert.That(book.ToTick(1.25), Is.EqualTo(3), "2.5 ticks rounds up, not to even");
            Assert.That(new MarketDepth(0.1, 1).ToTick(100.05), Is.EqualTo(1000), "100.05 / 0.1 is 1000.4999999999999 in binary, as in the reference");
            Assert.That(PriceMath.RoundToLong(2.5), Is.EqualTo(3));
            Assert.That(PriceMath.RoundToLong(-2.5), Is.EqualTo(-3));
            Assert.That(PriceMath.RoundToLong(0.49999999999999994), Is.EqualTo(0));
            Assert.That(PriceMath.RoundToLong(double.NaN), Is.EqualTo(0));
            Assert.That(PriceMath.RoundToLong(double.PositiveInfinity), Is.EqualTo(long.MaxValue));
            Assert.That(PriceMath.RoundToLong(-1e300), Is.EqualTo(long.MinValue));
            Assert.That(PriceMath.Min(double.NaN, 3), Is.EqualTo(3));
            Assert.That(PriceMath.Max(2, double.NaN), Is.EqualTo(2));
        });
    }

    [Test]
    public void A_level_below_half_a_lot_is_removed()
    {
        var book = NewBook();
        book.UpdateBid(100.0, 0.002);
        book.UpdateBid(100.1, 0.0004);
        Assert.That(book.BestBidTick, Is.EqualTo(1000));
        Assert.That(book.BidQuantityAt(1001), Is.Zero);
    }

    [Test]
    public void Emptying_the_best_level_moves_to_the_next_one_and_to_none()
    {
        var book = NewBook();
        book.UpdateAsk(101.0, 1);
        book.UpdateAsk(101.5, 2);
        book.UpdateAsk(101.0, 0);
        Assert.That(book.BestAskTick, Is.EqualTo(1015));
        book.UpdateAsk(101.5, 0);
        Assert.That(book.BestAskTick, Is.EqualTo(MarketDepth.InvalidMax));
        Assert.That(book.BestAsk, Is.NaN);
        book.UpdateAsk(99.0, 1);
        Assert.That(book.BestAskTick, Is.EqualTo(990), "a new ask after the side emptied becomes the best");
    }

    [Test]
    public void A_crossing_bid_moves_the_ask_pointer_past_crossed_levels()
    {
        var book = NewBook();
        book.UpdateAsk(100.0, 1);
        book.UpdateAsk(100.2, 1);
        book.UpdateBid(100.1, 1);
        Assert.That(book.BestBidTick, Is.EqualTo(1001));
        Assert.That(book.BestAskTick, Is.EqualTo(1002));
        Assert.That(book.AskQuantityAt(1000), Is.EqualTo(1), "the crossed ask stays until updated, as in the reference");
    }

    [Test]
    public void Clear_removes_the_range_from_the_best_and_rescans_from_the_next_level()
    {
        var book = NewBook();
        foreach (var t in new[] { 995, 996, 997, 998, 999 }) book.UpdateBid(t * Tick, 1);
        foreach (var t in new[] { 1001, 1002, 1003, 1004 }) book.UpdateAsk(t * Tick, 1);
        book.Clear(Side.Buy, 99.7);
        // The reference starts its rescan one level too far and would skip 996.
        Assert.That(book.BestBidTick, Is.EqualTo(996));
        Assert.That(book.BidQuantityAt(997), Is.Zero);
        book.Clear(Side.Sell, 100.2);
        Assert.That(book.BestAskTick, Is.EqualTo(1003));
        Assert.That(book.AskQuantityAt(1002), Is.Zero);
        book.Clear(Side.Buy, double.NaN);
        Assert.That(book.BestBidTick, Is.EqualTo(MarketDepth.InvalidMin));
        book.Clear(Side.None, 0);
        Assert.That(book.BestAskTick, Is.EqualTo(MarketDepth.InvalidMax));
        Assert.That(book.AskQuantityAt(1004), Is.Zero);
    }

    [Test]
    public void Snapshot_replaces_the_book()
    {
        var book = NewBook();
        book.UpdateBid(50, 1);
        var rows = new[]
        {
            new MarketEvent(EventFlags.Both | EventFlags.Buy | EventFlags.DepthSnapshot, 0, 0, 99.9, 2),
            new MarketEvent(EventFlags.Both | EventFlags.Buy | EventFlags.DepthSnapshot, 0, 0, 99.8, 3),
            new MarketEvent(EventFlags.Both | EventFlags.Sell | EventFlags.DepthSnapshot, 0, 0, 100.1, 4),
            new MarketEvent(EventFlags.Both | EventFlags.Sell | EventFlags.DepthSnapshot, 0, 0, 100.3, 0),
        };
        book.ApplySnapshot(rows);
        Assert.That(book.BestBidTick, Is.EqualTo(999));
        Assert.That(book.BestAskTick, Is.EqualTo(1001));
        Assert.That(book.BidQuantityAt(500), Is.Zero);
        Assert.That(book.AskQuantityAt(1003), Is.Zero);
        Assert.That(book.MidPrice, Is.EqualTo(100.0).Within(1e-9));
    }

    [Test]
    public void Far_apart_prices_grow_the_window_and_absurd_spans_fail_clearly()
    {
        var book = NewBook();
        book.UpdateBid(10.0, 1);
        book.UpdateAsk(100_000.0, 1);
        Assert.That(book.BestBidTick, Is.EqualTo(100));
        Assert.That(book.BestAskTick, Is.EqualTo(1_000_000));
        Assert.That(() => book.UpdateAsk(1e12, 1), Throws.InvalidOperationException.With.Message.Contains("check the tick size"));
    }
}
