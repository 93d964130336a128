using Hft.Backtest.Conversion;
using Hft.Core.Markets;

namespace Hft.Engine.Tests.Conversion;

public sealed class EventOrderCorrectionTests
{
    private const ulong Exch = EventFlags.Exchange;
    private const ulong Local = EventFlags.Local;
    private const ulong Both = Exch | Local;
    private const ulong Bid = EventFlags.Depth | EventFlags.Buy;
    private const ulong Buy = EventFlags.Trade | EventFlags.Buy;

    private static MarketEvent Row(ulong flags, long exchange, long local, double price) => new(flags, exchange, local, price, 1);

    [Test]
    public void Rows_in_the_same_order_on_both_timelines_are_emitted_once_with_both_flags()
    {
        var rows = new[] { Row(Bid, 1, 10, 1), Row(Bid, 1, 10, 2), Row(Buy, 2, 11, 3) };
        Assert.That(EventOrderCorrection.Apply(rows), Is.EqualTo(rows.Select(r => r.WithFlags(r.Flags | Both))));
    }

    [Test]
    public void A_row_whose_exchange_order_differs_from_its_local_order_is_emitted_twice_with_split_flags()
    {
        // The depth update is received first (local 110) but the trade happened first (exch 103 < 105).
        var depth = Row(Bid, 105, 110, 1);
        var trade = Row(Buy, 103, 111, 2);

        Assert.That(EventOrderCorrection.Apply([depth, trade]), Is.EqualTo(new[]
        {
            trade.WithFlags(Buy | Exch),
            depth.WithFlags(Bid | Both),
            trade.WithFlags(Buy | Local),
        }));
    }

    [Test]
    public void Equal_exchange_times_are_ordered_by_local_time_and_the_local_row_goes_first_when_it_is_earlier()
    {
        // e = r0 (exch 100, local 300), l = r1 (exch 100, local 200): same exch_ts, e.local > l.local, so the local
        // side is served first (rule 3); then r0 matches itself (rule 1); r1 is left on the exchange side (rule 4).
        var r0 = Row(Bid, 100, 300, 1);
        var r1 = Row(Bid, 100, 200, 2);

        Assert.That(EventOrderCorrection.Apply([r0, r1]), Is.EqualTo(new[]
        {
            r1.WithFlags(Bid | Local),
            r0.WithFlags(Bid | Both),
            r1.WithFlags(Bid | Exch),
        }));
    }

    [Test]
    public void Equal_local_times_keep_the_original_order_locally_and_the_exchange_order_for_the_exchange()
    {
        // Same local_ts: local order is r0, r1 (stable); exchange order is r1, r0.
        var r0 = Row(Bid, 200, 100, 1);
        var r1 = Row(Bid, 150, 100, 2);

        Assert.That(EventOrderCorrection.Apply([r0, r1]), Is.EqualTo(new[]
        {
            r1.WithFlags(Bid | Exch),
            r0.WithFlags(Bid | Both),
            r1.WithFlags(Bid | Local),
        }));
    }

    [Test]
    public void Existing_side_flags_are_replaced_not_kept()
    {
        var r0 = Row(Bid | Local, 105, 110, 1);
        var r1 = Row(Buy | Both, 103, 111, 2);
        var output = EventOrderCorrection.Apply([r0, r1]);
        Assert.That(output.Select(r => r.Flags), Is.EqualTo(new[] { Buy | Exch, Bid | Both, Buy | Local }));
    }

    [Test]
    public void Empty_input_gives_no_rows()
    {
        Assert.That(EventOrderCorrection.Apply([]), Is.Empty);
    }

    [Test]
    public void Fill_in_small_pieces_gives_the_same_rows_and_reset_replays_them()
    {
        var rows = RandomRows(new Random(7), 5_000, spread: 50);
        var correction = new EventOrderCorrection(new EventRowStore(rows));
        var pieces = new List<MarketEvent>();
        var buffer = new MarketEvent[7];
        int n;
        while ((n = correction.Fill(buffer)) > 0) pieces.AddRange(buffer.Take(n));
        Assert.That(correction.IsDone, Is.True);
        Assert.That(correction.Emitted, Is.EqualTo(pieces.Count));
        Assert.That(correction.OneSided % 2, Is.Zero);

        correction.Reset();
        var again = new MarketEvent[pieces.Count + 1];
        Assert.That(correction.Fill(again), Is.EqualTo(pieces.Count));
        Assert.That(again.Take(pieces.Count), Is.EqualTo(pieces));
        Assert.That(pieces, Is.EqualTo(EventOrderCorrection.Apply(rows)));
    }

