namespace Hft.Backtest.Data.Validation;

/// <summary>Why a market-by-order row cannot be applied to the book.</summary>
public enum MarketByOrderProblem
{
    /// <summary>The row is fine.</summary>
    None,
    /// <summary>An add whose order id is already resting (the reference's <c>OrderIdExist</c>).</summary>
    DuplicateAdd,
    /// <summary>A cancel of an order id that is not resting.</summary>
    UnknownCancel,
    /// <summary>A modify of an order id that is not resting.</summary>
    UnknownModify,
    /// <summary>A fill of an order id that is not resting.</summary>
    UnknownFill,
}
