using Hft.Backtest.Conversion;
using Hft.Backtest.Data;
using Hft.Core.Markets;
using Hft.Engine.Tests.Data;
using static Hft.Engine.Tests.Conversion.RawFiles;

namespace Hft.Engine.Tests.Conversion;

public sealed class BinanceConverterTests : TempDirectoryTest
{
    private const ulong Both = EventFlags.Exchange | EventFlags.Local;
    private const long T0 = BaseMs;

    private static readonly long Local0 = Ns(T0) + 2_000_000;

    private readonly List<ConversionWarning> _warnings = new();

    // NUnit reuses one fixture instance for all its tests.
    [SetUp]
    public void ClearWarnings() => _warnings.Clear();

    private MarketEvent[] Convert(BinanceVenue venue, out ConversionSummary summary, bool skipBadLines = false, params string[] lines)
    {
        string path = WriteGz(PathOf($"raw{Guid.NewGuid():N}.gz"), lines);
        return Converter(venue, skipBadLines).ConvertToArray([path], out summary);
    }

    private BinanceConverter Converter(BinanceVenue venue, bool skipBadLines = false, long baseLatency = 0) =>
        new(new ConversionOptions { Venue = venue, SkipBadLines = skipBadLines, BaseLatency = baseLatency })
        {
            Warning = _warnings.Add,
        };

    private static MarketEvent Row(ulong flags, long exchangeNs, long localNs, double price, double quantity) =>
        new(flags, exchangeNs, localNs, price, quantity);

    [Test]
    public void Market_trades_become_trade_rows_with_the_initiator_side_and_other_trades_are_dropped()
    {
        var rows = Convert(BinanceVenue.Futures, out var summary, false,
            Line(Local0, Trade(T0, "61800.30", "0.006", buyerIsMaker: false)),
            Line(Local0 + 1_000_000, Trade(T0 + 1, "61800.20", "0.010", buyerIsMaker: true)),
            Line(Local0 + 2_000_000, Trade(T0 + 2, "61000.00", "5.000", buyerIsMaker: true, execution: "LIQUIDATION")));

        Assert.That(rows, Is.EqualTo(new[]
        {
            // m=false: the buyer took liquidity, a buy-initiated trade; exch_ts is the transaction time T.
            Row(Both | EventFlags.Buy | EventFlags.Trade, Ns(T0), Local0, 61800.30, 0.006),
            Row(Both | EventFlags.Sell | EventFlags.Trade, Ns(T0 + 1), Local0 + 1_000_000, 61800.20, 0.010),
        }));
        Assert.That(summary.Trades, Is.EqualTo(2));
        Assert.That(summary.NonMarketTrades, Is.EqualTo(1));
        Assert.That(summary.Lines, Is.EqualTo(3));
    }

    [Test]
    public void Depth_updates_give_bids_then_asks_whatever_the_key_order_and_keep_zero_quantities()
    {
        // The second message lists "a" before "b"; rows must still be bids first.
        string swapped = Depth(T0 + 5, "[]", "[]").Replace("\"b\":[],\"a\":[]", "\"a\":[[\"61801.00\",\"3.000\"]],\"b\":[[\"61799.50\",\"0.000\"]]");
        var rows = Convert(BinanceVenue.Futures, out var summary, false,
            Line(Local0, Depth(T0, "[[\"61800.20\",\"1.500\"],[\"61799.00\",\"0.000\"]]", "[[\"61800.30\",\"2\"]]")),
            Line(Local0 + 10_000_000, swapped));

        Assert.That(rows, Is.EqualTo(new[]
        {
            Row(Both | EventFlags.Buy | EventFlags.Depth, Ns(T0), Local0, 61800.20, 1.5),
            Row(Both | EventFlags.Buy | EventFlags.Depth, Ns(T0), Local0, 61799.00, 0),
            Row(Both | EventFlags.Sell | EventFlags.Depth, Ns(T0), Local0, 61800.30, 2),
            Row(Both | EventFlags.Buy | EventFlags.Depth, Ns(T0 + 5), Local0 + 10_000_000, 61799.50, 0),
            Row(Both | EventFlags.Sell | EventFlags.Depth, Ns(T0 + 5), Local0 + 10_000_000, 61801.00, 3),
        }));
        Assert.That(summary.DepthUpdates, Is.EqualTo(2));
        Assert.That(summary.DepthRows, Is.EqualTo(5));
    }

