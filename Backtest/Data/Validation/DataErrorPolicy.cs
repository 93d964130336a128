namespace Hft.Backtest.Data.Validation;

/// <summary>What a replay does with a row the reference would refuse (<c>--on-data-error</c>, <c>backtest.on_data_error</c>).</summary>
public enum DataErrorPolicy
{
    /// <summary>Stop at the first such row with one line naming it (the reference's behaviour; the default).</summary>
    Stop,
    /// <summary>Leave the row out, count it, and go on.</summary>
    Skip,
}
