using Hft.Backtest.Conversion;
using Hft.Backtest.Data;
using Hft.Backtest.Feed;
using Hft.Backtest.Models.Fees;
using Hft.Backtest.Runs;
using Hft.Backtest.Snapshots;
using Hft.Backtest.Venue;
using Hft.Core.Books;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Venues;
using Hft.Engine.Tests.Cli;
using Hft.Engine.Tests.Conversion;
using Hft.Engine.Tests.Data;

namespace Hft.Engine.Tests.Snapshots;

/// <summary>End-of-day snapshots (<c>snapshot</c>) and starting a run from one (<c>backtest --initial-snapshot</c>).</summary>
public sealed class LastSnapshotTests : TempDirectoryTest
{
    private const ulong Both = EventFlags.Both;

    private static MarketEvent Depth(Side side, double px, double qty, long t = 1) =>
        new(Both | (side == Side.Buy ? EventFlags.Buy : EventFlags.Sell) | EventFlags.Depth, t, t, px, qty);

    private static MarketEvent Add(long t, ulong id, Side side, double px, double qty) =>
        new(Both | (side == Side.Buy ? EventFlags.Buy : EventFlags.Sell) | EventFlags.AddOrder, t, t, px, qty, id);

    [Test]
    public void A_book_snapshot_has_the_references_layout_and_leaves_out_levels_behind_a_crossing()
    {
        var d = new MarketDepth(0.1, 1);
        foreach (var e in new[] { Depth(Side.Buy, 100.0, 2), Depth(Side.Buy, 99.8, 3), Depth(Side.Buy, 100.3, 1), Depth(Side.Sell, 100.5, 4), Depth(Side.Sell, 101.0, 5) })
            d.Apply(e);
        d.Apply(Depth(Side.Sell, 100.2, 6));   // crosses the bid at 100.3: the best bid moves down to 100.0, 100.3 stays behind
        var rows = d.Snapshot();
        Assert.That(rows.Select(r => (r.Flags, r.ExchangeTime, r.LocalTime, r.Price, r.Quantity)), Is.EqualTo(new[]
        {
            (Both | EventFlags.Buy | EventFlags.DepthSnapshot, 0L, 0L, 1000 * 0.1, 2.0),
            (Both | EventFlags.Buy | EventFlags.DepthSnapshot, 0L, 0L, 998 * 0.1, 3.0),
            (Both | EventFlags.Sell | EventFlags.DepthSnapshot, 0L, 0L, 1002 * 0.1, 6.0),
            (Both | EventFlags.Sell | EventFlags.DepthSnapshot, 0L, 0L, 1005 * 0.1, 4.0),
            (Both | EventFlags.Sell | EventFlags.DepthSnapshot, 0L, 0L, 1010 * 0.1, 5.0),
        }));
        var copy = new MarketDepth(0.1, 1);
        copy.ApplySnapshot(rows);
        Assert.That(copy.Snapshot(), Is.EqualTo(rows));
        Assert.That((copy.BestBidTick, copy.BestAskTick, copy.BidQuantityAt(1003)), Is.EqualTo((1000L, 1002L, 0.0)));
    }

    [Test]
    public void A_market_by_order_snapshot_holds_the_orders_in_queue_order_and_the_l3_exchange_keeps_it()
    {
        var d = new MarketDepth(0.1, 1);
        d.ApplyOrderEvent(Add(1, 101, Side.Buy, 100.0, 5));
        d.ApplyOrderEvent(Add(2, 102, Side.Buy, 100.0, 3));
        d.ApplyOrderEvent(Add(3, 103, Side.Buy, 99.9, 1));
        d.ApplyOrderEvent(Add(4, 201, Side.Sell, 100.2, 4));
        d.ApplyOrderEvent(new MarketEvent(Both | EventFlags.ModifyOrder, 5, 5, 100.0, 6, 101));   // larger: to the back of 100.0
        var rows = d.Snapshot();
        Assert.That(rows.Select(r => (r.OrderId, r.Flags, r.Price, r.Quantity)), Is.EqualTo(new[]
        {
            (102UL, Both | EventFlags.Buy | EventFlags.AddOrder, 1000 * 0.1, 3.0),
            (101UL, Both | EventFlags.Buy | EventFlags.AddOrder, 1000 * 0.1, 6.0),
            (103UL, Both | EventFlags.Buy | EventFlags.AddOrder, 999 * 0.1, 1.0),
            (201UL, Both | EventFlags.Sell | EventFlags.AddOrder, 1002 * 0.1, 4.0),
        }));
        Assert.That(rows.All(r => r.ExchangeTime == 0 && r.LocalTime == 0), Is.True);

        var ex = new L3Exchange(0, new Instrument("T", "sim", 0.1, 1), new TradingValueFeeModel(0, 0));
        ex.ApplyInitialSnapshot(rows);
        Assert.That((ex.Depth.BidQuantityAt(1000), ex.Depth.Orders.Count), Is.EqualTo((9.0, 4)));
        var reports = new List<OrderReport>();
        ex.OnRequest(new VenueCommand(VenueCommandKind.New, 0, 1, Side.Buy, 1000, 1, TimeInForce.Gtc, OrderType.Limit, 5), 10, reports);
        reports.Clear();
        ex.OnMarketEvent(new MarketEvent(Both | EventFlags.Buy | EventFlags.Fill, 11, 11, 100.0, 6, 101), reports);
        Assert.That(reports, Is.Empty, "101 is ahead of us in the queue the snapshot rebuilt");
        ex.OnMarketEvent(new MarketEvent(Both | EventFlags.CancelOrder, 12, 12, 0, 0, 102), reports);
        Assert.That(ex.Depth.BidQuantityAt(1000), Is.EqualTo(6), "a snapshot order can be cancelled");
        ex.OnMarketEvent(Add(13, 104, Side.Buy, 100.0, 1), reports);
        ex.OnMarketEvent(new MarketEvent(Both | EventFlags.Buy | EventFlags.Fill, 14, 14, 100.0, 1, 104), reports);
        Assert.That(reports.Single().OrderId, Is.EqualTo(1), "104 joined behind us");
    }

