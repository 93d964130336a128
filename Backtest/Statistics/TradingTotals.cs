namespace Hft.Backtest.Statistics;

/// <summary>Cumulative trading figures of an instrument (or the sum over a portfolio) at the end of a run.</summary>
/// <param name="Trades">Fills.</param>
/// <param name="Volume">Sum of filled quantities.</param>
/// <param name="Value">Sum of filled values (<c>contract size × price × quantity</c> for a linear instrument).</param>
/// <param name="Fees">Fees paid (negative: rebates received).</param>
/// <param name="SpreadCapture">
/// Sum over fills of the fill's immediate gain marked at the mid price when the fill was learned:
/// <c>contract size × quantity × (mid − price)</c> for a buy and <c>× (price − mid)</c> for a sell (linear); for an
/// inverse instrument the same in the base currency, <c>contract size × quantity × (1/price − 1/mid)</c> for a buy.
/// </param>
/// <param name="OrdersSubmitted">Orders the strategies submitted (sent to the venue or refused by the risk checks).</param>
/// <param name="OrdersFilled">Orders that were completely filled.</param>
public readonly record struct TradingTotals(
    long Trades,
    double Volume,
    double Value,
    double Fees,
    double SpreadCapture,
    long OrdersSubmitted,
    long OrdersFilled)
{
    /// <summary>The sum of two totals (a portfolio).</summary>
    public static TradingTotals operator +(TradingTotals a, TradingTotals b) => new(a.Trades + b.Trades, a.Volume + b.Volume,
        a.Value + b.Value, a.Fees + b.Fees, a.SpreadCapture + b.SpreadCapture, a.OrdersSubmitted + b.OrdersSubmitted, a.OrdersFilled + b.OrdersFilled);
}
