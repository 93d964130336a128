using static System.FormattableString;

namespace Hft.Core.Risk.Limits;

/// <summary>
/// No order that would take the absolute position past <see cref="Limit"/> if it filled (<c>max_position</c>); an order
/// that reduces the position always may.
/// </summary>
/// <param name="Limit">Largest absolute position.</param>
public sealed record MaxPosition(double Limit) : IPreTradeLimit
{
    /// <inheritdoc />
    public RiskReason Reason => RiskReason.Position;

    /// <inheritdoc />
    public string? Refuse(in PreTradeCheck check)
    {
        double after = check.PositionAfter;
        return Math.Abs(after) > Limit && Math.Abs(after) > Math.Abs(check.Account.State.Position)
            ? Invariant($"position would reach {after}, beyond the limit {Limit}") : null;
    }
}
