namespace Hft.Backtest.Statistics;

/// <summary>
/// The statistics of one instrument, or of the whole portfolio, over a run. A figure that is undefined (no
/// sample, zero deviation, zero drawdown, no book size, a run of zero length) is null, never NaN or infinite;
/// <c>summary.json</c> writes it as <c>null</c>. Money is in the instrument's quote currency (the base currency
/// for an inverse instrument).
/// </summary>
public sealed record PerformanceStatistics
{
    /// <summary>Time of the first sample with a defined equity (ns since the epoch); null if there was none.</summary>
    public long? StartTime { get; init; }
    /// <summary>Time of the last such sample.</summary>
    public long? EndTime { get; init; }
    /// <summary>Length of the measured span in days, <c>(end − start) / 86400 s</c>.</summary>
    public double? Days { get; init; }
    /// <summary>Recorded samples with a defined equity.</summary>
    public long Samples { get; init; }
    /// <summary>Points of the resampled grid the ratios use.</summary>
    public long GridPoints { get; init; }
    /// <summary>Equity at the start: <c>balance + contract size × position × mid − fees</c> (linear).</summary>
    public double? StartEquity { get; init; }
    /// <summary>Equity at the end.</summary>
    public double? EndEquity { get; init; }
    /// <summary>Total profit and loss net of fees: <c>end equity − start equity</c>.</summary>
    public double? Pnl { get; init; }
    /// <summary>Total return: <c>PnL / book size</c>; null without a book size.</summary>
    public double? Return { get; init; }
    /// <summary>Annualised Sharpe ratio of the grid changes: <c>mean / std(ddof = 1) × sqrt(samples per day × days per year)</c>.</summary>
    public double? Sharpe { get; init; }
    /// <summary>Annualised Sortino ratio: <c>mean / sqrt(mean(min(0, pnl)²)) × sqrt(samples per day × days per year)</c>.</summary>
    public double? Sortino { get; init; }
    /// <summary>Largest fall of equity from a running peak, over every recorded sample (≥ 0).</summary>
    public double? MaxDrawdown { get; init; }
    /// <summary>Maximum drawdown over the book size; null without a book size.</summary>
    public double? MaxDrawdownRelative { get; init; }
    /// <summary>When the peak of the maximum drawdown was; null when there was no drawdown.</summary>
    public long? MaxDrawdownPeakTime { get; init; }
    /// <summary>When the trough of the maximum drawdown was; null when there was no drawdown.</summary>
    public long? MaxDrawdownTroughTime { get; init; }
    /// <summary>Seconds from the maximum drawdown's peak until equity regained it (or until the end); 0 without a drawdown.</summary>
    public double? MaxDrawdownDuration { get; init; }
    /// <summary>True if equity regained the maximum drawdown's peak before the end.</summary>
    public bool? MaxDrawdownRecovered { get; init; }
    /// <summary>Longest time spent under a previous peak, in seconds.</summary>
    public double? LongestDrawdownDuration { get; init; }
    /// <summary><c>PnL / maximum drawdown</c> (hftbacktest's ReturnOverMDD); null when there was no drawdown.</summary>
    public double? ReturnOverMaxDrawdown { get; init; }
    /// <summary><c>PnL / trading value</c>, the profit per unit traded (hftbacktest's ReturnOverTrade); null without trades.</summary>
    public double? ReturnOverTrade { get; init; }
    /// <summary>Number of fills.</summary>
    public long Trades { get; init; }
    /// <summary>Fills per day, <c>trades / days</c>.</summary>
    public double? DailyTrades { get; init; }
    /// <summary>Sum of filled quantities.</summary>
    public double TradingVolume { get; init; }
    /// <summary>Sum of filled values.</summary>
    public double TradingValue { get; init; }
    /// <summary>Traded value per day, <c>trading value / days</c>.</summary>
    public double? DailyTradingValue { get; init; }
    /// <summary>Turnover, <c>trading value / book size</c>; null without a book size.</summary>
    public double? Turnover { get; init; }
    /// <summary>Daily turnover, <c>turnover / days</c>.</summary>
    public double? DailyTurnover { get; init; }
    /// <summary>Orders submitted (sent to the venue or refused by the risk checks).</summary>
    public long OrdersSubmitted { get; init; }
    /// <summary>Orders completely filled.</summary>
    public long OrdersFilled { get; init; }
    /// <summary>Fill ratio, <c>orders filled / orders submitted</c>; null when nothing was submitted.</summary>
    public double? FillRatio { get; init; }
    /// <summary>Time-weighted mean signed position (over the grid points); null for the portfolio.</summary>
    public double? MeanPosition { get; init; }
    /// <summary>Time-weighted mean absolute position; null for the portfolio.</summary>
    public double? MeanAbsPosition { get; init; }
    /// <summary>Largest absolute position over every recorded sample; null for the portfolio.</summary>
    public double? MaxAbsPosition { get; init; }
    /// <summary>Time-weighted mean value of the open position, <c>|position|</c> valued at the mid.</summary>
    public double? MeanPositionValue { get; init; }
    /// <summary>Largest value of the open position.</summary>
    public double? MaxPositionValue { get; init; }
    /// <summary>Fees paid (negative: rebates received).</summary>
    public double Fees { get; init; }
    /// <summary>Spread capture: the gain of every fill marked at the mid when it was learned (see <see cref="TradingTotals.SpreadCapture"/>).</summary>
    public double SpreadCapture { get; init; }
    /// <summary>
    /// Inventory PnL: what holding the position earned as the mid moved, <c>PnL − spread capture + fees</c>, so
    /// that <c>PnL = spread capture + inventory PnL − fees</c>.
    /// </summary>
    public double? InventoryPnl { get; init; }