    [Test]
    public void Depth_update_time_is_T_on_futures_not_the_event_time_E()
    {
        var rows = Convert(BinanceVenue.Futures, out _, false,
            Line(Local0 + 50_000_000, Depth(T0, "[[\"1\",\"1\"]]", "[]", eMs: T0 + 9)));
        Assert.That(rows.Single().ExchangeTime, Is.EqualTo(Ns(T0)));
    }

    [Test]
    public void A_rest_snapshot_becomes_a_clear_up_to_the_furthest_price_then_snapshot_rows_per_side()
    {
        var rows = Convert(BinanceVenue.Futures, out var summary, false,
            Line(Local0, Snapshot(T0,
                "[[\"61800.20\",\"2.909\"],[\"61800.10\",\"0.696\"],[\"61790.00\",\"1.000\"]]",
                "[[\"61800.30\",\"1.000\"],[\"61805.00\",\"3.000\"]]")));

        long t = Ns(T0);
        Assert.That(rows, Is.EqualTo(new[]
        {
            Row(Both | EventFlags.Buy | EventFlags.DepthClear, t, Local0, 61790.00, 0),
            Row(Both | EventFlags.Buy | EventFlags.DepthSnapshot, t, Local0, 61800.20, 2.909),
            Row(Both | EventFlags.Buy | EventFlags.DepthSnapshot, t, Local0, 61800.10, 0.696),
            Row(Both | EventFlags.Buy | EventFlags.DepthSnapshot, t, Local0, 61790.00, 1),
            Row(Both | EventFlags.Sell | EventFlags.DepthClear, t, Local0, 61805.00, 0),
            Row(Both | EventFlags.Sell | EventFlags.DepthSnapshot, t, Local0, 61800.30, 1),
            Row(Both | EventFlags.Sell | EventFlags.DepthSnapshot, t, Local0, 61805.00, 3),
        }));
        Assert.That(summary.Snapshots, Is.EqualTo(1));
        Assert.That(summary.SnapshotRows, Is.EqualTo(7));
    }

    [Test]
    public void An_empty_snapshot_side_gives_no_rows_not_even_a_clear()
    {
        var rows = Convert(BinanceVenue.Futures, out _, false,
            Line(Local0, Snapshot(T0, "[[\"61800.20\",\"2.909\"]]", "[]")));
        Assert.That(rows.Select(r => r.Flags), Is.EqualTo(new[]
        {
            Both | EventFlags.Buy | EventFlags.DepthClear,
            Both | EventFlags.Buy | EventFlags.DepthSnapshot,
        }));
    }

    [Test]
    public void Book_tickers_and_other_streams_are_dropped()
    {
        var rows = Convert(BinanceVenue.Futures, out var summary, false,
            Line(Local0, BookTicker(T0)),
            Line(Local0 + 1, "{\"stream\":\"btcusdt@markPrice@1s\",\"data\":{\"e\":\"markPriceUpdate\",\"E\":1,\"s\":\"BTCUSDT\",\"p\":\"1\",\"i\":\"1\",\"r\":\"0\",\"T\":2}}"),
            Line(Local0 + 2, Trade(T0, "61800.30", "0.006", false)));
        Assert.That(rows, Has.Length.EqualTo(1));
        Assert.That(rows[0].Kind, Is.EqualTo(EventKind.Trade));
        Assert.That(summary.IgnoredMessages, Is.EqualTo(2));
    }

    [Test]
    public void A_venue_error_line_is_skipped_with_a_warning_naming_file_and_line()
    {
        string path = WriteGz(PathOf("err.gz"),
            Line(Local0, Trade(T0, "61800.30", "0.006", false)),
            Line(Local0 + 1, "{\"code\":-1003,\"msg\":\"Too many requests.\"}"));
        var rows = Converter(BinanceVenue.Futures).ConvertToArray([path], out var summary);

        Assert.That(rows, Has.Length.EqualTo(1));
        Assert.That(summary.VenueErrors, Is.EqualTo(1));
        Assert.That(_warnings.Select(w => w.ToString()), Is.EqualTo(new[] { $"{path}:2: venue error -1003: Too many requests." }));
    }

