using Hft.Backtest.Statistics;

namespace Hft.Engine.Tests.Statistics;

/// <summary>Every statistic against values worked out by hand on small series.</summary>
public sealed class StatisticsTests
{
    private const long S = 1_000_000_000;
    private const long T0 = 1_723_075_200 * S;
    private static readonly StatisticsOptions TenSeconds = new();
    // sqrt(8640 samples a day × 365 days)
    private static readonly double Factor365 = Math.Sqrt(8640.0 * 365);

    private static PerformanceStatistics Stats(double[] equity, long stepSeconds = 10, TradingTotals totals = default,
        StatisticsOptions? options = null, double[]? positions = null, double[]? positionValues = null)
    {
        var times = Enumerable.Range(0, equity.Length).Select(i => T0 + i * stepSeconds * S).ToArray();
        var o = options ?? TenSeconds;
        var series = StatisticsAccumulator.Measure(o, times, equity, positions, positionValues);
        return PerformanceStatistics.Compute(series, totals, o);
    }

    [Test]
    public void The_annualisation_factor_is_the_square_root_of_samples_a_year()
    {
        Assert.That(TenSeconds.SamplesPerDay, Is.EqualTo(8640));
        Assert.That(TenSeconds.AnnualisationFactor, Is.EqualTo(1775.8378).Within(1e-4));
        // hftbacktest's own default: 10 s samples, 252 days.
        Assert.That(new StatisticsOptions { DaysPerYear = 252 }.AnnualisationFactor, Is.EqualTo(1475.56).Within(0.01));
        Assert.That(new StatisticsOptions { IntervalNanos = 60 * S }.SamplesPerDay, Is.EqualTo(1440));
    }

    [Test]
    public void Known_sharpe_and_sortino()
    {
        // Changes 1, 2, -1, 2: mean 1, sample variance (0 + 1 + 4 + 1) / 3 = 2; downside mean square 1/4.
        var s = Stats([0, 1, 3, 2, 4]);
        Assert.That(s.Sharpe, Is.EqualTo(1 / Math.Sqrt(2) * Factor365).Within(1e-9));
        Assert.That(s.Sortino, Is.EqualTo(1 / 0.5 * Factor365).Within(1e-9));
        Assert.That(s.Pnl, Is.EqualTo(4));
        Assert.That(s.GridPoints, Is.EqualTo(5));
    }

    [Test]
    public void Sharpe_follows_days_per_year()
    {
        var s = Stats([0, 1, 3, 2, 4], options: new StatisticsOptions { DaysPerYear = 252 });
        Assert.That(s.Sharpe, Is.EqualTo(1 / Math.Sqrt(2) * Math.Sqrt(8640.0 * 252)).Within(1e-9));
    }

    [Test]
    public void Flat_equity_has_no_drawdown_and_undefined_ratios()
    {
        var s = Stats([0, 0, 0, 0]);
        Assert.That(s.Pnl, Is.EqualTo(0));
        Assert.That(s.Sharpe, Is.Null, "zero deviation");
        Assert.That(s.Sortino, Is.Null, "no negative change");
        Assert.That(s.MaxDrawdown, Is.EqualTo(0));
        Assert.That(s.MaxDrawdownDuration, Is.EqualTo(0));
        Assert.That(s.LongestDrawdownDuration, Is.EqualTo(0));
        Assert.That(s.MaxDrawdownRecovered, Is.True);
        Assert.That(s.MaxDrawdownPeakTime, Is.Null);
        Assert.That(s.ReturnOverMaxDrawdown, Is.Null);
    }

