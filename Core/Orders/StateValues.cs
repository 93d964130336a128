using Hft.Core.Markets;

namespace Hft.Core.Orders;

/// <summary>
/// Cumulative trading state of one instrument (hftbacktest's <c>StateValues</c>), updated fill by fill
/// in the order fills arrive.
/// </summary>
public sealed class StateValues
{
    /// <summary>Signed position.</summary>
    public double Position { get; private set; }
    /// <summary>Cash balance from trading (buys subtract value, sells add it).</summary>
    public double Balance { get; private set; }
    /// <summary>Fees paid (negative: rebates received).</summary>
    public double Fee { get; private set; }
    /// <summary>Number of fills.</summary>
    public long NumTrades { get; private set; }
    /// <summary>Sum of executed quantities.</summary>
    public double TradingVolume { get; private set; }
    /// <summary>Sum of executed values.</summary>
    public double TradingValue { get; private set; }

    /// <summary>Applies one execution: <paramref name="value"/> is the traded value (see <see cref="Instrument.Value"/>).</summary>
    public void ApplyFill(Side side, double quantity, double value, double fee)
    {
        double sign = side == Side.Buy ? 1.0 : -1.0;
        Position += quantity * sign;
        Balance -= value * sign;
        Fee += fee;
        NumTrades++;
        TradingVolume += quantity;
        TradingValue += value;
    }

    /// <summary>
    /// Sets the position to the venue's (reconciliation found ours wrong). The balance is left as it was: the
    /// difference came from trades the engine never saw, at prices it does not know.
    /// </summary>
    internal void SetPosition(double position) => Position = position;

    /// <summary>Equity marked at <paramref name="price"/>, net of fees.</summary>
    public double Equity(Instrument instrument, double price) => instrument.Kind == ContractKind.Inverse
        ? -Balance - instrument.ContractSize * Position / price - Fee
        : Balance + instrument.ContractSize * Position * price - Fee;
}
