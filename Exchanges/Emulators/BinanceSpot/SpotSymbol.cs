using System.Globalization;
using Hft.Core.Markets;

namespace Hft.Exchanges.Emulators.BinanceSpot;

/// <summary>
/// The one listed symbol: its instrument for the matching engine, its assets, and the conversions between the
/// engine's ticks and lots and the decimal strings the venue prints (spot prints 8 decimals, as in the fixtures).
/// </summary>
public sealed class SpotSymbol
{
    /// <summary>Decimals of prices and quantities in payloads.</summary>
    public const int Decimals = 8;

    /// <summary>Lists <paramref name="instrument"/> with its assets and minimum notional.</summary>
    public SpotSymbol(Instrument instrument, string baseAsset, string quoteAsset, decimal minNotional)
    {
        Instrument = instrument;
        Name = instrument.Symbol.ToUpperInvariant();
        StreamName = Name.ToLowerInvariant();
        BaseAsset = baseAsset.ToUpperInvariant();
        QuoteAsset = quoteAsset.ToUpperInvariant();
        TickSize = (decimal)instrument.TickSize;
        LotSize = (decimal)instrument.LotSize;
        MinNotional = minNotional;
    }

    /// <summary>The matching engine's instrument.</summary>
    public Instrument Instrument { get; }
    /// <summary>Upper-case symbol of REST and payloads (SIMUSDT).</summary>
    public string Name { get; }
    /// <summary>Lower-case symbol of stream names (simusdt).</summary>
    public string StreamName { get; }
    /// <summary>Base asset (SIM).</summary>
    public string BaseAsset { get; }
    /// <summary>Quote asset (USDT).</summary>
    public string QuoteAsset { get; }
    /// <summary>PRICE_FILTER.tickSize.</summary>
    public decimal TickSize { get; }
    /// <summary>LOT_SIZE.stepSize (and minQty).</summary>
    public decimal LotSize { get; }
    /// <summary>LOT_SIZE.maxQty.</summary>
    public decimal MaxQuantity => 9_000_000m;
    /// <summary>PRICE_FILTER.maxPrice.</summary>
    public decimal MaxPrice => 1_000_000m;
    /// <summary>NOTIONAL.minNotional.</summary>
    public decimal MinNotional { get; }
    /// <summary>NOTIONAL.maxNotional.</summary>
    public decimal MaxNotional => 9_000_000m;
    /// <summary>MAX_NUM_ORDERS.maxNumOrders.</summary>
    public int MaxOpenOrders => 200;

    /// <summary>The price of a tick.</summary>
    public decimal PriceOf(long tick) => tick * TickSize;
    /// <summary>The quantity of a number of lots.</summary>
    public decimal QuantityOf(long lots) => lots * LotSize;
    /// <summary>The tick of an exact price (callers check the PRICE_FILTER first).</summary>
    public long TickOf(decimal price) => (long)(price / TickSize);
    /// <summary>The lots of an exact quantity (callers check the LOT_SIZE first).</summary>
    public long LotsOf(decimal quantity) => (long)(quantity / LotSize);

    /// <summary>True if the price passes PRICE_FILTER (price % tickSize == 0 on spot, not (price - minPrice)).</summary>
    public bool PassesPriceFilter(decimal price) => price >= TickSize && price <= MaxPrice && price % TickSize == 0;
    /// <summary>True if the quantity passes LOT_SIZE (also MARKET_LOT_SIZE, which has the same values).</summary>
    public bool PassesLotSize(decimal quantity) => quantity >= LotSize && quantity <= MaxQuantity && quantity % LotSize == 0;
    /// <summary>True if the notional passes NOTIONAL.</summary>
    public bool PassesNotional(decimal notional) => notional >= MinNotional && notional <= MaxNotional;

    /// <summary>A value as the venue prints it: 8 decimals.</summary>
    public static string Format(decimal value) => value.ToString("F8", CultureInfo.InvariantCulture);
}
