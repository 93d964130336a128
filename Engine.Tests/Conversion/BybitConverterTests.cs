using System.Text.Json;
using Hft.Backtest.Conversion;
using Hft.Backtest.Conversion.Bybit;
using Hft.Backtest.Data;
using Hft.Core.Markets;
using Hft.Engine.Tests.Data;
using static Hft.Engine.Tests.Conversion.RawFiles;

namespace Hft.Engine.Tests.Conversion;

/// <summary><c>convert bybit</c>: Bybit v5 order book and trade messages as hftbacktest's <c>bybit.convert</c> turns them into rows.</summary>
public sealed class BybitConverterTests : TempDirectoryTest
{
    private const long Ts = 1_687_940_967_466; // ms
    private const ulong Both = EventFlags.Both;

    private static string Book(string type, long ts, string bids, string asks, long u, int depth = 50) =>
        $"{{\"topic\":\"orderbook.{depth}.BTCUSDT\",\"type\":\"{type}\",\"ts\":{ts},\"data\":{{\"s\":\"BTCUSDT\",\"b\":{bids},\"a\":{asks},\"u\":{u},\"seq\":66544703342}},\"cts\":{ts - 2}}}";

    private static string Trades(long ts, params (long? T, string Side, string Price, string Size)[] trades) =>
        $"{{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":{ts},\"data\":[" +
        string.Join(",", trades.Select(t => $"{{{(t.T is { } T ? $"\"T\":{T}," : "")}\"s\":\"BTCUSDT\",\"S\":\"{t.Side}\",\"v\":\"{t.Size}\",\"p\":\"{t.Price}\",\"L\":\"PlusTick\",\"i\":\"x\",\"BT\":false,\"seq\":1}}")) +
        "]}";

    private MarketEvent[] Convert(out ConversionSummary summary, int? depth, params string[] lines)
    {
        string raw = WriteGz(PathOf("bybit.gz"), lines);
        return new BybitConverter(new ConversionOptions()) { Depth = depth }.ConvertToArray([raw], out summary);
    }

    private MarketEvent[] Convert(out ConversionSummary summary, params string[] lines) => Convert(out summary, null, lines);

    [Test]
    public void Snapshots_clear_each_side_up_to_its_furthest_level_and_deltas_set_levels()
    {
        long local = Ns(Ts) + 5_000_000;
        var rows = Convert(out var s,
            Line(local, Book("snapshot", Ts, "[[\"100.5\",\"1\"],[\"100.0\",\"2\"]]", "[[\"101.0\",\"3\"]]", 10)),
            Line(local + 1_000_000, Book("delta", Ts + 1, "[[\"100.5\",\"0\"]]", "[[\"101.0\",\"4\"],[\"101.5\",\"1\"]]", 11)));
        Assert.That(rows.Select(r => (r.Flags, r.ExchangeTime, r.Price, r.Quantity)), Is.EqualTo(new[]
        {
            (Both | EventFlags.Buy | EventFlags.DepthClear, Ns(Ts), 100.0, 0.0),
            (Both | EventFlags.Buy | EventFlags.DepthSnapshot, Ns(Ts), 100.5, 1.0),
            (Both | EventFlags.Buy | EventFlags.DepthSnapshot, Ns(Ts), 100.0, 2.0),
            (Both | EventFlags.Sell | EventFlags.DepthClear, Ns(Ts), 101.0, 0.0),
            (Both | EventFlags.Sell | EventFlags.DepthSnapshot, Ns(Ts), 101.0, 3.0),
            (Both | EventFlags.Buy | EventFlags.Depth, Ns(Ts + 1), 100.5, 0.0),
            (Both | EventFlags.Sell | EventFlags.Depth, Ns(Ts + 1), 101.0, 4.0),
            (Both | EventFlags.Sell | EventFlags.Depth, Ns(Ts + 1), 101.5, 1.0),
        }));
        Assert.That(rows.Select(r => r.LocalTime).Distinct(), Is.EqualTo(new[] { local, local + 1_000_000 }), "local times untouched: none is early");
        Assert.That((s.Snapshots, s.SnapshotRows, s.DepthUpdates, s.DepthRows), Is.EqualTo((1L, 5L, 1L, 3L)));
        Assert.That(s.Quality.GapCount, Is.Zero);
        Assert.That(s.Quality.Streams.Single().Name, Is.EqualTo("orderbook.50"));
    }

    [Test]
    public void Trades_take_their_own_time_or_the_messages_and_the_taker_side()
    {
        long local = Ns(Ts) + 9_000_000;
        var rows = Convert(out var s, Line(local, Trades(Ts, (Ts - 3, "Buy", "16578.50", "0.001"), (null, "Sell", "16578.00", "0.020"))));
        Assert.That(rows.Select(r => (r.Flags, r.ExchangeTime, r.Price, r.Quantity)), Is.EqualTo(new[]
        {
            (Both | EventFlags.Buy | EventFlags.Trade, Ns(Ts - 3), 16578.5, 0.001),
            (Both | EventFlags.Sell | EventFlags.Trade, Ns(Ts), 16578.0, 0.020),
        }));
        Assert.That(s.Trades, Is.EqualTo(2));
    }

    [Test]
    public void Keys_in_any_order_convert_alike_and_pongs_and_other_topics_give_nothing()
    {
        long local = Ns(Ts) + 5_000_000;
        string dataFirst = $"{{\"data\":{{\"u\":10,\"a\":[],\"b\":[[\"100.0\",\"2\"]],\"s\":\"BTCUSDT\"}},\"ts\":{Ts},\"type\":\"snapshot\",\"topic\":\"orderbook.1.BTCUSDT\"}}";
        var rows = Convert(out var s,
            Line(local, dataFirst),
            Line(local + 1, "{\"success\":true,\"ret_msg\":\"pong\",\"conn_id\":\"c\",\"req_id\":\"\",\"op\":\"ping\"}"),
            Line(local + 2, $"{{\"topic\":\"tickers.BTCUSDT\",\"type\":\"snapshot\",\"ts\":{Ts},\"data\":{{\"symbol\":\"BTCUSDT\"}}}}"));
        Assert.That(rows.Select(r => (r.Flags, r.Price)), Is.EqualTo(new[]
        {
            (Both | EventFlags.Buy | EventFlags.DepthClear, 100.0),
            (Both | EventFlags.Buy | EventFlags.DepthSnapshot, 100.0),
        }));
        Assert.That(s.IgnoredMessages, Is.EqualTo(2));
    }

    [Test]
    public void Update_ids_are_checked_per_depth_topic_and_a_snapshot_or_u_1_starts_afresh()
    {
        long local = Ns(Ts) + 5_000_000;
        Convert(out var s,
            Line(local, Book("snapshot", Ts, "[[\"100.0\",\"1\"]]", "[]", 10)),
            Line(local + 1, Book("snapshot", Ts, "[[\"100.0\",\"1\"]]", "[]", 700, depth: 1)),
            Line(local + 2, Book("delta", Ts + 1, "[]", "[]", 11)),
            Line(local + 3, Book("snapshot", Ts + 1, "[[\"100.0\",\"1\"]]", "[]", 700, depth: 1)),   // level 1 repeats its u
            Line(local + 4, Book("delta", Ts + 2, "[]", "[]", 14)),                                  // 12 and 13 lost
            Line(local + 5, Book("delta", Ts + 3, "[]", "[]", 1)),                                   // service restart
            Line(local + 6, Book("delta", Ts + 4, "[]", "[]", 2)),
            Line(local + 7, Book("snapshot", Ts + 5, "[[\"100.0\",\"1\"]]", "[]", 90)),
            Line(local + 8, Book("delta", Ts + 6, "[]", "[]", 91)));
        Assert.That(s.Quality.Streams.Select(t => t.Name), Is.EqualTo(new[] { "orderbook.50", "orderbook.1" }));
        var (stream, gap) = s.Quality.AllGaps().Single();
        Assert.That((stream, gap.Expected, gap.Found, gap.LocalTime, gap.ExchangeTime), Is.EqualTo(("orderbook.50", 12L, 14L, local + 4, Ns(Ts + 2))));
        Assert.That(s.Quality.Streams[0].Checked, Is.EqualTo(4), "11, 14, 2 and 91");
    }

    [Test]
    public void Depth_picks_one_topic()
    {
        long local = Ns(Ts) + 5_000_000;
        var rows = Convert(out var s, 500,
            Line(local, Book("snapshot", Ts, "[[\"100.0\",\"1\"]]", "[]", 10, depth: 1)),
            Line(local + 1, Book("snapshot", Ts, "[[\"99.0\",\"1\"]]", "[]", 10, depth: 500)));
        Assert.That(rows.Select(r => r.Price), Is.EqualTo(new[] { 99.0, 99.0 }));
        Assert.That((s.Snapshots, s.IgnoredMessages), Is.EqualTo((1L, 1L)));
    }

    [Test]
    public void Local_time_is_corrected_and_rows_split_as_for_binance()
    {
        // The trade arrives 2 ms "before" it happened: every local time moves by 2 ms + base latency.
        long local = Ns(Ts);
        string raw = WriteGz(PathOf("bybit.gz"),
            Line(local + 1_000_000, Book("snapshot", Ts, "[[\"100.0\",\"1\"]]", "[[\"101.0\",\"1\"]]", 10)),
            Line(local + 1_500_000, Trades(Ts + 3, (Ts + 3, "Buy", "101.0", "1"))));
        var rows = new BybitConverter(new ConversionOptions { BaseLatency = 100 }).ConvertToArray([raw], out var s);
        Assert.That(s.LocalTimeOffset, Is.EqualTo(1_500_000 + 100));
        Assert.That(rows.Min(r => r.LocalTime - r.ExchangeTime), Is.EqualTo(100));
        Assert.That(s.Quality.NegativeLatencyRows, Is.EqualTo(1));
        EventOrderValidation.Validate(rows);
    }

    [Test]
    public void A_book_without_ts_is_an_error_naming_file_and_line()
    {
        string raw = WriteGz(PathOf("bad.gz"),
            Line(Ns(Ts), Book("snapshot", Ts, "[[\"100.0\",\"1\"]]", "[]", 10)),
            Line(Ns(Ts) + 1, "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"delta\",\"data\":{\"b\":[],\"a\":[],\"u\":11}}"),
            Line(Ns(Ts) + 2, Trades(Ts, (null, "Buy", "1", "x"))));
        var e = Assert.Throws<CollectorFormatException>(() => new BybitConverter(new ConversionOptions()).ConvertToArray([raw], out _))!;
        Assert.That(e.Message, Is.EqualTo($"{raw}:2: orderbook delta without 'ts'"));
        var skipped = new BybitConverter(new ConversionOptions { SkipBadLines = true }).ConvertToArray([raw], out var s);
        Assert.That(s.SkippedLines, Is.EqualTo(2), "the trade's size 'x' is not a number either");
        Assert.That(skipped, Has.Length.EqualTo(2));
    }

    [Test]
    public void A_failed_request_is_a_venue_error_warning()
    {
        string raw = WriteGz(PathOf("err.gz"), Line(Ns(Ts), "{\"success\":false,\"ret_msg\":\"error:handler not found\",\"op\":\"subscribe\"}"));
        var warnings = new List<string>();
        var converter = new BybitConverter(new ConversionOptions()) { Warning = w => warnings.Add(w.ToString()) };
        converter.ConvertToArray([raw], out var s);
        Assert.That(s.VenueErrors, Is.EqualTo(1));
        Assert.That(warnings, Is.EqualTo(new[] { $"{raw}:1: request failed: error:handler not found" }));
    }

    [Test]
    public void The_published_samples_convert_to_the_rows_they_describe()
    {
        static string Compact(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true }).RootElement);
        string snapshot = Compact(ExchangeFixtures.Require("bybit/orderbook-snapshot.json"));
        string delta = Compact(ExchangeFixtures.Require("bybit/orderbook-delta.json"));
        string trade = Compact(ExchangeFixtures.Require("bybit/publicTrade.json"));
        // The samples come from different days; the collector would have received each shortly after its ts.
        long Receive(string json) => Ns(JsonDocument.Parse(json).RootElement.GetProperty("ts").GetInt64()) + 3_000_000;
        var lines = new[] { snapshot, trade, delta }.OrderBy(Receive).Select(j => Line(Receive(j), j)).ToArray();
        var rows = Convert(out var s, lines);
        Assert.That((s.Snapshots, s.SnapshotRows, s.DepthUpdates, s.DepthRows, s.Trades), Is.EqualTo((1L, 2L + 4L, 1L, 12L, 1L)));
        var t = rows.Single(r => r.Kind == EventKind.Trade);
        Assert.That((t.Flags & ~Both, t.ExchangeTime, t.Price, t.Quantity), Is.EqualTo((EventFlags.Buy | EventFlags.Trade, Ns(1672304486865), 16578.5, 0.001)));
        var bidClear = rows.First(r => r.Kind == EventKind.DepthClear);
        Assert.That((bidClear.Price, bidClear.ExchangeTime), Is.EqualTo((16493.0, Ns(1672304484978))), "cleared to the furthest bid, at ts");
        var deltaRows = rows.Where(r => r.Kind == EventKind.Depth).ToArray();
        Assert.That(deltaRows.Count(r => r.IsBuy), Is.EqualTo(5));
        Assert.That(deltaRows.First(r => r.IsSell).Price, Is.EqualTo(30248.7));
        Assert.That(deltaRows.All(r => r.ExchangeTime == Ns(1687940967466)), Is.True);
    }

    [Test]
    public void The_real_usdm_recording_retold_as_bybit_messages_converts_to_the_same_rows()
    {
        // Every depth update, trade and snapshot of the Binance recording, written as the Bybit message carrying the same
        // content (ts = T, the same levels, S from m), must give exactly the rows the Binance converter gives.
        string raw = BinanceRecordings.Require("usdm/btcusdt_20240808.gz");
        var lines = new List<string>();
        long u = 1000;
        using (var gz = new System.IO.Compression.GZipStream(File.OpenRead(raw), System.IO.Compression.CompressionMode.Decompress))
        using (var reader = new StreamReader(gz))
        {
            while (reader.ReadLine() is { } line)
            {
                string receive = line[..19];
                using var doc = JsonDocument.Parse(line[20..]);
                var root = doc.RootElement;
                if (!root.TryGetProperty("data", out var d))
                {
                    if (root.TryGetProperty("bids", out var bids))
                        lines.Add($"{receive} {{\"topic\":\"orderbook.500.BTCUSDT\",\"type\":\"snapshot\",\"ts\":{root.GetProperty("T").GetInt64()},\"data\":{{\"s\":\"BTCUSDT\",\"b\":{bids.GetRawText()},\"a\":{root.GetProperty("asks").GetRawText()},\"u\":{++u}}}}}");
                    continue;
                }
                string? e = d.TryGetProperty("e", out var kind) ? kind.GetString() : null;
                if (e == "depthUpdate")
                    lines.Add($"{receive} {{\"topic\":\"orderbook.500.BTCUSDT\",\"type\":\"delta\",\"ts\":{d.GetProperty("T").GetInt64()},\"data\":{{\"s\":\"BTCUSDT\",\"b\":{d.GetProperty("b").GetRawText()},\"a\":{d.GetProperty("a").GetRawText()},\"u\":{++u}}}}}");
                else if (e == "trade" && d.GetProperty("X").GetString() == "MARKET")
                    lines.Add($"{receive} {{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":{d.GetProperty("E").GetInt64()},\"data\":[{{\"T\":{d.GetProperty("T").GetInt64()},\"s\":\"BTCUSDT\",\"S\":\"{(d.GetProperty("m").GetBoolean() ? "Sell" : "Buy")}\",\"v\":{d.GetProperty("q").GetRawText()},\"p\":{d.GetProperty("p").GetRawText()}}}]}}");
            }
        }
        string bybit = WriteGz(PathOf("retold.gz"), lines.ToArray());
        var binanceRows = new BinanceConverter(new ConversionOptions { Venue = BinanceVenue.Futures }).ConvertToArray([raw], out _);
        var bybitRows = new BybitConverter(new ConversionOptions()).ConvertToArray([bybit], out var s);
        Assert.That(bybitRows, Has.Length.EqualTo(491_973));
        Assert.That(bybitRows, Is.EqualTo(binanceRows));
        // Every delta but the first continues the one before; the snapshot starts afresh and is not checked.
        Assert.That((s.Quality.GapCount, s.Quality.Streams.Single().Checked), Is.EqualTo((0L, s.DepthUpdates - 1)));
    }
}
