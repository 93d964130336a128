using Hft.Backtest.Conversion;
using Hft.Backtest.Data;
using Hft.Backtest.Feed;
using Hft.Backtest.Runs;
using Hft.Core.Markets;
using Hft.Engine.Tests.Data;
using Hft.Strategies;

namespace Hft.Engine.Tests.Conversion;

/// <summary>
/// Converts the real Binance recordings in <c>shared/data/binance</c> and replays them. Ignored when the folder is
/// absent, except with <c>CI=true</c>, where that is a failure.
/// </summary>
public sealed class RealRecordingTests : TempDirectoryTest
{
    [Test]
    public void Usdm_futures_recording_converts_to_the_reference_row_count_and_replays_to_the_end()
    {
        string raw = BinanceRecordings.Require("usdm/btcusdt_20240808.gz");
        string output = PathOf("btcusdt_20240808.npz");

        var summary = new BinanceConverter(new ConversionOptions { Venue = BinanceVenue.Futures }).Convert([raw], output);

        // hftbacktest's binancefutures.convert gives 491,973 rows for this file (hftbacktest-semantics.md §6).
        Assert.That(summary.RowsWritten, Is.EqualTo(491_973));
        Assert.Multiple(() =>
        {
            Assert.That(summary.Lines, Is.EqualTo(93_954));
            Assert.That(summary.Trades, Is.EqualTo(21_313));
            Assert.That(summary.DepthUpdates, Is.EqualTo(6_551));
            Assert.That(summary.IgnoredMessages, Is.EqualTo(66_089)); // bookTicker
            Assert.That(summary.Snapshots, Is.EqualTo(1));
            Assert.That(summary.SnapshotRows, Is.EqualTo(2 + 1000 + 1000));
            Assert.That(summary.SkippedLines + summary.VenueErrors, Is.Zero);
            Assert.That(summary.RowsConverted + summary.SplitRows, Is.EqualTo(summary.RowsWritten));
            Assert.That(summary.MinimumLatency, Is.LessThan(0), "the recording's local clock is behind Binance's");
            Assert.That(summary.LocalTimeOffset, Is.EqualTo(-summary.MinimumLatency));
        });

        var rows = EventFileReader.ReadAll(output);
        Assert.That(rows, Has.Length.EqualTo(491_973));
        AssertTimelinesOrdered(rows);
        Assert.That(rows.Count(r => r.IsExchangeEvent), Is.EqualTo(summary.RowsConverted));
        Assert.That(rows.Count(r => r.IsLocalEvent), Is.EqualTo(summary.RowsConverted));
        Assert.That(rows.Min(r => r.LocalTime - r.ExchangeTime), Is.Zero, "after the shift the fastest row has latency 0");
        Assert.That(Fnv(rows), Is.EqualTo(PinnedUsdmHash), "conversion output changed");

        var result = Replay(output, new Instrument("BTCUSDT", "binance-futures", 0.1, 0.001));
        Assert.That(result.Events, Is.EqualTo(491_973));
        Assert.That(result.Orders, Is.GreaterThan(0), "the grid strategy traded on the converted book");
        Assert.That(result.Instruments[0].LastMid, Is.InRange(55_000, 70_000));
    }

    /// <summary>
    /// FNV-1a of the output rows. Cross-checked once against an independent pure-Python transcription of
    /// hftbacktest's converter rules (json.loads, float(), sorted() argsorts and the §1.7 merge): byte-identical.
    /// </summary>
    private const string PinnedUsdmHash = "1d369214390fa966";