    [Test]
    public void A_day_starting_from_a_market_by_order_snapshot_may_cancel_its_orders_through_the_cli()
    {
        string day1 = PathOf("day1.npz"), day2 = PathOf("day2.npz"), snap = PathOf("snap.npz");
        EventFileWriter.WriteAll(day1, new[] { Add(1_000, 7, Side.Buy, 100.0, 2), Add(2_000, 8, Side.Sell, 101.0, 1) });
        EventFileWriter.WriteAll(day2, new[] { new MarketEvent(Both | EventFlags.CancelOrder, 5_000, 6_000, 0, 0, 7) });
        var s = EngineProcess.Run("snapshot", day1, "--out", snap, "--tick-size", "0.5", "--lot-size", "1");
        Assert.That(s.ExitCode, Is.Zero, s.Stderr);
        Assert.That(s.Stderr, Does.Contain("wrote 2 snapshot rows (1 bid and 1 ask orders)"));
        Assert.That(EngineProcess.Run("backtest", day2, "--exchange", "l3", "--tick-size", "0.5", "--lot-size", "1").ExitCode, Is.EqualTo(1), "without the snapshot, 7 is unknown");
        var r = EngineProcess.Run("backtest", day2, "--exchange", "l3", "--tick-size", "0.5", "--lot-size", "1", "--initial-snapshot", snap, "--json");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
    }

    [Test]
    public void The_snapshot_of_the_real_btc_recording_loaded_into_an_empty_run_is_its_final_book()
    {
        string raw = BinanceRecordings.Require("usdm/btcusdt_20240808.gz");
        string data = PathOf("btc.npz"), snap = PathOf("snap.npz");
        new BinanceConverter(new ConversionOptions { Venue = BinanceVenue.Futures }).Convert([raw], data);
        var cli = EngineProcess.Run("snapshot", data, "--out", snap, "--tick-size", "0.1", "--lot-size", "0.001");
        Assert.That(cli.ExitCode, Is.Zero, cli.Stderr);

        var instrument = new Instrument("BTCUSDT", "binance-futures", 0.1, 0.001);
        using var replay = new BacktestRun(new BacktestSetup { Instruments = [new InstrumentSetup(instrument, () => new FileBlockSource([data]))], Strategies = [] });
        replay.Execute();
        var final = replay.Books[0];
        using var empty = new BacktestRun(new BacktestSetup
        {
            Instruments = [new InstrumentSetup(instrument, () => new MemoryBlockSource([]), EventFileReader.ReadAll(snap))],
            Strategies = [],
        });
        empty.Execute();
        var loaded = empty.Books[0];

        Assert.That((loaded.BestBidTick, loaded.BestAskTick), Is.EqualTo((final.BestBidTick, final.BestAskTick)));
        var ticks = EventFileReader.ReadAll(data).Where(r => r.Kind is EventKind.Depth or EventKind.DepthSnapshot).Select(r => final.ToTick(r.Price)).ToArray();
        long low = ticks.Min(), high = ticks.Max();
        int levels = 0;
        for (long t = low; t <= high; t++)
        {
            // Every level of the book: bids up to the best bid, asks from the best ask (the reference's rule).
            double bid = t <= final.BestBidTick ? final.BidQuantityAt(t) : 0, ask = t >= final.BestAskTick ? final.AskQuantityAt(t) : 0;
            if (loaded.BidQuantityAt(t) != bid || loaded.AskQuantityAt(t) != ask)
                Assert.Fail($"tick {t}: loaded {loaded.BidQuantityAt(t)}/{loaded.AskQuantityAt(t)}, final {bid}/{ask}");
            if (bid > 0) levels++;
            if (ask > 0) levels++;
        }
        Assert.That(levels, Is.EqualTo(EventFileReader.ReadAll(snap).Length).And.GreaterThan(1000));
    }

