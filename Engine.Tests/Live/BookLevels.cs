using System.Globalization;
using System.Text.Json;
using Hft.Backtest.Runs;
using Hft.Core.Books;
using Hft.Core.Markets;

namespace Hft.Engine.Tests.Live;

/// <summary>Level-for-level comparison of the engine's book with an emulator's <c>/admin/state</c> book.</summary>
internal static class BookLevels
{
    /// <summary>Asserts that the best levels of <paramref name="book"/> are the <c>bids</c> and <c>asks</c> of <paramref name="state"/>.</summary>
    public static void AssertEqual(JsonElement state, MarketDepth book, Instrument instrument, string context)
    {
        var bids = FromState(state.GetProperty("bids"), instrument);
        var asks = FromState(state.GetProperty("asks"), instrument);
        if (!Walk(book, bids.Count, bid: true).SequenceEqual(bids) || !Walk(book, asks.Count, bid: false).SequenceEqual(asks))
        {
            TestContext.Out.WriteLine($"venue bids {string.Join(" ", bids.Take(6))} asks {string.Join(" ", asks.Take(6))}");
            TestContext.Out.WriteLine($"engine bids {string.Join(" ", Walk(book, 6, true))} asks {string.Join(" ", Walk(book, 6, false))} best {book.BestBidTick}/{book.BestAskTick}");
        }
        Assert.Multiple(() =>
        {
            Assert.That(Walk(book, bids.Count, bid: true), Is.EqualTo(bids), context + ": bids");
            Assert.That(Walk(book, asks.Count, bid: false), Is.EqualTo(asks), context + ": asks");
        });
    }

    /// <summary>An admin state's <c>[["price","qty"],...]</c> side as (tick, quantity).</summary>
    public static List<(long Tick, double Quantity)> FromState(JsonElement levels, Instrument instrument) =>
        levels.EnumerateArray()
            .Select(l => (instrument.ToTick(double.Parse(l[0].GetString()!, CultureInfo.InvariantCulture)),
                Math.Round(double.Parse(l[1].GetString()!, CultureInfo.InvariantCulture), 8)))
            .ToList();

    /// <summary>The book's best <paramref name="count"/> levels of one side, walking tick by tick from the best.</summary>
    public static List<(long Tick, double Quantity)> Walk(MarketDepth book, int count, bool bid)
    {
        var levels = new List<(long, double)>();
        long tick = bid ? book.BestBidTick : book.BestAskTick;
        if (tick is MarketDepth.InvalidMin or MarketDepth.InvalidMax) return levels;
        for (int step = 0; levels.Count < count && step < 1_000_000; step++, tick += bid ? -1 : 1)
        {
            double q = bid ? book.BidQuantityAt(tick) : book.AskQuantityAt(tick);
            if (q > 0) levels.Add((tick, Math.Round(q, 8)));
        }
        return levels;
    }
}
