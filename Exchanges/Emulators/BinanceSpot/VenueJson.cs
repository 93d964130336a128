using System.Globalization;
using System.Text.Json;

namespace Hft.Exchanges.Emulators.BinanceSpot;

/// <summary>The account and venue documents: <c>GET /api/v3/account</c>, <c>/exchangeInfo</c>, <c>/time</c>, in the fixtures' field order.</summary>
internal static class VenueJson
{
    /// <summary><c>{"serverTime":...}</c>.</summary>
    public static byte[] ServerTime(long nowMs) => JsonBytes.Build(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("serverTime", nowMs);
        w.WriteEndObject();
    });

    /// <summary>The account document; <paramref name="omitZero"/> leaves out assets with nothing free or locked.</summary>
    public static byte[] Account(SpotAccount account, decimal makerFee, decimal takerFee, bool omitZero) => JsonBytes.Build(w =>
    {
        w.WriteStartObject();
        // The integer commissions are the rates in basis points (0.0015 → 15), as in the fixture.
        w.WriteNumber("makerCommission", (long)(makerFee * 10_000m));
        w.WriteNumber("takerCommission", (long)(takerFee * 10_000m));
        w.WriteNumber("buyerCommission", 0);
        w.WriteNumber("sellerCommission", 0);
        w.WriteStartObject("commissionRates");
        w.WriteDecimal("maker", makerFee);
        w.WriteDecimal("taker", takerFee);
        w.WriteDecimal("buyer", 0m);
        w.WriteDecimal("seller", 0m);
        w.WriteEndObject();
        w.WriteBoolean("canTrade", true);
        w.WriteBoolean("canWithdraw", true);
        w.WriteBoolean("canDeposit", true);
        w.WriteBoolean("brokered", false);
        w.WriteBoolean("requireSelfTradePrevention", false);
        w.WriteBoolean("preventSor", false);
        w.WriteNumber("updateTime", account.UpdateTime);
        w.WriteString("accountType", "SPOT");
        w.WriteStartArray("balances");
        foreach (var b in account.Balances)
        {
            if (omitZero && b.Free == 0 && b.Locked == 0) continue;
            w.WriteStartObject();
            w.WriteString("asset", b.Asset);
            w.WriteDecimal("free", b.Free);
            w.WriteDecimal("locked", b.Locked);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("permissions");
        w.WriteStringValue("SPOT");
        w.WriteEndArray();
        w.WriteNumber("uid", 354937868);
        w.WriteEndObject();
    });

    /// <summary>The exchange information with the one symbol and the filters the emulator enforces.</summary>
    public static byte[] ExchangeInfo(SpotSymbol s, SpotRateLimits limits, long nowMs) => JsonBytes.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("timezone", "UTC");
        w.WriteNumber("serverTime", nowMs);
        w.WriteStartArray("rateLimits");
        RateLimit(w, "REQUEST_WEIGHT", "MINUTE", 1, limits.WeightPerMinute);
        RateLimit(w, "ORDERS", "SECOND", 10, limits.OrdersPer10Seconds);
        RateLimit(w, "ORDERS", "DAY", 1, limits.OrdersPerDay);
        RateLimit(w, "RAW_REQUESTS", "MINUTE", 5, 61_000);
        w.WriteEndArray();
        w.WriteStartArray("exchangeFilters");
        w.WriteEndArray();
        w.WriteStartArray("symbols");
        w.WriteStartObject();
        w.WriteString("symbol", s.Name);
        w.WriteString("status", "TRADING");
        w.WriteString("baseAsset", s.BaseAsset);
        w.WriteNumber("baseAssetPrecision", SpotSymbol.Decimals);
        w.WriteString("quoteAsset", s.QuoteAsset);
        w.WriteNumber("quotePrecision", SpotSymbol.Decimals);
        w.WriteNumber("quoteAssetPrecision", SpotSymbol.Decimals);
        w.WriteNumber("baseCommissionPrecision", SpotSymbol.Decimals);
        w.WriteNumber("quoteCommissionPrecision", SpotSymbol.Decimals);
        w.WriteStartArray("orderTypes");
        foreach (string t in new[] { "LIMIT", "LIMIT_MAKER", "MARKET" }) w.WriteStringValue(t);
        w.WriteEndArray();
        w.WriteBoolean("icebergAllowed", false);
        w.WriteBoolean("ocoAllowed", false);
        w.WriteBoolean("otoAllowed", false);
        w.WriteBoolean("opoAllowed", false);
        w.WriteBoolean("quoteOrderQtyMarketAllowed", true);
        w.WriteBoolean("allowTrailingStop", false);
        w.WriteBoolean("cancelReplaceAllowed", true);
        w.WriteBoolean("amendAllowed", true);
        w.WriteBoolean("pegInstructionsAllowed", false);
        w.WriteBoolean("isSpotTradingAllowed", true);
        w.WriteBoolean("isMarginTradingAllowed", false);
        w.WriteStartArray("filters");
        Filter(w, "PRICE_FILTER", ("minPrice", s.TickSize), ("maxPrice", s.MaxPrice), ("tickSize", s.TickSize));
        Filter(w, "LOT_SIZE", ("minQty", s.LotSize), ("maxQty", s.MaxQuantity), ("stepSize", s.LotSize));
        Filter(w, "MARKET_LOT_SIZE", ("minQty", s.LotSize), ("maxQty", s.MaxQuantity), ("stepSize", s.LotSize));
        w.WriteStartObject();
        w.WriteString("filterType", "NOTIONAL");
        w.WriteDecimal("minNotional", s.MinNotional);
        w.WriteBoolean("applyMinToMarket", true);
        w.WriteDecimal("maxNotional", s.MaxNotional);
        w.WriteBoolean("applyMaxToMarket", false);
        w.WriteNumber("avgPriceMins", 0);
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("filterType", "MAX_NUM_ORDERS");
        w.WriteNumber("maxNumOrders", s.MaxOpenOrders);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("permissions");
        w.WriteEndArray();
        w.WriteStartArray("permissionSets");
        w.WriteStartArray();
        w.WriteStringValue("SPOT");
        w.WriteEndArray();
        w.WriteEndArray();
        w.WriteString("defaultSelfTradePreventionMode", "NONE");
        w.WriteStartArray("allowedSelfTradePreventionModes");
        w.WriteStringValue("NONE");
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void RateLimit(Utf8JsonWriter w, string type, string interval, int intervalNum, int limit)
    {
        w.WriteStartObject();
        w.WriteString("rateLimitType", type);
        w.WriteString("interval", interval);
        w.WriteNumber("intervalNum", intervalNum);
        w.WriteNumber("limit", limit);
        w.WriteEndObject();
    }

    private static void Filter(Utf8JsonWriter w, string type, params (string Name, decimal Value)[] fields)
    {
        w.WriteStartObject();
        w.WriteString("filterType", type);
        foreach (var (name, value) in fields) w.WriteDecimal(name, value);
        w.WriteEndObject();
    }

    /// <summary>The WS API's <c>rateLimits</c> array of an order answer (counts now).</summary>
    public static void RateLimitCounts(Utf8JsonWriter w, SpotRateLimits limits, (int TenSeconds, int Day) orders, int weight)
    {
        w.WriteStartArray("rateLimits");
        Count(w, "ORDERS", "SECOND", 10, limits.OrdersPer10Seconds, orders.TenSeconds);
        Count(w, "ORDERS", "DAY", 1, limits.OrdersPerDay, orders.Day);
        Count(w, "REQUEST_WEIGHT", "MINUTE", 1, limits.WeightPerMinute, weight);
        w.WriteEndArray();

        static void Count(Utf8JsonWriter w, string type, string interval, int num, int limit, int count)
        {
            w.WriteStartObject();
            w.WriteString("rateLimitType", type);
            w.WriteString("interval", interval);
            w.WriteNumber("intervalNum", num);
            w.WriteNumber("limit", limit);
            w.WriteNumber("count", count);
            w.WriteEndObject();
        }
    }

    /// <summary>Text of an integer for logs and messages.</summary>
    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
