using System.Globalization;
using Hft.Core.Markets;

namespace Hft.Exchanges.Emulators.Bybit;

/// <summary>The emulated instrument: its rules and how its prices and quantities are written (strings with the step's decimals).</summary>
public sealed class BybitSymbol
{
    private readonly string _priceFormat, _quantityFormat;

    /// <summary>The symbol of <paramref name="instrument"/>, with its minimum order value.</summary>
    public BybitSymbol(Instrument instrument, decimal minNotional)
    {
        Instrument = instrument;
        Name = instrument.Symbol;
        TickSize = ToDecimal(instrument.TickSize);
        QtyStep = ToDecimal(instrument.LotSize);
        MinNotional = minNotional;
        _priceFormat = Format(TickSize);
        _quantityFormat = Format(QtyStep);
    }

    /// <summary>The instrument.</summary>
    public Instrument Instrument { get; }
    /// <summary><c>symbol</c>.</summary>
    public string Name { get; }
    /// <summary><c>priceFilter.tickSize</c>.</summary>
    public decimal TickSize { get; }
    /// <summary><c>lotSizeFilter.qtyStep</c> (and <c>minOrderQty</c>).</summary>
    public decimal QtyStep { get; }
    /// <summary><c>lotSizeFilter.minNotionalValue</c>.</summary>
    public decimal MinNotional { get; }
    /// <summary><c>lotSizeFilter.maxOrderQty</c>.</summary>
    public decimal MaxQuantity => QtyStep * 1_000_000;

    /// <summary>The price of <paramref name="tick"/>.</summary>
    public decimal PriceOf(long tick) => tick * TickSize;
    /// <summary>The quantity of <paramref name="lots"/>.</summary>
    public decimal QuantityOf(long lots) => lots * QtyStep;
    /// <summary>A price as the venue writes it.</summary>
    public string PriceText(long tick) => PriceOf(tick).ToString(_priceFormat, CultureInfo.InvariantCulture);
    /// <summary>A price value as the venue writes it.</summary>
    public string PriceText(decimal price) => price.ToString(_priceFormat, CultureInfo.InvariantCulture);
    /// <summary>A quantity as the venue writes it.</summary>
    public string QuantityText(long lots) => QuantityOf(lots).ToString(_quantityFormat, CultureInfo.InvariantCulture);
    /// <summary>A quantity value as the venue writes it.</summary>
    public string QuantityText(decimal quantity) => quantity.ToString(_quantityFormat, CultureInfo.InvariantCulture);

    private static decimal ToDecimal(double v) => decimal.Parse(v.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Format(decimal step)
    {
        int decimals = (decimal.GetBits(step)[3] >> 16) & 0xFF;
        return decimals == 0 ? "0" : "0." + new string('0', decimals);
    }
}
