using System.CommandLine;
using Hft.Backtest.Data;
using Hft.Engine.Cli;
using Hft.Engine.Tests.Data;
using static Hft.Engine.Tests.Conversion.RawFiles;

namespace Hft.Engine.Tests.Conversion;

[NonParallelizable]
public sealed class ConvertCommandTests : TempDirectoryTest
{
    private static (int Code, string Error) Run(params string[] args)
    {
        var root = new RootCommand { ConvertCommand.Create() };
        var saved = Console.Error;
        var error = new StringWriter();
        Console.SetError(error);
        try
        {
            return (root.Parse(args).Invoke(), error.ToString());
        }
        finally
        {
            Console.SetError(saved);
        }
    }

    private string Raw(params string[] lines) => WriteGz(PathOf("raw.gz"), lines);

    [Test]
    public void Converts_and_prints_a_summary()
    {
        string raw = Raw(
            Line(Ns(BaseMs) + 1_000_000, Snapshot(BaseMs, "[[\"100.0\",\"1\"]]", "[[\"101.0\",\"1\"]]")),
            Line(Ns(BaseMs) + 2_000_000, BookTicker(BaseMs)),
            Line(Ns(BaseMs) + 3_000_000, Trade(BaseMs + 1, "100.0", "1", true)),
            Line(Ns(BaseMs) + 4_000_000, "{\"code\":-1,\"msg\":\"boom\"}"));
        string output = PathOf("out.npz");

        var (code, error) = Run("convert", "binance-futures", raw, "--out", output);

        Assert.That(code, Is.Zero, error);
        Assert.That(EventFileReader.ReadAll(output), Has.Length.EqualTo(5));
        Assert.That(error, Does.Contain($"warning: {raw}:4: venue error -1: boom"));
        Assert.That(error, Does.Contain($"wrote 5 rows to {output}"));
        Assert.That(error, Does.Contain("lines read      4 from 1 file(s)"));
        Assert.That(error, Does.Contain("trades          1 "));
        Assert.That(error, Does.Contain("snapshots       1 (4 rows)"));
        Assert.That(error, Does.Contain("skipped         1 other stream messages, 1 venue errors, 0 bad lines"));
    }

    [Test]
    public void A_malformed_line_is_one_error_line_naming_file_and_line()
    {
        string raw = Raw(Line(Ns(BaseMs), Trade(BaseMs, "1", "1", false)), "garbage");

        var (code, error) = Run("convert", "binance-futures", raw, "--out", PathOf("out.npz"));

        Assert.That(code, Is.EqualTo(1));
        Assert.That(error.Trim(), Is.EqualTo($"error: {raw}:2: the line does not start with a 19-digit receive time and a space"));
        Assert.That(File.Exists(PathOf("out.npz")), Is.False);
    }

    [Test]
    public void Skip_bad_lines_converts_the_rest()
    {
        string raw = Raw(Line(Ns(BaseMs), Trade(BaseMs, "1", "1", false)), "garbage");

        var (code, error) = Run("convert", "binance-spot", raw, "--out", PathOf("out.npz"), "--skip-bad-lines", "--stored");

        Assert.That(code, Is.Zero, error);
        Assert.That(error, Does.Contain($"warning: {raw}:2: the line does not start with a 19-digit receive time and a space (skipped)"));
        Assert.That(error, Does.Contain("1 bad lines"));
        using var reader = EventFileReader.Open(PathOf("out.npz"));
        Assert.That(reader.IsCompressed, Is.False);
        Assert.That(reader.Count, Is.EqualTo(1));
    }

    [TestCase("binance-options", "error: venue: expected binance-futures, binance-spot, bybit or tardis, got 'binance-options'")]
    public void Unknown_venues_are_rejected(string venue, string message)
    {
        var (code, error) = Run("convert", venue, Raw(Line(Ns(BaseMs), Trade(BaseMs, "1", "1", false))), "--out", PathOf("out.npz"));
        Assert.That(code, Is.EqualTo(1));
        Assert.That(error.Trim(), Is.EqualTo(message));
    }

