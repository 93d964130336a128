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
        new("pnl", "Returns", "Total PnL (net of fees)", MetricKind.Money, MetricDirection.Higher, s => s.Pnl),
        new("return", "Returns", "Total return (on book size)", MetricKind.Fraction, MetricDirection.Higher, s => s.Return),
        new("sharpe", "Returns", "Sharpe ratio (annualised)", MetricKind.Ratio, MetricDirection.Higher, s => s.Sharpe),
        new("sortino", "Returns", "Sortino ratio (annualised)", MetricKind.Ratio, MetricDirection.Higher, s => s.Sortino),
        new("return_over_mdd", "Returns", "Return over max drawdown", MetricKind.Ratio, MetricDirection.Higher, s => s.ReturnOverMaxDrawdown),
        new("return_over_trade", "Returns", "Return over trading value", MetricKind.Ratio, MetricDirection.Higher, s => s.ReturnOverTrade),
        new("max_drawdown", "Drawdown", "Max drawdown", MetricKind.Money, MetricDirection.Lower, s => s.MaxDrawdown),
        new("max_drawdown_relative", "Drawdown", "Max drawdown (of book size)", MetricKind.Fraction, MetricDirection.Lower, s => s.MaxDrawdownRelative),
        new("max_drawdown_duration_s", "Drawdown", "Max drawdown duration", MetricKind.Duration, MetricDirection.Lower, s => s.MaxDrawdownDuration),
        new("max_drawdown_recovered", "Drawdown", "Max drawdown recovered", MetricKind.Flag, MetricDirection.None, s => s.MaxDrawdownRecovered),
        new("max_drawdown_peak_time", "Drawdown", "Max drawdown peak", MetricKind.Time, MetricDirection.None, s => s.MaxDrawdownPeakTime),
        new("max_drawdown_trough_time", "Drawdown", "Max drawdown trough", MetricKind.Time, MetricDirection.None, s => s.MaxDrawdownTroughTime),
        new("longest_drawdown_duration_s", "Drawdown", "Longest time under water", MetricKind.Duration, MetricDirection.Lower, s => s.LongestDrawdownDuration),
        new("trades", "Trading", "Trades (fills)", MetricKind.Count, MetricDirection.None, s => s.Trades),
        new("daily_trades", "Trading", "Trades per day", MetricKind.Quantity, MetricDirection.None, s => s.DailyTrades),
        new("trading_volume", "Trading", "Trading volume", MetricKind.Quantity, MetricDirection.None, s => s.TradingVolume),
        new("trading_value", "Trading", "Trading value", MetricKind.Money, MetricDirection.None, s => s.TradingValue),
        new("daily_trading_value", "Trading", "Trading value per day", MetricKind.Money, MetricDirection.None, s => s.DailyTradingValue),
        new("turnover", "Trading", "Turnover (of book size)", MetricKind.Ratio, MetricDirection.None, s => s.Turnover),
        new("daily_turnover", "Trading", "Turnover per day", MetricKind.Ratio, MetricDirection.None, s => s.DailyTurnover),
        new("orders_submitted", "Trading", "Orders submitted", MetricKind.Count, MetricDirection.None, s => s.OrdersSubmitted),
        new("orders_filled", "Trading", "Orders filled", MetricKind.Count, MetricDirection.None, s => s.OrdersFilled),
        new("fill_ratio", "Trading", "Fill ratio", MetricKind.Fraction, MetricDirection.None, s => s.FillRatio),
        new("mean_position", "Position", "Mean position", MetricKind.Quantity, MetricDirection.None, s => s.MeanPosition),
        new("mean_abs_position", "Position", "Mean absolute position", MetricKind.Quantity, MetricDirection.None, s => s.MeanAbsPosition),
        new("max_abs_position", "Position", "Max absolute position", MetricKind.Quantity, MetricDirection.None, s => s.MaxAbsPosition),
        new("mean_position_value", "Position", "Mean position value", MetricKind.Money, MetricDirection.None, s => s.MeanPositionValue),
        new("max_position_value", "Position", "Max position value", MetricKind.Money, MetricDirection.None, s => s.MaxPositionValue),
        new("fees", "PnL split", "Fees paid", MetricKind.Money, MetricDirection.Lower, s => s.Fees),
        new("spread_capture", "PnL split", "Spread capture", MetricKind.Money, MetricDirection.Higher, s => s.SpreadCapture),
        new("inventory_pnl", "PnL split", "Inventory PnL", MetricKind.Money, MetricDirection.Higher, s => s.InventoryPnl),
        new("start_equity", "Span", "Start equity", MetricKind.Money, MetricDirection.None, s => s.StartEquity),
        new("end_equity", "Span", "End equity", MetricKind.Money, MetricDirection.None, s => s.EndEquity),
        new("start_time", "Span", "Start", MetricKind.Time, MetricDirection.None, s => s.StartTime),
        new("end_time", "Span", "End", MetricKind.Time, MetricDirection.None, s => s.EndTime),
        new("days", "Span", "Days measured", MetricKind.Quantity, MetricDirection.None, s => s.Days),
        new("samples", "Span", "Recorded samples", MetricKind.Count, MetricDirection.None, s => s.Samples),
        new("grid_points", "Span", "Resampled points", MetricKind.Count, MetricDirection.None, s => s.GridPoints),
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