    [Test]
    public void A_single_loss()
    {
        // 0, 0, -5, -5: changes 0, -5, 0.
        var s = Stats([0, 0, -5, -5]);
        Assert.That(s.Pnl, Is.EqualTo(-5));
        // Mean -5/3; deviations 5/3, -10/3, 5/3, whose squares sum to 150/9, over n - 1 = 2.
        double mean = -5.0 / 3, sd = Math.Sqrt(150.0 / 9 / 2);
        Assert.That(s.Sharpe, Is.EqualTo(mean / sd * Factor365).Within(1e-9));
        // Downside: sqrt(25 / 3).
        Assert.That(s.Sortino, Is.EqualTo(mean / Math.Sqrt(25.0 / 3) * Factor365).Within(1e-9));
        Assert.That(s.MaxDrawdown, Is.EqualTo(5));
        Assert.That(s.MaxDrawdownPeakTime, Is.EqualTo(T0 + 10 * S), "the last sample at the peak");
        Assert.That(s.MaxDrawdownTroughTime, Is.EqualTo(T0 + 20 * S));
        Assert.That(s.MaxDrawdownRecovered, Is.False);
        Assert.That(s.MaxDrawdownDuration, Is.EqualTo(20), "from the peak to the end, still under water");
        Assert.That(s.ReturnOverMaxDrawdown, Is.EqualTo(-1));
    }

    [Test]
    public void Steady_gains_have_zero_variance_so_sharpe_is_undefined()
    {
        var s = Stats([0, 1, 2, 3]);
        Assert.That(s.Sharpe, Is.Null);
        Assert.That(s.Sortino, Is.Null);
        Assert.That(s.Pnl, Is.EqualTo(3));
        Assert.That(s.MaxDrawdown, Is.EqualTo(0));
    }

    [Test]
    public void Drawdown_durations_run_from_peak_to_recovery()
    {
        // Seconds: 10@0, 8@1, 12@2 (back above 10: 2 s under water), 5@3, 6@5, 12@9 (back at 12: 7 s), 11@10 (1 s, unfinished).
        long[] t = [0, 1, 2, 3, 5, 9, 10];
        double[] e = [10, 8, 12, 5, 6, 12, 11];
        var series = StatisticsAccumulator.Measure(new StatisticsOptions { IntervalNanos = S }, t.Select(x => T0 + x * S).ToArray(), e);
        var s = PerformanceStatistics.Compute(series, default, new StatisticsOptions { IntervalNanos = S });
        Assert.That(s.MaxDrawdown, Is.EqualTo(7));
        Assert.That(s.MaxDrawdownPeakTime, Is.EqualTo(T0 + 2 * S));
        Assert.That(s.MaxDrawdownTroughTime, Is.EqualTo(T0 + 3 * S));
        Assert.That(s.MaxDrawdownDuration, Is.EqualTo(7));
        Assert.That(s.MaxDrawdownRecovered, Is.True);
        Assert.That(s.LongestDrawdownDuration, Is.EqualTo(7));
        Assert.That(s.ReturnOverMaxDrawdown, Is.EqualTo(1.0 / 7).Within(1e-12));
    }

    [Test]
    public void The_longest_time_under_water_can_be_another_episode_than_the_deepest()
    {
        // A deep, quick dip (4 below 10, recovered in 1 s), then a shallow one that never recovers (from 3 s to 20 s).
        long[] t = [0, 1, 2, 3, 4, 20];
        double[] e = [10, 6, 10, 11, 10.5, 10];
        var o = new StatisticsOptions { IntervalNanos = S };
        var s = PerformanceStatistics.Compute(StatisticsAccumulator.Measure(o, t.Select(x => T0 + x * S).ToArray(), e), default, o);
        Assert.That(s.MaxDrawdown, Is.EqualTo(4));
        Assert.That(s.MaxDrawdownDuration, Is.EqualTo(2));
        Assert.That(s.LongestDrawdownDuration, Is.EqualTo(17));
    }