    [Test]
    public void Negative_base_latency_is_rejected()
    {
        var (code, error) = Run("convert", "binance-futures", Raw(Line(Ns(BaseMs), Trade(BaseMs, "1", "1", false))), "--out", PathOf("o.npz"), "--base-latency", "-5");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(error.Trim(), Is.EqualTo("error: --base-latency: must not be negative"));
    }

    [Test]
    public void Base_latency_is_applied_when_local_time_must_be_shifted()
    {
        // The trade seems to arrive 1 ms before it happened: local_ts = exch_ts + 1 ms + 500 µs afterwards.
        string raw = Raw(Line(Ns(BaseMs) - 1_000_000, Trade(BaseMs, "1", "1", false)));
        var (code, error) = Run("convert", "binance-futures", raw, "--out", PathOf("o.npz"), "--base-latency", "500000");
        Assert.That(code, Is.Zero, error);
        var row = EventFileReader.ReadAll(PathOf("o.npz")).Single();
        Assert.That(row.LocalTime - row.ExchangeTime, Is.EqualTo(500_000));
        Assert.That(error, Does.Contain("shifted by 1,500,000 ns"));
    }

    [Test]
    public void Converts_bybit_and_checks_the_depth_option()
    {
        const long ts = 1_687_940_967_466;
        string raw = Raw(
            Line(Ns(ts) + 1_000_000, $"{{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"snapshot\",\"ts\":{ts},\"data\":{{\"s\":\"BTCUSDT\",\"b\":[[\"100.0\",\"1\"]],\"a\":[[\"101.0\",\"1\"]],\"u\":5}}}}"),
            Line(Ns(ts) + 2_000_000, $"{{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":{ts + 1},\"data\":[{{\"T\":{ts + 1},\"S\":\"Sell\",\"v\":\"0.5\",\"p\":\"100.0\"}}]}}"));
        var (code, error) = Run("convert", "bybit", raw, "--out", PathOf("b.npz"));
        Assert.That(code, Is.Zero, error);
        Assert.That(EventFileReader.ReadAll(PathOf("b.npz")), Has.Length.EqualTo(5));
        Assert.That(error, Does.Contain("snapshots       1 (4 rows)").And.Contain("trades          1 "));
        Assert.That(Run("convert", "bybit", raw, "--out", PathOf("c.npz"), "--depth", "1").Error, Does.Contain("wrote 1 rows"), "only the trade: no orderbook.1 in the file");
        var wrong = Run("convert", "binance-spot", raw, "--out", PathOf("d.npz"), "--depth", "50");
        Assert.That((wrong.Code, wrong.Error.Trim()), Is.EqualTo((1, "error: --depth: only for bybit")));
    }

    [Test]
    public void Converts_tardis_files_with_a_snapshot_mode()
    {
        const long us = 1_580_515_200_000_000;
        string trades = WriteGz(PathOf("trades.csv.gz"), "exchange,symbol,timestamp,local_timestamp,id,side,price,amount", $"binance,BTCUSDT,{us + 5},{us + 9},1,buy,101,1");
        string book = WriteGz(PathOf("incremental_book_L2.csv.gz"), "exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount",
            $"binance,BTCUSDT,{us},{us + 4},true,bid,100,1", $"binance,BTCUSDT,{us},{us + 4},true,ask,101,2", $"binance,BTCUSDT,{us + 5},{us + 9},false,ask,101,1");
        var (code, error) = Run("convert", "tardis", book, trades, "--out", PathOf("t.npz"));
        Assert.That(code, Is.Zero, error);
        Assert.That(EventFileReader.ReadAll(PathOf("t.npz")), Has.Length.EqualTo(6));
        Assert.That(error, Does.Contain("update ids      none in the data"));
        var (_, ignored) = Run("convert", "tardis", book, trades, "--out", PathOf("u.npz"), "--snapshot-mode", "ignore-sod");
        Assert.That(EventFileReader.ReadAll(PathOf("u.npz")), Has.Length.EqualTo(2), ignored);
        var wrong = Run("convert", "tardis", book, "--out", PathOf("v.npz"), "--snapshot-mode", "skip");
        Assert.That((wrong.Code, wrong.Error.Trim()), Is.EqualTo((1, "error: --snapshot-mode: expected process, ignore-sod or ignore, got 'skip'")));
    }
}
