using Hft.Backtest.Conversion;
using Hft.Backtest.Conversion.Tardis;
using Hft.Core.Markets;
using Hft.Engine.Tests.Data;
using static Hft.Engine.Tests.Conversion.RawFiles;

namespace Hft.Engine.Tests.Conversion;

/// <summary><c>convert tardis</c>: Tardis.dev trades and incremental_book_L2 CSV files, as hftbacktest's <c>tardis.convert</c> reads them.</summary>
public sealed class TardisConverterTests : TempDirectoryTest
{
    private const ulong Both = EventFlags.Both;
    private const string TradeHeader = "exchange,symbol,timestamp,local_timestamp,id,side,price,amount";
    private const string BookHeader = "exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount";
    private const long T = 1_580_515_200_000_000; // µs, 2020-02-01T00:00:00Z

    private static string Trade(long us, long localUs, string side, string price, string amount, string id = "292173215") =>
        $"binance-futures,BTCUSDT,{us},{localUs},{id},{side},{price},{amount}";

    private static string Level(long us, long localUs, bool snapshot, string side, string price, string amount) =>
        $"binance-futures,BTCUSDT,{us},{localUs},{(snapshot ? "true" : "false")},{side},{price},{amount}";

    private string Trades(params string[] lines) => WriteGz(PathOf("binance-futures_trades_2020-02-01_BTCUSDT.csv.gz"), [TradeHeader, .. lines]);

    private string Book(params string[] lines) => WriteGz(PathOf("binance-futures_incremental_book_L2_2020-02-01_BTCUSDT.csv.gz"), [BookHeader, .. lines]);

    private static MarketEvent[] Convert(out ConversionSummary s, TardisSnapshotMode mode, params string[] files) =>
        new TardisConverter(new ConversionOptions()) { SnapshotMode = mode }.ConvertToArray(files, out s);

    private static MarketEvent[] Convert(out ConversionSummary s, params string[] files) => Convert(out s, TardisSnapshotMode.Process, files);

    [Test]
    public void Trades_take_microsecond_times_and_the_aggressor_side_including_unknown()
    {
        var rows = Convert(out var s, Trades(
            Trade(T, T + 2_000, "buy", "9364.51", "0.001"),
            Trade(T + 1, T + 2_001, "sell", "9364.5", "1.5e-05", id: ""),
            Trade(T + 2, T + 2_002, "unknown", "9364.5", "2")));
        Assert.That(rows.Select(r => (r.Flags, r.ExchangeTime, r.LocalTime, r.Price, r.Quantity)), Is.EqualTo(new[]
        {
            (Both | EventFlags.Trade | EventFlags.Buy, T * 1000, (T + 2_000) * 1000, 9364.51, 0.001),
            (Both | EventFlags.Trade | EventFlags.Sell, (T + 1) * 1000, (T + 2_001) * 1000, 9364.5, 1.5e-05),
            (Both | EventFlags.Trade, (T + 2) * 1000, (T + 2_002) * 1000, 9364.5, 2.0),
        }));
        Assert.That(s.Trades, Is.EqualTo(3));
    }

    [Test]
    public void Snapshot_runs_become_a_clear_and_snapshot_rows_per_side_where_they_end_and_updates_depth_rows()
    {
        var rows = Convert(out var s, Book(
            Level(T, T + 5, true, "ask", "9364.52", "1.5"),
            Level(T, T + 5, true, "ask", "9364.60", "2"),
            Level(T, T + 5, true, "bid", "9364.51", "3"),
            Level(T, T + 5, true, "bid", "9364.00", "4"),
            Level(T + 10, T + 15, false, "bid", "9364.51", "0"),       // deletes the level
            Level(T + 11, T + 16, false, "ask", "9364.55", "0.25"),
            Level(T + 20, T + 25, true, "bid", "9363.00", "7"),        // a snapshot mid-day (after a reconnect)
            Level(T + 30, T + 35, false, "sell", "9364.52", "1")));    // buy/sell are accepted for bid/ask
        Assert.That(rows.Select(r => (r.Flags & ~Both, r.ExchangeTime / 1000, r.Price, r.Quantity)), Is.EqualTo(new[]
        {
            (EventFlags.DepthClear | EventFlags.Buy, T, 9364.00, 0.0),
            (EventFlags.DepthSnapshot | EventFlags.Buy, T, 9364.51, 3.0),
            (EventFlags.DepthSnapshot | EventFlags.Buy, T, 9364.00, 4.0),
            (EventFlags.DepthClear | EventFlags.Sell, T, 9364.60, 0.0),
            (EventFlags.DepthSnapshot | EventFlags.Sell, T, 9364.52, 1.5),
            (EventFlags.DepthSnapshot | EventFlags.Sell, T, 9364.60, 2.0),
            (EventFlags.Depth | EventFlags.Buy, T + 10, 9364.51, 0.0),
            (EventFlags.Depth | EventFlags.Sell, T + 11, 9364.55, 0.25),
            (EventFlags.DepthClear | EventFlags.Buy, T + 20, 9363.00, 0.0),
            (EventFlags.DepthSnapshot | EventFlags.Buy, T + 20, 9363.00, 7.0),
            (EventFlags.Depth | EventFlags.Sell, T + 30, 9364.52, 1.0),
        }));
        Assert.That((s.Snapshots, s.SnapshotRows, s.DepthUpdates), Is.EqualTo((2L, 8L, 3L)));
    }

