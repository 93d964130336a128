namespace Hft.Engine.Shadow;

/// <summary>How an order's outcome on the venue differed from the model's prediction (the first difference found).</summary>
internal enum DivergenceKind
{
    /// <summary>Same filled quantity, price and first-fill time (within the tolerance).</summary>
    None,

    /// <summary>A different filled quantity (one side filled, or filled more, the other not).</summary>
    Quantity,

    /// <summary>Both filled the same quantity at different average prices.</summary>
    Price,

    /// <summary>Both filled the same at the same price, but the first fills were further apart than the tolerance.</summary>
    Time,
}