    [Test]
    public void Spot_recordings_convert_and_replay_to_the_end()
    {
        string day1 = BinanceRecordings.Require("spot/btcusdt_20240808.gz");
        string day2 = BinanceRecordings.Require("spot/btcusdt_20240809.gz");
        string output = PathOf("spot.npz");

        var summary = new BinanceConverter(new ConversionOptions { Venue = BinanceVenue.Spot }).Convert([day1, day2], output);

        Assert.That(summary.Snapshots, Is.EqualTo(1));
        Assert.That(summary.Trades, Is.GreaterThan(0));
        Assert.That(summary.DepthRows, Is.GreaterThan(0));
        Assert.That(summary.IgnoredMessages, Is.GreaterThan(0), "bookTicker (no 'e' on spot) is dropped");
        var rows = EventFileReader.ReadAll(output);
        Assert.That(rows.LongLength, Is.EqualTo(summary.RowsWritten));
        AssertTimelinesOrdered(rows);
        // The spot snapshot has no T: it takes the latest exchange time among the rows received before it, so on
        // the exchange side it lands right after them instead of a second early (its receive time is local clock).
        var clears = rows.Where(r => r.Kind == EventKind.DepthClear && (r.Flags & EventFlags.Local) != 0).ToArray();
        Assert.That(clears, Has.Length.EqualTo(2));
        long received = clears[0].LocalTime;
        long latestBefore = rows.Where(r => (r.Flags & EventFlags.Exchange) != 0 && r.LocalTime < received && r.Kind != EventKind.DepthClear && r.Kind != EventKind.DepthSnapshot)
            .Max(r => r.ExchangeTime);
        Assert.That(clears.Select(r => r.ExchangeTime).Distinct(), Is.EqualTo(new[] { latestBefore }));
        Assert.That(latestBefore, Is.GreaterThan(1_723_161_254_206_652_067L), "later than its local receive time, which is on a clock about a second behind");

        var result = Replay(output, new Instrument("BTCUSDT", "binance-spot", 0.01, 0.00001));
        Assert.That(result.Events, Is.EqualTo(summary.RowsWritten));
    }

    [Test]
    public void Coin_m_futures_recording_converts_with_the_futures_rules_and_replays()
    {
        string raw = BinanceRecordings.Require("cm/btcusd_perp_20240808.gz");
        string output = PathOf("cm.npz");
        var summary = new BinanceConverter(new ConversionOptions { Venue = BinanceVenue.Futures }).Convert([raw], output);
        Assert.That(summary.Snapshots, Is.EqualTo(1));
        Assert.That(summary.Trades, Is.GreaterThan(0));
        var result = Replay(output, new Instrument("BTCUSD_PERP", "binance-futures", 0.1, 1, ContractKind.Inverse, 100));
        Assert.That(result.Events, Is.EqualTo(summary.RowsWritten));
    }

    private static void AssertTimelinesOrdered(MarketEvent[] rows)
    {
        long lastExchange = long.MinValue, lastLocal = long.MinValue;
        for (int i = 0; i < rows.Length; i++)
        {
            if (rows[i].IsExchangeEvent)
            {
                if (rows[i].ExchangeTime < lastExchange) Assert.Fail($"exch_ts goes back at row {i}");
                lastExchange = rows[i].ExchangeTime;
            }
            if (rows[i].IsLocalEvent)
            {
                if (rows[i].LocalTime < lastLocal) Assert.Fail($"local_ts goes back at row {i}");
                lastLocal = rows[i].LocalTime;
            }
            if (!rows[i].IsExchangeEvent && !rows[i].IsLocalEvent) Assert.Fail($"row {i} is on neither timeline");
        }
    }

    private static BacktestResult Replay(string file, Instrument instrument)
    {
        var source = new FileBlockSource([file]);
        var setup = new BacktestSetup
        {
            Instruments = [new InstrumentSetup(instrument, () => source)],
            Strategies = [new StrategySetup("grid", () => new GridTrading(new GridTradingSettings(OrderQuantity: instrument.LotSize)))],
        };
        using var run = new BacktestRun(setup);
        return run.Execute();
    }

    private static string Fnv(MarketEvent[] rows)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in System.Runtime.InteropServices.MemoryMarshal.AsBytes(rows.AsSpan()))
            hash = (hash ^ b) * 1099511628211UL;
        return hash.ToString("x16");
    }
}
