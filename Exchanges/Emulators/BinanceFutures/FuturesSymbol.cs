using System.Globalization;
using Hft.Core.Markets;

namespace Hft.Exchanges.Emulators.BinanceFutures;

/// <summary>
/// A symbol the emulator lists, with its filters and the fixed number of decimals the venue prints for its
/// prices and quantities (a SIMUSDT price is always <c>"300.10"</c>, never <c>"300.1"</c>).
/// </summary>
public sealed class FuturesSymbol
{
    /// <summary>Derives the symbol from an instrument (tick and lot sizes become the filters' steps).</summary>
    public FuturesSymbol(Instrument instrument, decimal minNotional)
    {
        Instrument = instrument;
        Name = instrument.Symbol.ToUpperInvariant();
        TickSize = ToDecimal(instrument.TickSize);
        StepSize = ToDecimal(instrument.LotSize);
        PriceDecimals = Scale(TickSize);
        QuantityDecimals = Scale(StepSize);
        MinPrice = TickSize;
        MaxPrice = 1_000_000m;
        MinQuantity = StepSize;
        MaxQuantity = 1_000_000m;
        MaxMarketQuantity = 100_000m;
        MinNotional = minNotional;
        QuoteAsset = Name.EndsWith("USDT", StringComparison.Ordinal) ? "USDT" : "USD";
        BaseAsset = Name.Length > QuoteAsset.Length ? Name[..^QuoteAsset.Length] : Name;
    }

    /// <summary>The instrument the matching engine trades.</summary>
    public Instrument Instrument { get; }
    /// <summary>Upper-case symbol, e.g. <c>SIMUSDT</c>.</summary>
    public string Name { get; }
    /// <summary>Lower-case symbol, as stream names use it.</summary>
    public string StreamName => Name.ToLowerInvariant();
    /// <summary>Base asset.</summary>
    public string BaseAsset { get; }
    /// <summary>Quote and margin asset.</summary>
    public string QuoteAsset { get; }
    /// <summary>PRICE_FILTER tickSize.</summary>
    public decimal TickSize { get; }
    /// <summary>LOT_SIZE stepSize.</summary>
    public decimal StepSize { get; }
    /// <summary>Decimals of printed prices.</summary>
    public int PriceDecimals { get; }
    /// <summary>Decimals of printed quantities.</summary>
    public int QuantityDecimals { get; }
    /// <summary>PRICE_FILTER minPrice.</summary>
    public decimal MinPrice { get; }
    /// <summary>PRICE_FILTER maxPrice.</summary>
    public decimal MaxPrice { get; }
    /// <summary>LOT_SIZE minQty.</summary>
    public decimal MinQuantity { get; }
    /// <summary>LOT_SIZE maxQty.</summary>
    public decimal MaxQuantity { get; }
    /// <summary>MARKET_LOT_SIZE maxQty.</summary>
    public decimal MaxMarketQuantity { get; }
    /// <summary>MIN_NOTIONAL notional.</summary>
    public decimal MinNotional { get; }

    /// <summary>The printed price of a tick.</summary>
    public string Price(long tick) => PriceOf(tick).ToString("F" + PriceDecimals, CultureInfo.InvariantCulture);
    /// <summary>The printed quantity of a number of lots.</summary>
    public string Quantity(long lots) => QuantityOf(lots).ToString("F" + QuantityDecimals, CultureInfo.InvariantCulture);
    /// <summary>A price as a decimal.</summary>
    public decimal PriceOf(long tick) => tick * TickSize;
    /// <summary>A quantity as a decimal.</summary>
    public decimal QuantityOf(long lots) => lots * StepSize;
    /// <summary>A quote amount (price × quantity) printed exactly.</summary>
    public string Quote(decimal value) => value.ToString("F" + (PriceDecimals + QuantityDecimals), CultureInfo.InvariantCulture);
    /// <summary>An average price, printed with a few more decimals than a price.</summary>
    public string AveragePrice(decimal value) => Math.Round(value, PriceDecimals + 3).ToString("F" + (PriceDecimals + 3), CultureInfo.InvariantCulture);

    /// <summary>A double from the data (price or quantity) to a decimal with no binary noise.</summary>
    public static decimal ToDecimal(double value) => decimal.Parse(value.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static int Scale(decimal value)
    {
        value /= 1.000000000000000000000000000000000m; // drop trailing zeros
        return (decimal.GetBits(value)[3] >> 16) & 0xFF;
    }
}
