using Hft.Core.Markets;

namespace Hft.Backtest.Runs;

/// <summary>How one instrument ended.</summary>
public sealed record InstrumentResult(
    Instrument Instrument,
    long OrdersSent,
    long OrdersRejectedByRisk,
    long Fills,
    double Position,
    double Balance,
    double Fees,
    double TradingVolume,
    double TradingValue,
    double LastMid,
    double Equity);
