using static System.FormattableString;

namespace Hft.Core.Risk.Limits;

/// <summary>
/// No quantity that is not a positive multiple of the instrument's lot size: the venue would refuse it (or round it),
/// and a backtest would fill what no venue takes. Prices are ticks by construction.
/// </summary>
public sealed record LotSizeRule : IPreTradeLimit
{
    /// <inheritdoc />
    public RiskReason Reason => RiskReason.LotSize;

    /// <inheritdoc />
    public string? Refuse(in PreTradeCheck check)
    {
        double lot = check.Account.Instrument.LotSize, lots = check.Order.Quantity / lot;
        return lots < 0.5 || Math.Abs(lots - Math.Round(lots)) > 1e-6
            ? Invariant($"quantity {check.Order.Quantity} is not a multiple of the lot size {lot}") : null;
    }
}