    [Test]
    public void Samples_are_resampled_by_holding_the_latest_one_at_each_grid_point()
    {
        // Grid every 10 s from 0: p(0)=0 (t=0), p(10)=1 (t=3), p(20)=8 (the later of two samples at t=20), then the last sample t=27 (3).
        long[] t = [0, 3, 12, 20, 20, 27];
        double[] e = [0, 1, 5, 7, 8, 3];
        var series = StatisticsAccumulator.Measure(TenSeconds, t.Select(x => T0 + x * S).ToArray(), e)!;
        Assert.That(series.GridPoints, Is.EqualTo(4));
        Assert.That(series.Samples, Is.EqualTo(6));
        // Changes 1, 7, -5: mean 1, variance (0 + 36 + 36) / 2 = 36.
        Assert.That(series.Returns.Mean, Is.EqualTo(1));
        Assert.That(series.Returns.StandardDeviation, Is.EqualTo(6));
        var s = PerformanceStatistics.Compute(series, default, TenSeconds);
        Assert.That(s.Sharpe, Is.EqualTo(1.0 / 6 * Factor365).Within(1e-9));
        Assert.That(s.MaxDrawdown, Is.EqualTo(5), "drawdown sees every sample: 8 down to 3");
        Assert.That(s.Pnl, Is.EqualTo(3));
    }

    [Test]
    public void A_gap_without_samples_repeats_the_held_value()
    {
        // 0 at 0 s, 2 at 35 s: grid 0, 10, 20, 30 hold 0; the end (35 s) is 2. Changes 0, 0, 0, 2.
        var series = StatisticsAccumulator.Measure(TenSeconds, [T0, T0 + 35 * S], [0.0, 2.0])!;
        Assert.That(series.GridPoints, Is.EqualTo(5));
        Assert.That(series.Returns.Count, Is.EqualTo(4));
        Assert.That(series.Returns.Mean, Is.EqualTo(0.5));
    }

    [Test]
    public void A_single_sample_gives_defined_values()
    {
        var s = Stats([3.5]);
        Assert.That(s.Pnl, Is.EqualTo(0));
        Assert.That(s.Days, Is.EqualTo(0));
        Assert.That(s.Sharpe, Is.Null);
        Assert.That(s.Sortino, Is.Null);
        Assert.That(s.DailyTrades, Is.Null, "no time passed");
        Assert.That(s.MaxDrawdown, Is.EqualTo(0));
    }

    [Test]
    public void No_samples_leave_every_equity_figure_null_but_keep_the_totals()
    {
        var totals = new TradingTotals(0, 0, 0, 0, 0, 0, 0);
        var s = PerformanceStatistics.Compute(null, totals, TenSeconds);
        Assert.That(s.Pnl, Is.Null);
        Assert.That(s.Sharpe, Is.Null);
        Assert.That(s.MaxDrawdown, Is.Null);
        Assert.That(s.InventoryPnl, Is.Null);
        Assert.That(s.Trades, Is.EqualTo(0));
        Assert.That(s.FillRatio, Is.Null, "no orders");
        foreach (var m in MetricCatalog.All)
        {
            var v = m.Read(s);
            Assert.That(v is not double d || double.IsFinite(d), m.Key);
        }
    }

    [Test]
    public void A_run_without_trades()
    {
        var totals = new TradingTotals(0, 0, 0, 0, 0, OrdersSubmitted: 12, OrdersFilled: 0);
        var s = Stats([0, 0, 0], totals: totals);
        Assert.That(s.Trades, Is.EqualTo(0));
        Assert.That(s.DailyTrades, Is.EqualTo(0));
        Assert.That(s.TradingValue, Is.EqualTo(0));
        Assert.That(s.DailyTradingValue, Is.EqualTo(0));
        Assert.That(s.ReturnOverTrade, Is.Null, "no trading value");
        Assert.That(s.FillRatio, Is.EqualTo(0));
        Assert.That(s.SpreadCapture, Is.EqualTo(0));
        Assert.That(s.InventoryPnl, Is.EqualTo(0));
    }

