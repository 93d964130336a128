using static System.FormattableString;

namespace Hft.Core.Risk.Limits;

/// <summary>
/// No order that would take the value of all positions together past <see cref="Limit"/> if it filled
/// (<c>max_gross_notional</c>): each position valued at its book's mid (its last fill price without a book), the
/// order's instrument at the order's price. An order that reduces its position always may.
/// </summary>
/// <param name="Limit">Largest sum of the positions' absolute values.</param>
/// <param name="Mids">Each instrument's mid now (NaN if unknown).</param>
public sealed record MaxGrossNotional(double Limit, Func<int, double> Mids) : IPreTradeLimit
{
    /// <inheritdoc />
    public RiskReason Reason => RiskReason.GrossNotional;

    /// <inheritdoc />
    public string? Refuse(in PreTradeCheck check)
    {
        double price = check.ValuePrice, after = check.PositionAfter;
        if (double.IsNaN(price) || Math.Abs(after) <= Math.Abs(check.Account.State.Position)) return null;
        double gross = check.Value(price, after);
        for (int i = 0; i < check.Accounts.Count; i++)
        {
            var account = check.Accounts[i];
            if (account == check.Account || account.State.Position == 0) continue;
            double mid = Mids(i);
            if (!double.IsNaN(mid)) gross += Math.Abs(account.Instrument.Value(mid, account.State.Position));
        }
        return gross > Limit ? Invariant($"positions would be worth {gross:0.########} together, beyond the limit {Limit}") : null;
    }
}