    [Test]
    public void A_malformed_json_line_fails_with_file_line_and_column()
    {
        string path = WriteGz(PathOf("bad.gz"),
            Line(Local0, Trade(T0, "61800.30", "0.006", false)),
            Line(Local0 + 1, Trade(T0, "61800.30", "0.006", false)),
            Line(Local0 + 2, "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"T\":1 \"p\":\"1\"}}"));

        var e = Assert.Throws<CollectorFormatException>(() => Converter(BinanceVenue.Futures).ConvertToArray([path], out _))!;
        Assert.That(e.Message, Does.StartWith($"{path}:3: invalid JSON at column 73: "));
        Assert.That(e.FilePath, Is.EqualTo(path));
        Assert.That(e.Line, Is.EqualTo(3));
    }

    [Test]
    public void With_skip_bad_lines_malformed_lines_are_counted_and_reported_and_the_rest_is_converted()
    {
        string path = WriteGz(PathOf("bad.gz"),
            Line(Local0, Trade(T0, "61800.30", "0.006", false)),
            "not a line",
            Line(Local0 + 2, "{\"stream\":\"x\",\"data\":{\"e\":\"trade\""),
            Line(Local0 + 3, Trade(T0 + 1, "61800.40", "0.001", true)));

        var rows = Converter(BinanceVenue.Futures, skipBadLines: true).ConvertToArray([path], out var summary);

        Assert.That(rows.Select(r => r.Price), Is.EqualTo(new[] { 61800.30, 61800.40 }));
        Assert.That(summary.SkippedLines, Is.EqualTo(2));
        Assert.That(summary.Lines, Is.EqualTo(4));
        Assert.That(_warnings.Select(w => w.Line), Is.EqualTo(new[] { 2L, 3L }));
        Assert.That(_warnings[0].Problem, Is.EqualTo("the line does not start with a 19-digit receive time and a space (skipped)"));
        Assert.That(_warnings[1].Problem, Is.EqualTo("invalid JSON: the line ends before the JSON is complete (truncated?) (skipped)"));
    }

    [TestCase("{\"stream\":\"s\",\"data\":{\"e\":\"trade\",\"T\":1,\"q\":\"1\",\"X\":\"MARKET\",\"m\":true}}", "trade without 'p'")]
    [TestCase("{\"stream\":\"s\",\"data\":{\"e\":\"trade\",\"T\":1,\"p\":\"abc\",\"q\":\"1\",\"m\":true}}", "trade: 'p' is not a number")]
    [TestCase("{\"stream\":\"s\",\"data\":{\"e\":\"trade\",\"T\":1,\"p\":\"1\",\"q\":\"1\",\"m\":1}}", "trade: 'm' is not true or false")]
    [TestCase("{\"stream\":\"s\",\"data\":{\"e\":\"trade\",\"p\":\"1\",\"q\":\"1\",\"m\":true}}", "trade without 'T'")]
    [TestCase("{\"stream\":\"s\",\"data\":{\"e\":\"depthUpdate\",\"E\":1,\"b\":[],\"a\":[]}}", "depthUpdate without 'T'")]
    [TestCase("{\"stream\":\"s\",\"data\":{\"e\":\"depthUpdate\",\"T\":1,\"b\":[[\"1\",\"2\",\"3\"]],\"a\":[]}}", "'b'[0] is not a [price, quantity] pair of numbers")]
    [TestCase("{\"stream\":\"s\",\"data\":{\"e\":\"depthUpdate\",\"T\":1,\"b\":[]}}", "depthUpdate without 'a'")]
    [TestCase("{\"lastUpdateId\":1,\"bids\":[],\"asks\":[]}", "depth snapshot without 'T'")]
    [TestCase("{\"result\":null,\"id\":1}", "neither a stream message ('data'), a venue error ('code') nor a depth snapshot ('bids', 'asks')")]
    [TestCase("[1,2]", "the message is not a JSON object")]
    [TestCase("{\"stream\":\"s\",\"data\":\"x\"}", "'data' is not an object")]
    [TestCase("{\"a\":1} x", "invalid JSON at column 29: 'x' is invalid after a single JSON value. Expected end of data")]
    public void Malformed_messages_name_what_is_wrong(string json, string problem)
    {
        string path = WriteGz(PathOf("bad.gz"), Line(Local0, json));
        var e = Assert.Throws<CollectorFormatException>(() => Converter(BinanceVenue.Futures).ConvertToArray([path], out _))!;
        Assert.That(e.Message, Is.EqualTo($"{path}:1: {problem}"));
    }