    [Test]
    public void A_run_shorter_than_a_day_scales_daily_figures_by_its_length()
    {
        // One hour: 361 samples every 10 s.
        var equity = new double[361];
        var totals = new TradingTotals(Trades: 30, Volume: 30, Value: 9_000, Fees: 1.5, SpreadCapture: 2, OrdersSubmitted: 120, OrdersFilled: 30);
        var s = Stats(equity, totals: totals);
        Assert.That(s.Days, Is.EqualTo(1.0 / 24).Within(1e-15));
        Assert.That(s.DailyTrades, Is.EqualTo(30 * 24).Within(1e-9));
        Assert.That(s.DailyTradingValue, Is.EqualTo(9_000 * 24).Within(1e-6));
        Assert.That(s.FillRatio, Is.EqualTo(0.25));
        Assert.That(s.Turnover, Is.Null, "no book size");
        Assert.That(s.DailyTurnover, Is.Null);
    }

    [Test]
    public void A_book_size_gives_return_relative_drawdown_and_turnover()
    {
        var o = new StatisticsOptions { BookSize = 1_000 };
        var totals = new TradingTotals(4, 4, 2_000, 0, 0, 4, 4);
        // 8640 samples every 10 s = one day exactly.
        var equity = new double[8641];
        equity[100] = -20;
        equity[^1] = 50;
        var s = Stats(equity, totals: totals, options: o);
        Assert.That(s.Days, Is.EqualTo(1));
        Assert.That(s.Return, Is.EqualTo(0.05));
        Assert.That(s.MaxDrawdown, Is.EqualTo(20));
        Assert.That(s.MaxDrawdownRelative, Is.EqualTo(0.02));
        Assert.That(s.Turnover, Is.EqualTo(2));
        Assert.That(s.DailyTurnover, Is.EqualTo(2));
        Assert.That(s.ReturnOverTrade, Is.EqualTo(50.0 / 2_000));
    }

    [Test]
    public void Pnl_splits_into_spread_capture_inventory_and_fees()
    {
        // Ended 7 up after paying 1.5 in fees and capturing 3 of spread: holding inventory earned 7 - 3 + 1.5.
        var totals = new TradingTotals(3, 3, 300, Fees: 1.5, SpreadCapture: 3, 3, 3);
        var s = Stats([0, 2, 7], totals: totals);
        Assert.That(s.InventoryPnl, Is.EqualTo(5.5));
        Assert.That(s.SpreadCapture + s.InventoryPnl - s.Fees, Is.EqualTo(s.Pnl));
        Assert.That(s.Fees, Is.EqualTo(1.5));
    }

    [Test]
    public void Positions_are_time_weighted_on_the_grid_and_the_maximum_sees_every_sample()
    {
        // Grid points 0, 10, 20 s hold positions 0, 2, -1; a sample at 5 s reaches -4 between grid points.
        long[] t = [0, 5, 6, 10, 20];
        double[] e = [0, 0, 0, 0, 0];
        double[] pos = [0, -4, 2, 2, -1];
        double[] value = [0, 400, 200, 200, 100];
        var series = StatisticsAccumulator.Measure(TenSeconds, t.Select(x => T0 + x * S).ToArray(), e, pos, value);
        var s = PerformanceStatistics.Compute(series, default, TenSeconds);
        Assert.That(s.MeanPosition, Is.EqualTo(1.0 / 3).Within(1e-12));
        Assert.That(s.MeanAbsPosition, Is.EqualTo(1.0));
        Assert.That(s.MaxAbsPosition, Is.EqualTo(4));
        Assert.That(s.MeanPositionValue, Is.EqualTo(100.0));
        Assert.That(s.MaxPositionValue, Is.EqualTo(400));
    }

