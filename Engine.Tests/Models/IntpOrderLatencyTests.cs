using Hft.Backtest.Data;
using Hft.Backtest.Feed;
using Hft.Backtest.Models.Latency;
using Hft.Backtest.Runs;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Venues;
using Hft.Engine.Tests.Runtime;
using Hft.Engine.Tests.Backtests;
using Hft.Engine.Tests.Data;
using static Hft.Engine.Tests.Venue.Events;

namespace Hft.Engine.Tests.Models;

public sealed class IntpOrderLatencyTests : TempDirectoryTest
{
    private static readonly VenueCommand New = new(VenueCommandKind.New, 0, 1, Side.Buy, 1000, 1, TimeInForce.Gtc, OrderType.Limit, 0);
    private static readonly OrderReport Ack = new() { Instrument = 0, OrderId = 1, Side = Side.Buy, Status = OrderStatus.New };

    // Entry latencies 100 then 300; response latencies 200 then 300.
    private static readonly OrderLatencyRow[] Rows = [new(1000, 1100, 1300), new(2000, 2300, 2600)];

    [Test]
    public void Entry_and_response_are_interpolated_between_recorded_round_trips()
    {
        var m = new IntpOrderLatency(Rows);
        Assert.That(m.Entry(1500, New), Is.EqualTo(200), "100 + (300 − 100) · 500 / 1000");
        Assert.That(m.Response(1700, Ack), Is.EqualTo(250), "200 + (300 − 200) · 600 / 1200");
        Assert.That(m.Entry(1000, New), Is.EqualTo(100));
    }

    [Test]
    public void Outside_the_recording_the_nearest_row_applies()
    {
        var m = new IntpOrderLatency(Rows);
        Assert.That(m.Entry(10, New), Is.EqualTo(100));
        Assert.That(m.Entry(99_999, New), Is.EqualTo(300));
        Assert.That(m.Response(10, Ack), Is.EqualTo(200));
        Assert.That(m.Response(99_999, Ack), Is.EqualTo(300));
    }

    [Test]
    public void The_product_is_truncated_toward_zero_before_adding()
    {
        // 300 + trunc(−200 · 333 / 1000) = 300 − 66 (rounding would give 233).
        var m = new IntpOrderLatency([new(0, 300, 400), new(1000, 1100, 1200)]);
        Assert.That(m.Entry(333, New), Is.EqualTo(234));
        Assert.That(IntpOrderLatency.Interpolate(5, 0, 10, 10, 0), Is.EqualTo(5));
    }

    [Test]
    public void Next_to_a_rejected_request_the_request_is_rejected_after_the_round_trip()
    {
        // Row 2 was rejected (exch_ts 0): between rows 1 and 2 the entry is −intp(round trips 500 and 700).
        var m = new IntpOrderLatency([new(1000, 1100, 1500), new(2000, 0, 2700), new(3000, 3100, 3200)]);
        Assert.That(m.Entry(1500, New), Is.EqualTo(-600));
        Assert.That(m.Entry(2500, New), Is.EqualTo(-(700 + (200 - 700) / 2)));
        Assert.That(m.Response(3100, Ack), Is.EqualTo(100), "the rejected row takes no part in response times");
    }

    [Test]
    public void An_offset_moves_exchange_times_once_and_response_times_twice()
    {
        var m = new IntpOrderLatency(Rows, latencyOffset: 50);
        Assert.That(m.Entry(1000, New), Is.EqualTo(150));
        Assert.That(m.Response(1150, Ack), Is.EqualTo(250));
    }

    [Test]
    public void Latency_files_round_trip_and_other_files_are_refused_clearly()
    {
        string path = PathOf("lat.npz");
        IntpOrderLatency.Save(path, Rows);
        Assert.That(IntpOrderLatency.Load([path]).Entry(1500, New), Is.EqualTo(200));
        string events = PathOf("events.npz");
        EventFileWriter.WriteAll(events, new MarketEvent[2]);
        Assert.That(() => IntpOrderLatency.Load([events]), Throws.TypeOf<EventFileException>().With.Message.Contains("dtype mismatch"));
        string unsorted = PathOf("unsorted.npz");
        IntpOrderLatency.Save(unsorted, [Rows[1], Rows[0]]);
        Assert.That(() => IntpOrderLatency.Load([unsorted]), Throws.TypeOf<EventFileException>().With.Message.Contains("sorted by req_ts"));
    }

    [Test]
    public void A_negative_entry_latency_rejects_the_order_before_the_matching_engine()
    {
        const long ms = 1_000_000, t0 = 1_000 * ms;
        var instrument = new Instrument("T", "sim", 0.1, 1.0);
        var log = new List<string>();
        var strategy = new ScriptedStrategy(log, (t0 + 10 * ms, c => c.SubmitBuy(0, 1, 99.0, 1)));
        // Every recorded request around +10 ms was rejected after a 4 ms round trip.
        var latency = new IntpOrderLatency([new(t0, 0, t0 + 4 * ms), new(t0 + 100 * ms, 0, t0 + 104 * ms)]);
        using var run = new BacktestRun(new BacktestSetup
        {
            Instruments = [new InstrumentSetup(instrument, () => new MemoryBlockSource([Bid(t0, 100.0, 5), Ask(t0, 100.1, 5), Bid(t0 + 50 * ms, 99.9, 1)]))],
            Strategies = [new StrategySetup("s", () => strategy)],
            Latency = latency,
            System = TestActorSystems.Shared,
        });
        run.Execute();
        Assert.That(log, Is.EqualTo(new[] { $"{t0 + 14 * ms}:#1 Expired req=None" }));
        Assert.That(run.Accounts[0].Orders.Find(1)!.RejectReason, Does.Contain("negative entry latency"));
    }
}
