namespace Hft.Backtest.Statistics;

/// <summary>
/// Every statistic in the order the report, <c>summary.json</c> and <c>compare</c> show them. The formulas are
/// on <see cref="PerformanceStatistics"/> and in the README's Statistics section.
/// </summary>
public static class MetricCatalog
{
    /// <summary>All metrics, in display order.</summary>
    public static IReadOnlyList<Metric> All { get; } =
    [
        new("pnl", "Total PnL (net of fees)", MetricKind.Money, MetricDirection.Higher, s => s.Pnl),
        new("return", "Total return (on book size)", MetricKind.Fraction, MetricDirection.Higher, s => s.Return),
        new("sharpe", "Sharpe ratio (annualised)", MetricKind.Ratio, MetricDirection.Higher, s => s.Sharpe),
        new("sortino", "Sortino ratio (annualised)", MetricKind.Ratio, MetricDirection.Higher, s => s.Sortino),
        new("max_drawdown", "Max drawdown", MetricKind.Money, MetricDirection.Lower, s => s.MaxDrawdown),
        new("max_drawdown_relative", "Max drawdown (of book size)", MetricKind.Fraction, MetricDirection.Lower, s => s.MaxDrawdownRelative),
        new("max_drawdown_duration_s", "Max drawdown duration", MetricKind.Duration, MetricDirection.Lower, s => s.MaxDrawdownDuration),
        new("max_drawdown_recovered", "Max drawdown recovered", MetricKind.Flag, MetricDirection.None, s => s.MaxDrawdownRecovered),
        new("max_drawdown_peak_time", "Max drawdown peak", MetricKind.Time, MetricDirection.None, s => s.MaxDrawdownPeakTime),
        new("max_drawdown_trough_time", "Max drawdown trough", MetricKind.Time, MetricDirection.None, s => s.MaxDrawdownTroughTime),
        new("longest_drawdown_duration_s", "Longest time under water", MetricKind.Duration, MetricDirection.Lower, s => s.LongestDrawdownDuration),
        new("return_over_mdd", "Return over max drawdown", MetricKind.Ratio, MetricDirection.Higher, s => s.ReturnOverMaxDrawdown),
        new("return_over_trade", "Return over trading value", MetricKind.Ratio, MetricDirection.Higher, s => s.ReturnOverTrade),
        new("trades", "Trades (fills)", MetricKind.Count, MetricDirection.None, s => s.Trades),
        new("daily_trades", "Trades per day", MetricKind.Quantity, MetricDirection.None, s => s.DailyTrades),
        new("trading_volume", "Trading volume", MetricKind.Quantity, MetricDirection.None, s => s.TradingVolume),
        new("trading_value", "Trading value", MetricKind.Money, MetricDirection.None, s => s.TradingValue),
        new("daily_trading_value", "Trading value per day", MetricKind.Money, MetricDirection.None, s => s.DailyTradingValue),
        new("turnover", "Turnover (of book size)", MetricKind.Ratio, MetricDirection.None, s => s.Turnover),
        new("daily_turnover", "Turnover per day", MetricKind.Ratio, MetricDirection.None, s => s.DailyTurnover),
        new("orders_submitted", "Orders submitted", MetricKind.Count, MetricDirection.None, s => s.OrdersSubmitted),
        new("orders_filled", "Orders filled", MetricKind.Count, MetricDirection.None, s => s.OrdersFilled),
        new("fill_ratio", "Fill ratio", MetricKind.Fraction, MetricDirection.None, s => s.FillRatio),
        new("mean_position", "Mean position", MetricKind.Quantity, MetricDirection.None, s => s.MeanPosition),
        new("mean_abs_position", "Mean absolute position", MetricKind.Quantity, MetricDirection.None, s => s.MeanAbsPosition),
        new("max_abs_position", "Max absolute position", MetricKind.Quantity, MetricDirection.None, s => s.MaxAbsPosition),
        new("mean_position_value", "Mean position value", MetricKind.Money, MetricDirection.None, s => s.MeanPositionValue),
        new("max_position_value", "Max position value", MetricKind.Money, MetricDirection.None, s => s.MaxPositionValue),
        new("fees", "Fees paid", MetricKind.Money, MetricDirection.Lower, s => s.Fees),
        new("spread_capture", "Spread capture", MetricKind.Money, MetricDirection.Higher, s => s.SpreadCapture),
        new("inventory_pnl", "Inventory PnL", MetricKind.Money, MetricDirection.Higher, s => s.InventoryPnl),
        new("start_equity", "Start equity", MetricKind.Money, MetricDirection.None, s => s.StartEquity),
        new("end_equity", "End equity", MetricKind.Money, MetricDirection.None, s => s.EndEquity),
        new("start_time", "Start", MetricKind.Time, MetricDirection.None, s => s.StartTime),
        new("end_time", "End", MetricKind.Time, MetricDirection.None, s => s.EndTime),
        new("days", "Days measured", MetricKind.Quantity, MetricDirection.None, s => s.Days),
        new("samples", "Recorded samples", MetricKind.Count, MetricDirection.None, s => s.Samples),
        new("grid_points", "Resampled points", MetricKind.Count, MetricDirection.None, s => s.GridPoints),
    ];

    /// <summary>The metric with this key, or null.</summary>
    public static Metric? Find(string key)
    {
        foreach (var m in All)
        {
            if (m.Key == key) return m;
        }
        return null;
    }
}
