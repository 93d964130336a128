namespace Hft.Engine.Shadow;

/// <summary>Compares the two outcomes of one order.</summary>
internal static class ShadowVerdict
{
    /// <summary>
    /// The first way the venue's outcome differs from the model's: the filled quantity (by half a lot or more), then the
    /// average fill price (by half a tick or more), then the first fill's exchange time (by more than <paramref name="toleranceNs"/>).
    /// </summary>
    public static DivergenceKind Of(ShadowOrder order, double lotSize, long toleranceNs)
    {
        var venue = order.Venue;
        var model = order.Model;
        if (Math.Abs(venue.Filled - model.Filled) >= lotSize * 0.5) return DivergenceKind.Quantity;
        if (venue.Filled <= 0) return DivergenceKind.None;
        if (Math.Abs(venue.AverageFillTick - model.AverageFillTick) >= 0.5) return DivergenceKind.Price;
        if (Math.Abs(venue.FirstFillAt - model.FirstFillAt) > toleranceNs) return DivergenceKind.Time;
        return DivergenceKind.None;
    }
}
