namespace Hft.Backtest.Models.Fees;

/// <summary>
/// Fee per unit of traded quantity: <c>(maker ? maker_fee : taker_fee) × quantity</c> (hftbacktest's
/// <c>TradingQtyFeeModel</c> with common fees), for venues that charge per contract or per share whatever the price.
/// </summary>
/// <param name="MakerFee">Maker fee per unit of quantity (negative for a rebate).</param>
/// <param name="TakerFee">Taker fee per unit of quantity.</param>
public sealed record TradingQuantityFeeModel(double MakerFee, double TakerFee) : IFeeModel
{
    /// <inheritdoc />
    public double Fee(bool maker, double value, double quantity) => (maker ? MakerFee : TakerFee) * quantity;
}