    [TestCase(1, 10, 3)]
    [TestCase(2, 200, 5)]
    [TestCase(3, 2_000, 40)]
    [TestCase(4, 20_000, 1_000)]
    [TestCase(5, 100_000, 100_000_000)]
    public void Matches_the_reference_merge_on_random_rows(int seed, int count, int spread)
    {
        var rows = RandomRows(new Random(seed), count, spread);
        var expected = ReferenceMerge(rows);

        var actual = EventOrderCorrection.Apply(rows);

        Assert.That(actual, Is.EqualTo(expected));
        // Each input row is seen exactly once by each side, and both timelines are in order.
        Assert.That(actual.Count(r => r.IsExchangeEvent), Is.EqualTo(count));
        Assert.That(actual.Count(r => r.IsLocalEvent), Is.EqualTo(count));
        Assert.DoesNotThrow(() => EventOrderValidation.Validate(actual));
    }

    /// <summary>
    /// Rows as a recording has them: in receive (local) order with jitter, exchange times a noisy latency earlier,
    /// some rows sharing a message's timestamps; every price is unique so any mix-up of rows shows.
    /// </summary>
    private static MarketEvent[] RandomRows(Random random, int count, int spread)
    {
        var rows = new MarketEvent[count];
        long local = 1_000_000;
        for (int i = 0; i < count; i++)
        {
            bool sameMessage = i > 0 && random.Next(3) == 0;
            if (!sameMessage) local += random.Next(spread);
            long localTime = sameMessage ? rows[i - 1].LocalTime : local - (random.Next(8) == 0 ? random.Next(spread) : 0);
            long exchangeTime = sameMessage ? rows[i - 1].ExchangeTime : localTime - random.Next(spread * 2) + spread / 2;
            rows[i] = new MarketEvent(random.Next(2) == 0 ? Bid : Buy, exchangeTime, localTime, i, random.Next(4));
        }
        return rows;
    }

    /// <summary>
    /// A direct transcription of the merge described in hftbacktest-semantics.md §1.7, with stable argsorts from
    /// LINQ's OrderBy: the oracle the optimised implementation must equal.
    /// </summary>
    private static List<MarketEvent> ReferenceMerge(MarketEvent[] data)
    {
        int n = data.Length;
        int[] byExchange = Enumerable.Range(0, n).OrderBy(i => data[i].ExchangeTime).ToArray();
        int[] byLocal = Enumerable.Range(0, n).OrderBy(i => data[i].LocalTime).ToArray();
        var output = new List<MarketEvent>();
        int e = 0, l = 0;
        while (true)
        {
            if (e < n && l < n && data[byExchange[e]].ExchangeTime == data[byLocal[l]].ExchangeTime
                && data[byExchange[e]].LocalTime == data[byLocal[l]].LocalTime)
            {
                var row = data[byExchange[e]];
                Assert.That(row.Flags, Is.EqualTo(data[byLocal[l]].Flags));
                Assert.That(row.Price, Is.EqualTo(data[byLocal[l]].Price));
                output.Add(row.WithFlags(row.Flags | Exch | Local));
                e++;
                l++;
            }
            else if ((e < n && l < n && data[byExchange[e]].ExchangeTime == data[byLocal[l]].ExchangeTime
                         && data[byExchange[e]].LocalTime < data[byLocal[l]].LocalTime)
                     || (e < n && l < n && data[byExchange[e]].ExchangeTime < data[byLocal[l]].ExchangeTime))
            {
                var row = data[byExchange[e++]];
                output.Add(row.WithFlags((row.Flags & ~Local) | Exch));
            }
            else if (l < n)
            {
                var row = data[byLocal[l++]];
                output.Add(row.WithFlags((row.Flags & ~Exch) | Local));
            }
            else if (e < n)
            {
                var row = data[byExchange[e++]];
                output.Add(row.WithFlags((row.Flags & ~Local) | Exch));
            }
            else
            {
                break;
            }
        }
        return output;
    }
}
