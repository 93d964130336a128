namespace Hft.Backtest.Models.Fees;

/// <summary>A fixed fee per execution, whatever its size (hftbacktest's <c>FlatPerTradeFeeModel</c>).</summary>
/// <param name="MakerFee">Fee of a maker execution (negative for a rebate).</param>
/// <param name="TakerFee">Fee of a taker execution.</param>
public sealed record FlatPerTradeFeeModel(double MakerFee, double TakerFee) : IFeeModel
{
    /// <inheritdoc />
    public double Fee(bool maker, double value, double quantity) => maker ? MakerFee : TakerFee;
}
