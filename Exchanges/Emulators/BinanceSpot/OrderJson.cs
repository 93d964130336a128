using System.Text.Json;
using Hft.Core.Markets;

namespace Hft.Exchanges.Emulators.BinanceSpot;

/// <summary>
/// The order payloads, each in its fixture's field order: the user-data events (<c>executionReport</c>,
/// <c>outboundAccountPosition</c>, <c>eventStreamTerminated</c>) and the REST order responses (ACK, RESULT,
/// FULL, cancel, query, open orders, keep-priority amend). Note the venue's spellings: <c>cummulativeQuoteQty</c>
/// in order responses, <c>cumulativeQuoteQty</c> in the amend response.
/// </summary>
internal static class OrderJson
{
    /// <summary>
    /// <c>executionReport</c> with the fixture's fields in its order, less <c>v</c> (prevented match id: only for
    /// orders expired by self-trade prevention, which the emulator never does). For a cancel <c>c</c> is the cancel
    /// request's own id and <c>C</c> the cancelled order's; <c>N</c> is null when no commission was charged.
    /// </summary>
    public static byte[] ExecutionReport(SpotSymbol s, SpotOrder o, string execution, SpotFill? fill, long nowMs, long executionId,
        string? requestClientId = null, string? originalClientId = null, string rejectReason = "NONE") => JsonBytes.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("e", "executionReport");
        w.WriteNumber("E", nowMs);
        w.WriteString("s", s.Name);
        w.WriteString("c", requestClientId ?? o.ClientOrderId);
        w.WriteString("S", SideName(o.Side));
        w.WriteString("o", o.Type);
        w.WriteString("f", o.TimeInForce);
        w.WriteDecimal("q", s.QuantityOf(o.QuantityLots));
        w.WriteDecimal("p", s.PriceOf(o.PriceTick));
        w.WriteDecimal("P", 0m);
        w.WriteDecimal("F", 0m);
        w.WriteNumber("g", -1);
        w.WriteString("C", originalClientId ?? "");
        w.WriteString("x", execution);
        w.WriteString("X", o.Status);
        w.WriteString("r", rejectReason);
        w.WriteNumber("i", o.OrderId);
        w.WriteDecimal("l", fill?.Quantity ?? 0m);
        w.WriteDecimal("z", s.QuantityOf(o.ExecutedLots));
        w.WriteDecimal("L", fill?.Price ?? 0m);
        if (fill is { CommissionAsset: not null } charged) w.WriteDecimal("n", charged.Commission);
        else w.WriteString("n", "0");
        if (fill?.CommissionAsset is { } asset) w.WriteString("N", asset);
        else w.WriteNull("N");
        w.WriteNumber("T", nowMs);
        w.WriteNumber("t", fill?.TradeId ?? -1);
        w.WriteNumber("I", executionId);
        w.WriteBoolean("w", o.IsOpen && o.Type != "MARKET");
        w.WriteBoolean("m", fill?.Maker ?? false);
        w.WriteBoolean("M", false);
        w.WriteNumber("O", o.Time);
        w.WriteDecimal("Z", o.CumulativeQuote);
        w.WriteDecimal("Y", fill is null ? 0m : fill.Price * fill.Quantity);
        w.WriteDecimal("Q", o.QuoteOrderQuantity);
        w.WriteNumber("W", o.Time);
        w.WriteString("V", "NONE");
        w.WriteEndObject();
    });

    /// <summary><c>outboundAccountPosition</c>: <c>e, E, u, B[{a, f, l}]</c> for the assets that may have changed.</summary>
    public static byte[] AccountPosition(long nowMs, long updateMs, IEnumerable<AssetBalance> balances) => JsonBytes.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("e", "outboundAccountPosition");
        w.WriteNumber("E", nowMs);
        w.WriteNumber("u", updateMs);
        w.WriteStartArray("B");
        foreach (var b in balances)
        {
            w.WriteStartObject();
            w.WriteString("a", b.Asset);
            w.WriteDecimal("f", b.Free);
            w.WriteDecimal("l", b.Locked);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary><c>{"e":"eventStreamTerminated","E":...}</c>.</summary>
    public static byte[] EventStreamTerminated(long nowMs) => JsonBytes.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("e", "eventStreamTerminated");
        w.WriteNumber("E", nowMs);
        w.WriteEndObject();
    });

    /// <summary>The new-order answer of <paramref name="responseType"/> (ACK, RESULT or FULL).</summary>
    public static void NewOrder(Utf8JsonWriter w, SpotSymbol s, SpotOrder o, string responseType, long transactMs, IReadOnlyList<SpotFill> fills)
    {
        w.WriteStartObject();
        w.WriteString("symbol", s.Name);
        w.WriteNumber("orderId", o.OrderId);
        w.WriteNumber("orderListId", -1);
        w.WriteString("clientOrderId", o.ClientOrderId);
        w.WriteNumber("transactTime", transactMs);
        if (responseType != "ACK")
        {
            w.WriteDecimal("price", s.PriceOf(o.PriceTick));
            w.WriteDecimal("origQty", s.QuantityOf(o.QuantityLots));
            w.WriteDecimal("executedQty", s.QuantityOf(o.ExecutedLots));
            w.WriteDecimal("origQuoteOrderQty", o.QuoteOrderQuantity);
            w.WriteDecimal("cummulativeQuoteQty", o.CumulativeQuote);
            w.WriteString("status", o.Status);
            w.WriteString("timeInForce", o.TimeInForce);
            w.WriteString("type", o.Type);
            w.WriteString("side", SideName(o.Side));
            w.WriteNumber("workingTime", o.Time);
            w.WriteString("selfTradePreventionMode", "NONE");
            if (responseType == "FULL")
            {
                w.WriteStartArray("fills");
                foreach (var f in fills)
                {
                    w.WriteStartObject();
                    w.WriteDecimal("price", f.Price);
                    w.WriteDecimal("qty", f.Quantity);
                    w.WriteDecimal("commission", f.Commission);
                    w.WriteString("commissionAsset", f.CommissionAsset ?? (o.Side == Side.Buy ? s.BaseAsset : s.QuoteAsset));
                    w.WriteNumber("tradeId", f.TradeId);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
        }
        w.WriteEndObject();
    }

    /// <summary>The cancel answer (also each element of a cancel-all): <c>clientOrderId</c> is the cancel's own id.</summary>
    public static void Canceled(Utf8JsonWriter w, SpotSymbol s, SpotOrder o, string cancelClientId, long transactMs)
    {
        w.WriteStartObject();
        w.WriteString("symbol", s.Name);
        w.WriteString("origClientOrderId", o.ClientOrderId);
        w.WriteNumber("orderId", o.OrderId);
        w.WriteNumber("orderListId", -1);
        w.WriteString("clientOrderId", cancelClientId);
        w.WriteNumber("transactTime", transactMs);
        w.WriteDecimal("price", s.PriceOf(o.PriceTick));
        w.WriteDecimal("origQty", s.QuantityOf(o.QuantityLots));
        w.WriteDecimal("executedQty", s.QuantityOf(o.ExecutedLots));
        w.WriteDecimal("origQuoteOrderQty", o.QuoteOrderQuantity);
        w.WriteDecimal("cummulativeQuoteQty", o.CumulativeQuote);
        w.WriteString("status", o.Status);
        w.WriteString("timeInForce", o.TimeInForce);
        w.WriteString("type", o.Type);
        w.WriteString("side", SideName(o.Side));
        w.WriteString("selfTradePreventionMode", "NONE");
        w.WriteEndObject();
    }

    /// <summary>
    /// An order record of <c>GET /api/v3/order</c> (<paramref name="openOrdersOrder"/> false) or of
    /// <c>GET /api/v3/openOrders</c> (true: the venue lists <c>origQuoteOrderQty</c> before <c>workingTime</c> there).
    /// </summary>
    public static void Query(Utf8JsonWriter w, SpotSymbol s, SpotOrder o, bool openOrdersOrder)
    {
        w.WriteStartObject();
        w.WriteString("symbol", s.Name);
        w.WriteNumber("orderId", o.OrderId);
        w.WriteNumber("orderListId", -1);
        w.WriteString("clientOrderId", o.ClientOrderId);
        w.WriteDecimal("price", s.PriceOf(o.PriceTick));
        w.WriteDecimal("origQty", s.QuantityOf(o.QuantityLots));
        w.WriteDecimal("executedQty", s.QuantityOf(o.ExecutedLots));
        w.WriteDecimal("cummulativeQuoteQty", o.CumulativeQuote);
        w.WriteString("status", o.Status);
        w.WriteString("timeInForce", o.TimeInForce);
        w.WriteString("type", o.Type);
        w.WriteString("side", SideName(o.Side));
        w.WriteDecimal("stopPrice", 0m);
        w.WriteDecimal("icebergQty", 0m);
        w.WriteNumber("time", o.Time);
        w.WriteNumber("updateTime", o.UpdateTime);
        w.WriteBoolean("isWorking", true);
        if (openOrdersOrder)
        {
            w.WriteDecimal("origQuoteOrderQty", o.QuoteOrderQuantity);
            w.WriteNumber("workingTime", o.Time);
        }
        else
        {
            w.WriteNumber("workingTime", o.Time);
            w.WriteDecimal("origQuoteOrderQty", o.QuoteOrderQuantity);
        }
        w.WriteString("selfTradePreventionMode", "NONE");
        w.WriteEndObject();
    }

    /// <summary>The keep-priority amend answer: <c>transactTime, executionId, amendedOrder{...}</c>.</summary>
    public static byte[] Amended(SpotSymbol s, SpotOrder o, string originalClientId, long transactMs, long executionId) => JsonBytes.Build(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("transactTime", transactMs);
        w.WriteNumber("executionId", executionId);
        w.WriteStartObject("amendedOrder");
        w.WriteString("symbol", s.Name);
        w.WriteNumber("orderId", o.OrderId);
        w.WriteNumber("orderListId", -1);
        w.WriteString("origClientOrderId", originalClientId);
        w.WriteString("clientOrderId", o.ClientOrderId);
        w.WriteDecimal("price", s.PriceOf(o.PriceTick));
        w.WriteDecimal("qty", s.QuantityOf(o.QuantityLots));
        w.WriteDecimal("executedQty", s.QuantityOf(o.ExecutedLots));
        w.WriteDecimal("preventedQty", 0m);
        w.WriteDecimal("quoteOrderQty", o.QuoteOrderQuantity);
        w.WriteDecimal("cumulativeQuoteQty", o.CumulativeQuote);
        w.WriteString("status", o.Status);
        w.WriteString("timeInForce", o.TimeInForce);
        w.WriteString("type", o.Type);
        w.WriteString("side", SideName(o.Side));
        w.WriteNumber("workingTime", o.Time);
        w.WriteString("selfTradePreventionMode", "NONE");
        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary><c>BUY</c> or <c>SELL</c>.</summary>
    public static string SideName(Side side) => side == Side.Buy ? "BUY" : "SELL";
}