    [Test]
    public void Snapshot_modes_leave_out_the_start_of_day_one_or_all_of_them_and_a_final_snapshot_is_kept()
    {
        string[] lines =
        [
            Level(T, T + 5, true, "bid", "100", "1"),
            Level(T + 10, T + 15, false, "ask", "101", "1"),
            Level(T + 20, T + 25, true, "bid", "99", "2"),           // the file ends inside this snapshot
        ];
        var process = Convert(out var p, Book(lines));
        Assert.That(process.Count(r => r.Kind == EventKind.DepthClear), Is.EqualTo(2), "the reference drops a snapshot that ends the file; it is kept here");
        var sod = Convert(out var o, TardisSnapshotMode.IgnoreStartOfDay, Book(lines));
        Assert.That(sod.Select(r => (r.Kind, r.Price)), Is.EqualTo(new[] { (EventKind.Depth, 101.0), (EventKind.DepthClear, 99.0), (EventKind.DepthSnapshot, 99.0) }));
        Assert.That(o.IgnoredMessages, Is.EqualTo(1));
        var none = Convert(out var n, TardisSnapshotMode.Ignore, Book(lines));
        Assert.That(none.Select(r => r.Kind), Is.EqualTo(new[] { EventKind.Depth }));
        Assert.That((p.Snapshots, n.IgnoredMessages), Is.EqualTo((2L, 2L)));
    }

    [Test]
    public void Trades_come_before_book_updates_at_equal_times_whatever_the_order_given_and_local_times_are_corrected()
    {
        // The local clock is 1 ms behind: every local time moves so that the fastest row has latency 0.
        string book = Book(Level(T, T - 1_000, false, "ask", "101", "0.5"));
        string trades = Trades(Trade(T, T - 1_000, "buy", "101", "0.5"));
        var rows = Convert(out var s, book, trades);
        Assert.That(rows.Select(r => r.Kind), Is.EqualTo(new[] { EventKind.Trade, EventKind.Depth }), "the trade that caused the update first");
        Assert.That(s.LocalTimeOffset, Is.EqualTo(1_000_000));
        Assert.That(rows.All(r => r.LocalTime == r.ExchangeTime), Is.True);
        Assert.That(s.Quality.NegativeLatencyRows, Is.EqualTo(2));
    }

    [Test]
    public void Columns_are_found_by_header_and_a_file_named_otherwise_by_its_header()
    {
        string path = WriteGz(PathOf("day1.csv.gz"), "symbol,exchange,local_timestamp,timestamp,side,amount,price,is_snapshot",
            $"ETHUSDT,binance,{T + 9},{T},bid,3,200.5,false");
        var rows = Convert(out _, path);
        Assert.That(rows.Single(), Is.EqualTo(new MarketEvent(Both | EventFlags.Depth | EventFlags.Buy, T * 1000, (T + 9) * 1000, 200.5, 3)));
        string plain = PathOf("trades.csv");
        File.WriteAllText(plain, TradeHeader + "\r\n" + Trade(T, T + 1, "sell", "1", "1") + "\r\n\r\n");
        Assert.That(Convert(out _, plain).Single().Flags, Is.EqualTo(Both | EventFlags.Trade | EventFlags.Sell), "plain text, CRLF, a blank last line");
    }

    [TestCase("binance-futures,BTCUSDT,1580515200000000,1580515200000005,false,bid,9364.51", "expected 8 comma-separated fields as in the header, found 7")]
    [TestCase("binance-futures,BTCUSDT,1580515200000000.5,1580515200000005,false,bid,9364.51,1", "timestamp '1580515200000000.5' is not an integer number of microseconds")]
    [TestCase("binance-futures,BTCUSDT,1580515200000000,1580515200000005,yes,bid,9364.51,1", "is_snapshot 'yes' is not true or false")]
    [TestCase("binance-futures,BTCUSDT,1580515200000000,1580515200000005,false,middle,9364.51,1", "side 'middle' is not bid or ask")]
    [TestCase("binance-futures,BTCUSDT,1580515200000000,1580515200000005,false,bid,abc,1", "price 'abc' is not a number of 0 or more")]
    [TestCase("binance-futures,BTCUSDT,1580515200000000,1580515200000005,false,bid,1,-2", "amount '-2' is not a number of 0 or more")]
    [TestCase("binance-futures,ETHUSDT,1580515200000000,1580515200000005,false,bid,1,2", "symbol 'ETHUSDT' differs from the file's first, 'BTCUSDT': convert one symbol per output")]
    public void A_malformed_line_names_file_and_line(string line, string problem)
    {
        string book = Book(Level(T, T + 5, false, "bid", "1", "1"), line);
        var e = Assert.Throws<CollectorFormatException>(() => Convert(out _, book))!;
        Assert.That(e.Message, Is.EqualTo($"{book}:3: {problem}"));
        var skipped = new TardisConverter(new ConversionOptions { SkipBadLines = true }).ConvertToArray([book], out var s);
        Assert.That((skipped.Length, s.SkippedLines), Is.EqualTo((1, 1L)));
    }

    [Test]
    public void A_header_without_a_needed_column_or_an_unknown_file_is_refused()
    {
        string book = WriteGz(PathOf("x_incremental_book_L2.csv.gz"), "exchange,symbol,timestamp,local_timestamp,side,price,amount");
        Assert.That(Assert.Throws<CollectorFormatException>(() => Convert(out _, book))!.Message, Does.StartWith($"{book}:1: the header has no 'is_snapshot' column"));
        string other = WriteGz(PathOf("quotes.csv.gz"), "exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount");
        Assert.That(Assert.Throws<CollectorFormatException>(() => Convert(out _, other))!.Message, Does.StartWith($"{other}:1: neither a trades nor an incremental_book_L2 header"));
    }
}