    [Test]
    public void Spot_day_two_from_day_ones_snapshot_gives_the_same_book_at_every_event_as_both_days_in_one_run()
    {
        string raw1 = BinanceRecordings.Require("spot/btcusdt_20240808.gz");
        string raw2 = BinanceRecordings.Require("spot/btcusdt_20240809.gz");
        string day1 = PathOf("day1.npz"), day2 = PathOf("day2.npz"), snap = PathOf("snap.npz");
        var spot = new ConversionOptions { Venue = BinanceVenue.Spot };
        new BinanceConverter(spot).Convert([raw1], day1);
        var second = new BinanceConverter(spot).Convert([raw2], day2);
        var cli = EngineProcess.Run("snapshot", day1, "--out", snap, "--tick-size", "0.01", "--lot-size", "0.00001");
        Assert.That(cli.ExitCode, Is.Zero, cli.Stderr);

        // Day 2 holds no REST snapshot of its own (the collector asked for one only at the start of day 1), so the
        // books must agree from its first event on; with one, the comparison would start after its rows.
        var day2Rows = EventFileReader.ReadAll(day2);
        Assert.That(second.Snapshots, Is.Zero);
        long from = day2Rows.Where(r => r.IsLocalEvent).Min(r => r.LocalTime);
        var instrument = new Instrument("BTCUSDT", "binance-spot", 0.01, 0.00001, ContractKind.Spot);

        var together = new BookDigestStrategy(from);
        using (var run = new BacktestRun(new BacktestSetup
        {
            Instruments = [new InstrumentSetup(instrument, () => new FileBlockSource([day1, day2]))],
            Strategies = [new StrategySetup("digest", () => together)],
        })) run.Execute();
        var chained = new BookDigestStrategy(from);
        using (var run = new BacktestRun(new BacktestSetup
        {
            Instruments = [new InstrumentSetup(instrument, () => new FileBlockSource([day2]), EventFileReader.ReadAll(snap))],
            Strategies = [new StrategySetup("digest", () => chained)],
        })) run.Execute();

        int depthEvents = day2Rows.Count(r => r.IsLocalEvent && r.Kind is EventKind.Depth or EventKind.DepthSnapshot or EventKind.DepthClear);
        Assert.That(together.Digests, Has.Count.EqualTo(depthEvents));
        Assert.That(chained.Digests, Has.Count.EqualTo(depthEvents));
        for (int i = 0; i < depthEvents; i++)
        {
            if (chained.Digests[i] != together.Digests[i]) Assert.Fail($"day 2 event {i} at {chained.Digests[i].Time}: chained {chained.Digests[i]}, together {together.Digests[i]}");
        }

        // And the next snapshot is the same whichever way it was made.
        string a = PathOf("a.npz"), b = PathOf("b.npz");
        Assert.That(EngineProcess.Run("snapshot", day1, day2, "--out", a, "--tick-size", "0.01", "--lot-size", "0.00001").ExitCode, Is.Zero);
        Assert.That(EngineProcess.Run("snapshot", day2, "--initial-snapshot", snap, "--out", b, "--tick-size", "0.01", "--lot-size", "0.00001").ExitCode, Is.Zero);
        Assert.That(EventFileReader.ReadAll(b), Is.EqualTo(EventFileReader.ReadAll(a)));
    }

    [Test]
    public void Bad_input_is_one_clear_line()
    {
        var r = EngineProcess.Run("snapshot", PathOf("nope.npz"), "--out", PathOf("s.npz"));
        Assert.That((r.ExitCode, r.Stderr.Trim()), Is.EqualTo((1, $"error: {PathOf("nope.npz")}: no such file")));
        string day = PathOf("d.npz");
        EventFileWriter.WriteAll(day, new[] { Add(1, 7, Side.Buy, 100, 1), Add(2, 7, Side.Buy, 100, 1) });
        var dup = EngineProcess.Run("snapshot", day, "--out", PathOf("s.npz"), "--tick-size", "0.5", "--lot-size", "1");
        Assert.That(dup.Stderr.Trim(), Does.StartWith($"error: {day}: row 1: exch_ts 2 ").And.Contain("add of order id 7, which is already resting"));
        var skip = EngineProcess.Run("snapshot", day, "--out", PathOf("s.npz"), "--tick-size", "0.5", "--lot-size", "1", "--on-data-error", "skip");
        Assert.That(skip.ExitCode, Is.Zero, skip.Stderr);
        Assert.That(skip.Stderr, Does.Contain("skipped rows    1: 1 add(s) of a resting id"));
    }
}