    /// <summary>Combines a measured equity series (null when no sample had a defined equity) with the trading totals.</summary>
    public static PerformanceStatistics Compute(SeriesStatistics? series, TradingTotals totals, StatisticsOptions options)
    {
        options.Validate();
        double? book = options.BookSize;
        var s = new PerformanceStatistics
        {
            Trades = totals.Trades,
            TradingVolume = totals.Volume,
            TradingValue = totals.Value,
            OrdersSubmitted = totals.OrdersSubmitted,
            OrdersFilled = totals.OrdersFilled,
            FillRatio = totals.OrdersSubmitted > 0 ? (double)totals.OrdersFilled / totals.OrdersSubmitted : null,
            Fees = totals.Fees,
            SpreadCapture = totals.SpreadCapture,
            Turnover = book is { } b0 ? totals.Value / b0 : null,
        };
        if (series is null) return s;

        double days = (series.EndTime - series.StartTime) / (double)StatisticsOptions.NanosPerDay;
        double? PerDay(double value) => days > 0 ? RiskAdjustedReturn.Finite(value / days) : null;
        double pnl = series.EndEquity - series.StartEquity;
        double mdd = series.Drawdown.MaxDrawdown;
        double factor = options.AnnualisationFactor;
        var returns = series.Returns;
        return s with
        {
            StartTime = series.StartTime,
            EndTime = series.EndTime,
            Days = days,
            Samples = series.Samples,
            GridPoints = series.GridPoints,
            StartEquity = series.StartEquity,
            EndEquity = series.EndEquity,
            Pnl = pnl,
            Return = book is { } b1 ? pnl / b1 : null,
            Sharpe = RiskAdjustedReturn.Sharpe(in returns, factor),
            Sortino = RiskAdjustedReturn.Sortino(in returns, factor),
            MaxDrawdown = mdd,
            MaxDrawdownRelative = book is { } b2 ? mdd / b2 : null,
            MaxDrawdownPeakTime = mdd > 0 ? series.Drawdown.MaxDrawdownPeakTime : null,
            MaxDrawdownTroughTime = mdd > 0 ? series.Drawdown.MaxDrawdownTroughTime : null,
            MaxDrawdownDuration = series.Drawdown.MaxDrawdownDuration / 1e9,
            MaxDrawdownRecovered = series.Drawdown.MaxDrawdownRecovered,
            LongestDrawdownDuration = series.Drawdown.LongestDrawdownDuration / 1e9,
            ReturnOverMaxDrawdown = mdd > 0 ? RiskAdjustedReturn.Finite(pnl / mdd) : null,
            ReturnOverTrade = totals.Value > 0 ? RiskAdjustedReturn.Finite(pnl / totals.Value) : null,
            DailyTrades = PerDay(totals.Trades),
            DailyTradingValue = PerDay(totals.Value),
            DailyTurnover = book is { } b3 ? PerDay(totals.Value / b3) : null,
            MeanPosition = series.MeanPosition,
            MeanAbsPosition = series.MeanAbsPosition,
            MaxAbsPosition = series.MaxAbsPosition,
            MeanPositionValue = series.MeanPositionValue,
            MaxPositionValue = series.MaxPositionValue,
            InventoryPnl = pnl - totals.SpreadCapture + totals.Fees,
        };
    }
}
