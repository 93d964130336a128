namespace Hft.Backtest.Models.Fees;

/// <summary>The fee of one execution (negative for a rebate).</summary>
public interface IFeeModel
{
    /// <summary>Fee for an execution of <paramref name="quantity"/> worth <paramref name="value"/>.</summary>
    double Fee(bool maker, double value, double quantity);
}
