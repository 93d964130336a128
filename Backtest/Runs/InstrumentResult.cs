using Hft.Core.Books;
using Hft.Core.Markets;
using Hft.Core.Portfolio;
using Hft.Core.Risk;

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
    double Equity)
{
    /// <summary>Orders refused by the risk checks, by reason code (<c>max_position</c>, ...), only the reasons that refused any.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> RiskRejections { get; init; } = [];

    /// <summary>How each instrument of <paramref name="accounts"/> stands now, valued at the mid of its book (in instrument order).</summary>
    public static IReadOnlyList<InstrumentResult> Of(TradingAccounts accounts, IReadOnlyList<MarketDepth> books)
    {
        var results = new List<InstrumentResult>();
        for (int i = 0; i < accounts.Count; i++)
        {
            var account = accounts[i];
            var state = account.State;
            double mid = books[i].MidPrice;
            double equity = double.IsNaN(mid) ? double.NaN : state.Equity(account.Instrument, mid);
            results.Add(new InstrumentResult(account.Instrument, account.OrdersSent, account.OrdersRejectedByRisk, state.NumTrades,
                state.Position, state.Balance, state.Fee, state.TradingVolume, state.TradingValue, mid, equity)
            {
                RiskRejections = RiskReasons.All.Where(reason => account.RiskRejections[(int)reason] > 0)
                    .Select(reason => new KeyValuePair<string, long>(reason.Code(), account.RiskRejections[(int)reason])).ToArray(),
            });
        }
        return results;
    }
}