    [TestCase("", "empty line")]
    [TestCase("172316125503031466 {}", "the line does not start with a 19-digit receive time and a space")]
    [TestCase("17231612550303146670 {}", "the line does not start with a 19-digit receive time and a space")]
    [TestCase("172316125503031466x {}", "the line does not start with a 19-digit receive time and a space")]
    [TestCase("9999999999999999999 {}", "receive time 9999999999999999999 is out of range")]
    [TestCase("1723161255030314667 ", "no JSON after the receive time")]
    public void Malformed_receive_times_are_reported(string line, string problem)
    {
        string path = WriteGz(PathOf("bad.gz"), Line(Local0, Trade(T0, "1", "1", false)), line);
        var e = Assert.Throws<CollectorFormatException>(() => Converter(BinanceVenue.Futures).ConvertToArray([path], out _))!;
        Assert.That(e.Message, Is.EqualTo($"{path}:2: {problem}"));
    }

    [Test]
    public void Spot_uses_E_for_depth_T_for_trades_and_the_latest_exchange_time_for_a_snapshot_without_T()
    {
        long local = Ns(T0) + 5_000_000;
        var rows = Convert(BinanceVenue.Spot, out var summary, false,
            // depth@100ms: no T, no pu.
            Line(local, $"{{\"stream\":\"btcusdt@depth@100ms\",\"data\":{{\"e\":\"depthUpdate\",\"E\":{T0},\"s\":\"BTCUSDT\",\"U\":1,\"u\":2,\"b\":[[\"61837.63000000\",\"3.78826000\"]],\"a\":[]}}}}"),
            // bookTicker has no "e" on spot.
            Line(local + 1_000_000, "{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"u\":50093239212,\"s\":\"BTCUSDT\",\"b\":\"61837.63000000\",\"B\":\"3.78826000\",\"a\":\"61837.64000000\",\"A\":\"1.54698000\"}}"),
            // trade: no X; T differs from E.
            Line(local + 2_000_000, $"{{\"stream\":\"btcusdt@trade\",\"data\":{{\"e\":\"trade\",\"E\":{T0 + 3},\"s\":\"BTCUSDT\",\"t\":1,\"p\":\"61837.63000000\",\"q\":\"0.02000000\",\"T\":{T0 + 2},\"m\":true,\"M\":true}}}}"),
            // snapshot: no E, no T.
            Line(local + 3_000_000, "{\"lastUpdateId\":50093239218,\"bids\":[[\"61837.63000000\",\"3.78826000\"]],\"asks\":[[\"61837.64000000\",\"1.60520000\"]]}"));

        Assert.That(rows, Is.EqualTo(new[]
        {
            Row(Both | EventFlags.Buy | EventFlags.Depth, Ns(T0), local, 61837.63, 3.78826),
            Row(Both | EventFlags.Sell | EventFlags.Trade, Ns(T0 + 2), local + 2_000_000, 61837.63, 0.02),
            Row(Both | EventFlags.Buy | EventFlags.DepthClear, Ns(T0 + 2), local + 3_000_000, 61837.63, 0),
            Row(Both | EventFlags.Buy | EventFlags.DepthSnapshot, Ns(T0 + 2), local + 3_000_000, 61837.63, 3.78826),
            Row(Both | EventFlags.Sell | EventFlags.DepthClear, Ns(T0 + 2), local + 3_000_000, 61837.64, 0),
            Row(Both | EventFlags.Sell | EventFlags.DepthSnapshot, Ns(T0 + 2), local + 3_000_000, 61837.64, 1.6052),
        }));
        Assert.That(summary.IgnoredMessages, Is.EqualTo(1));
    }

