namespace Hft.Backtest.Models.Fees;

/// <summary>Fee as a fraction of traded value: <c>(maker ? maker_fee : taker_fee) × value</c>.</summary>
/// <param name="MakerFee">Maker fee rate (negative for a rebate), e.g. -0.00005.</param>
/// <param name="TakerFee">Taker fee rate, e.g. 0.0007.</param>
public sealed record TradingValueFeeModel(double MakerFee, double TakerFee) : IFeeModel
{
    /// <inheritdoc />
    public double Fee(bool maker, double value, double quantity) => (maker ? MakerFee : TakerFee) * value;
}
