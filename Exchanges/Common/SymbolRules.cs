using System.Globalization;

namespace Hft.Exchanges.Common;

/// <summary>A venue's trading rules for one symbol (its filters), against which the configured instrument is checked at start.</summary>
/// <param name="Symbol">The venue's symbol.</param>
/// <param name="TickSize">Price increment.</param>
/// <param name="StepSize">Quantity increment.</param>
/// <param name="MinQuantity">Smallest order quantity.</param>
/// <param name="MinNotional">Smallest order value (price × quantity), 0 if none.</param>
/// <param name="Trading">True if the venue says the symbol trades now.</param>
public sealed record SymbolRules(string Symbol, decimal TickSize, decimal StepSize, decimal MinQuantity, decimal MinNotional, bool Trading)
{
    /// <summary>
    /// Problems with trading <see cref="Symbol"/> with the configured tick and lot sizes: each a sentence naming the
    /// config value and the venue's (empty when they agree).
    /// </summary>
    public IReadOnlyList<string> Check(double configTick, double configLot)
    {
        var problems = new List<string>();
        decimal tick = ToDecimal(configTick), lot = ToDecimal(configLot);
        if (!Trading) problems.Add($"{Symbol}: the venue does not trade it now");
        if (TickSize > 0 && (tick < TickSize || tick % TickSize != 0))
            problems.Add($"{Symbol}: tick_size = {Text(tick)} is not a multiple of the venue's tick size {Text(TickSize)}");
        if (StepSize > 0 && (lot < StepSize || lot % StepSize != 0))
            problems.Add($"{Symbol}: lot_size = {Text(lot)} is not a multiple of the venue's step size {Text(StepSize)}");
        return problems;
    }

    private static decimal ToDecimal(double value) => decimal.Parse(value.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Text(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);
}