    [Test]
    public void A_spot_snapshot_first_in_the_file_uses_its_receive_time()
    {
        long local = Ns(T0) + 5_000_000;
        var rows = Convert(BinanceVenue.Spot, out _, false,
            Line(local, "{\"lastUpdateId\":1,\"bids\":[[\"100.00\",\"1.0\"]],\"asks\":[]}"),
            Line(local + 1_000_000, $"{{\"stream\":\"btcusdt@depth@100ms\",\"data\":{{\"e\":\"depthUpdate\",\"E\":{T0 + 9},\"b\":[[\"100.00\",\"2.0\"]],\"a\":[]}}}}"));
        Assert.That(rows[0].Kind, Is.EqualTo(EventKind.DepthClear));
        Assert.That(rows[0].ExchangeTime, Is.EqualTo(local));
        Assert.That(rows[^1].ExchangeTime, Is.EqualTo(Ns(T0 + 9)));
    }

    [Test]
    public void Spot_depth_without_E_is_an_error()
    {
        string path = WriteGz(PathOf("bad.gz"), Line(Local0, "{\"stream\":\"s\",\"data\":{\"e\":\"depthUpdate\",\"T\":1,\"b\":[],\"a\":[]}}"));
        var e = Assert.Throws<CollectorFormatException>(() => Converter(BinanceVenue.Spot).ConvertToArray([path], out _))!;
        Assert.That(e.Message, Is.EqualTo($"{path}:1: depthUpdate without 'E'"));
    }

    [Test]
    public void Local_timestamps_behind_the_venue_are_shifted_by_the_worst_latency_plus_the_base_latency()
    {
        // The second trade seems to arrive 4 ms before it happened: every local_ts moves by 4 ms + 250 µs.
        string path = WriteGz(PathOf("skew.gz"),
            Line(Ns(T0) + 1_000_000, Trade(T0, "1", "1", false)),
            Line(Ns(T0 + 10) - 4_000_000, Trade(T0 + 10, "2", "1", false)));
        var rows = Converter(BinanceVenue.Futures, baseLatency: 250_000).ConvertToArray([path], out var summary);

        Assert.That(summary.MinimumLatency, Is.EqualTo(-4_000_000));
        Assert.That(summary.LocalTimeOffset, Is.EqualTo(4_250_000));
        Assert.That(rows.Select(r => r.LocalTime), Is.EqualTo(new[] { Ns(T0) + 5_250_000, Ns(T0 + 10) + 250_000 }));
    }

    [Test]
    public void A_trade_that_happened_before_an_earlier_received_depth_update_is_split()
    {
        // The depth update (T0+5) is received first; the trade happened earlier (T0+3) but arrives later.
        long local = Ns(T0) + 20_000_000;
        var rows = Convert(BinanceVenue.Futures, out var summary, false,
            Line(local, Depth(T0 + 5, "[[\"100.0\",\"1\"]]", "[]")),
            Line(local + 1_000, Trade(T0 + 3, "100.1", "0.5", false)));

        Assert.That(rows, Is.EqualTo(new[]
        {
            Row(EventFlags.Exchange | EventFlags.Buy | EventFlags.Trade, Ns(T0 + 3), local + 1_000, 100.1, 0.5),
            Row(Both | EventFlags.Buy | EventFlags.Depth, Ns(T0 + 5), local, 100.0, 1),
            Row(EventFlags.Local | EventFlags.Buy | EventFlags.Trade, Ns(T0 + 3), local + 1_000, 100.1, 0.5),
        }));
        Assert.That(summary.SplitRows, Is.EqualTo(1));
        Assert.That(summary.RowsConverted, Is.EqualTo(2));
        Assert.That(summary.RowsWritten, Is.EqualTo(3));
    }

