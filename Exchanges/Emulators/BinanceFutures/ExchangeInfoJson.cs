using System.Globalization;
using Hft.Exchanges.Emulators.Common;

namespace Hft.Exchanges.Emulators.BinanceFutures;

/// <summary><c>GET /fapi/v1/exchangeInfo</c> for the listed symbol, in the order of the venue's example.</summary>
public static class ExchangeInfoJson
{
    /// <summary>The body.</summary>
    public static byte[] Build(FuturesSymbol s, RateLimits limits, long serverTime) => JsonFrames.Build(w =>
    {
        var c = CultureInfo.InvariantCulture;
        string D(decimal v) => v.ToString(c);
        w.WriteStartObject();
        w.WriteStartArray("exchangeFilters");
        w.WriteEndArray();
        w.WriteStartArray("rateLimits");
        foreach (var (interval, num, limit, type) in new[]
        {
            ("MINUTE", 1, limits.WeightPerMinute, "REQUEST_WEIGHT"),
            ("MINUTE", 1, limits.OrdersPerMinute, "ORDERS"),
            ("SECOND", 10, limits.OrdersPer10Seconds, "ORDERS"),
        })
        {
            w.WriteStartObject();
            w.WriteString("interval", interval);
            w.WriteNumber("intervalNum", num);
            w.WriteNumber("limit", limit);
            w.WriteString("rateLimitType", type);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("serverTime", serverTime);
        w.WriteStartArray("assets");
        w.WriteStartObject();
        w.WriteString("asset", s.QuoteAsset);
        w.WriteBoolean("marginAvailable", true);
        w.WriteString("autoAssetExchange", "0");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("symbols");
        w.WriteStartObject();
        w.WriteString("symbol", s.Name);
        w.WriteString("pair", s.Name);
        w.WriteString("contractType", "PERPETUAL");
        w.WriteNumber("deliveryDate", 4133404800000);
        w.WriteNumber("onboardDate", 1569398400000);
        w.WriteString("status", "TRADING");
        w.WriteString("maintMarginPercent", "2.5000");
        w.WriteString("requiredMarginPercent", "5.0000");
        w.WriteString("baseAsset", s.BaseAsset);
        w.WriteString("quoteAsset", s.QuoteAsset);
        w.WriteString("marginAsset", s.QuoteAsset);
        w.WriteNumber("pricePrecision", s.PriceDecimals);
        w.WriteNumber("quantityPrecision", s.QuantityDecimals);
        w.WriteNumber("baseAssetPrecision", 8);
        w.WriteNumber("quotePrecision", 8);
        w.WriteString("underlyingType", "COIN");
        w.WriteStartArray("underlyingSubType");
        w.WriteEndArray();
        w.WriteNumber("settlePlan", 0);
        w.WriteString("triggerProtect", "0.0500");
        w.WriteStartArray("filters");
        Filter(w, "PRICE_FILTER", ("maxPrice", D(s.MaxPrice)), ("minPrice", D(s.MinPrice)), ("tickSize", D(s.TickSize)));
        Filter(w, "LOT_SIZE", ("maxQty", D(s.MaxQuantity)), ("minQty", D(s.MinQuantity)), ("stepSize", D(s.StepSize)));
        Filter(w, "MARKET_LOT_SIZE", ("maxQty", D(s.MaxMarketQuantity)), ("minQty", D(s.MinQuantity)), ("stepSize", D(s.StepSize)));
        w.WriteStartObject();
        w.WriteString("filterType", "MAX_NUM_ORDERS");
        w.WriteNumber("limit", 200);
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("filterType", "MAX_NUM_ALGO_ORDERS");
        w.WriteNumber("limit", 10);
        w.WriteEndObject();
        Filter(w, "MIN_NOTIONAL", ("notional", D(s.MinNotional)));
        Filter(w, "PERCENT_PRICE", ("multiplierUp", "1.0500"), ("multiplierDown", "0.9500"), ("multiplierDecimal", "4"));
        w.WriteEndArray();
        w.WriteStartArray("orderTypes");
        w.WriteStringValue("LIMIT");
        w.WriteStringValue("MARKET");
        w.WriteEndArray();
        w.WriteStartArray("timeInForce");
        foreach (string tif in new[] { "GTC", "IOC", "FOK", "GTX", "GTD" }) w.WriteStringValue(tif);
        w.WriteEndArray();
        w.WriteString("liquidationFee", "0.012500");
        w.WriteString("marketTakeBound", "0.05");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("timezone", "UTC");
        w.WriteEndObject();
    });

    private static void Filter(System.Text.Json.Utf8JsonWriter w, string type, params (string Name, string Value)[] fields)
    {
        w.WriteStartObject();
        w.WriteString("filterType", type);
        foreach (var (name, value) in fields) w.WriteString(name, value);
        w.WriteEndObject();
    }
}