    [Test]
    public void A_portfolio_series_has_no_position_figures()
    {
        var a = new StatisticsAccumulator(TenSeconds);
        a.Add(T0, 0, double.NaN, 10);
        a.Add(T0 + 10 * S, 1, double.NaN, 30);
        var s = PerformanceStatistics.Compute(a.Finish(), default, TenSeconds);
        Assert.That(s.MeanPosition, Is.Null);
        Assert.That(s.MaxAbsPosition, Is.Null);
        Assert.That(s.MeanPositionValue, Is.EqualTo(20));
        Assert.That(s.MaxPositionValue, Is.EqualTo(30));
    }

    [Test]
    public void Samples_out_of_order_or_not_numbers_are_refused()
    {
        var a = new StatisticsAccumulator(TenSeconds);
        a.Add(T0 + S, 0, 0, 0);
        Assert.Throws<ArgumentException>(() => a.Add(T0, 0, 0, 0));
        Assert.Throws<ArgumentException>(() => a.Add(T0 + 2 * S, double.NaN, 0, 0));
        Assert.Throws<ArgumentException>(() => new StatisticsAccumulator(new StatisticsOptions { IntervalNanos = 0 }));
        Assert.Throws<ArgumentException>(() => new StatisticsOptions { BookSize = -1 }.Validate());
    }

    [Test]
    public void Moments_match_a_two_pass_computation()
    {
        var rng = new Random(5);
        var changes = Enumerable.Range(0, 1000).Select(_ => rng.NextDouble() * 10 - 4.5).ToArray();
        var m = new ReturnMoments();
        foreach (var c in changes) m.Add(c);
        double mean = changes.Average();
        double variance = changes.Sum(c => (c - mean) * (c - mean)) / (changes.Length - 1);
        double downside = Math.Sqrt(changes.Sum(c => Math.Min(0, c) * Math.Min(0, c)) / changes.Length);
        Assert.That(m.Mean, Is.EqualTo(mean).Within(1e-12));
        Assert.That(m.StandardDeviation, Is.EqualTo(Math.Sqrt(variance)).Within(1e-10));
        Assert.That(m.DownsideDeviation, Is.EqualTo(downside).Within(1e-12));
    }

    [Test]
    public void Metric_keys_are_unique_and_every_value_is_a_known_type()
    {
        var keys = MetricCatalog.All.Select(m => m.Key).ToList();
        Assert.That(keys, Is.Unique);
        var s = Stats([0, 1, 3, 2, 4], totals: new TradingTotals(1, 1, 100, 0.1, 0.2, 2, 1));
        foreach (var m in MetricCatalog.All)
        {
            var v = m.Read(s);
            Assert.That(v is null or long or double or bool, m.Key);
        }
    }

    [Test]
    public void Metric_values_format_for_people()
    {
        Assert.That(MetricFormat.Format(MetricKind.Fraction, 0.0107), Is.EqualTo("1.07 %"));
        Assert.That(MetricFormat.Format(MetricKind.Money, -1234.5678), Is.EqualTo("-1,234.57"));
        Assert.That(MetricFormat.Format(MetricKind.Ratio, null), Is.EqualTo("n/a"));
        Assert.That(MetricFormat.Format(MetricKind.Ratio, 1.23456), Is.EqualTo("1.235"));
        Assert.That(MetricFormat.Format(MetricKind.Ratio, -0.000271164), Is.EqualTo("-0.000271"));
        Assert.That(MetricFormat.Format(MetricKind.Duration, 72.54), Is.EqualTo("00:01:13"));
        Assert.That(MetricFormat.Format(MetricKind.Duration, 4.25), Is.EqualTo("4.25 s"));
        Assert.That(MetricFormat.Format(MetricKind.Duration, 90_061.0), Is.EqualTo("1d 01:01:01"));
        Assert.That(MetricFormat.Format(MetricKind.Count, 1304L), Is.EqualTo("1,304"));
        Assert.That(MetricFormat.Format(MetricKind.Flag, true), Is.EqualTo("yes"));
        Assert.That(MetricFormat.Format(MetricKind.Time, T0 + 1_500_000_000L), Is.EqualTo("2024-08-08 00:00:01.500"));
    }
}