    [Test]
    public void Several_files_convert_exactly_as_their_concatenation()
    {
        string[] first =
        [
            Line(Local0, Snapshot(T0, "[[\"100.0\",\"1\"],[\"99.0\",\"2\"]]", "[[\"101.0\",\"1\"]]")),
            Line(Local0 + 1_000_000, Depth(T0 + 4, "[[\"100.0\",\"0\"]]", "[[\"101.5\",\"3\"]]")),
        ];
        string[] second =
        [
            // Happened before the last depth update of the first file: the order correction crosses the boundary.
            Line(Local0 + 1_500_000, Trade(T0 + 2, "100.0", "1", true)),
            Line(Local0 - 9_000_000, Trade(T0, "100.0", "1", true)),
        ];
        string a = WriteGz(PathOf("a.gz"), first);
        string b = WriteGz(PathOf("b.gz"), second);
        string ab = WriteGz(PathOf("ab.gz"), [.. first, .. second]);

        var split = Converter(BinanceVenue.Futures).ConvertToArray([a, b], out var splitSummary);
        var whole = Converter(BinanceVenue.Futures).ConvertToArray([ab], out _);

        Assert.That(split, Is.EqualTo(whole));
        Assert.That(splitSummary.Files, Is.EqualTo(2));
        Assert.That(splitSummary.Lines, Is.EqualTo(4));
        Assert.That(splitSummary.LocalTimeOffset, Is.GreaterThan(0));
        Assert.That(splitSummary.SplitRows, Is.GreaterThan(0));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void The_written_file_holds_exactly_the_converted_rows(bool compress)
    {
        string raw = WriteGz(PathOf("raw.gz"),
            Line(Local0, Snapshot(T0, "[[\"100.0\",\"1\"]]", "[[\"101.0\",\"1\"]]")),
            Line(Local0 + 1_000_000, Depth(T0 + 4, "[[\"100.0\",\"0\"]]", "[[\"101.5\",\"3\"]]")),
            Line(Local0 + 1_500_000, Trade(T0 + 2, "100.0", "1", true)));
        var options = new ConversionOptions { Venue = BinanceVenue.Futures, Compress = compress };
        var expected = new BinanceConverter(options).ConvertToArray([raw], out _);
        var summary = new BinanceConverter(options).Convert([raw], PathOf("out.npz"));

        using var reader = EventFileReader.Open(PathOf("out.npz"));
        Assert.That(reader.IsCompressed, Is.EqualTo(compress));
        Assert.That(reader.Count, Is.EqualTo(summary.RowsWritten));
        Assert.That(EventFileReader.ReadAll(PathOf("out.npz")), Is.EqualTo(expected));
    }

    [Test]
    public void Missing_inputs_fail_before_anything_is_written()
    {
        string raw = WriteGz(PathOf("raw.gz"), Line(Local0, Trade(T0, "1", "1", false)));
        string missing = PathOf("nope.gz");
        var e = Assert.Throws<CollectorFormatException>(() =>
            Converter(BinanceVenue.Futures).Convert([raw, missing], PathOf("out.npz")))!;
        Assert.That(e.Message, Is.EqualTo($"{missing}: no such file"));
        Assert.That(File.Exists(PathOf("out.npz")), Is.False);
    }

    [Test]
    public void The_output_cannot_overwrite_an_input()
    {
        string raw = WriteGz(PathOf("raw.gz"), Line(Local0, Trade(T0, "1", "1", false)));
        var e = Assert.Throws<ArgumentException>(() => Converter(BinanceVenue.Futures).Convert([raw], raw))!;
        Assert.That(e.Message, Does.Contain("the output is also an input"));
        Assert.That(File.Exists(raw), Is.True);
    }

    [Test]
    public void A_line_that_fails_adds_no_rows_even_after_some_levels_parsed()
    {
        var store = new EventRowStore();
        var parser = new BinanceMessageParser(BinanceVenue.Futures);
        string line = Line(Local0, Depth(T0, "[[\"1\",\"1\"],[\"2\",\"2\"]]", "[[\"3\",\"x\"]]"));
        Assert.Throws<FormatException>(() => parser.ParseLine(System.Text.Encoding.UTF8.GetBytes(line), store));
        Assert.That(store.Count, Is.Zero);
    }

    [Test]
    public void Escaped_keys_and_values_are_understood()
    {
        // JSON allows any character to be escaped; \u0054 is 'T', \u0070 is 'p'.
        string json = "{\"stream\":\"s\",\"data\":{\"e\":\"tr\\u0061de\",\"\\u0054\":" + T0 + ",\"\\u0070\":\"6\\u0031.5\",\"q\":\"1\",\"X\":\"MARKET\",\"m\":false}}";
        var rows = Convert(BinanceVenue.Futures, out _, false, Line(Local0, json));
        Assert.That(rows, Is.EqualTo(new[] { Row(Both | EventFlags.Buy | EventFlags.Trade, Ns(T0), Local0, 61.5, 1) }));
    }
}
