using System.Globalization;
using System.Text.Json;
using Hft.Core.Markets;
using Hft.Exchanges.Emulators.Common;

namespace Hft.Exchanges.Emulators.Bybit;

/// <summary>
/// The venue's payloads (exchange-protocols 3.2-3.6 and the fixtures): REST envelopes, public book and trade messages,
/// private topic messages. Numbers are strings where Bybit writes strings (prices, sizes, private times), field order
/// as in the venue's examples.
/// </summary>
public static class BybitJson
{
    private static string Text(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>{"retCode","retMsg","result","retExtInfo","time"}</c>.</summary>
    public static byte[] Envelope(long nowMs, Action<Utf8JsonWriter>? result, int retCode = 0, string retMsg = "OK") => JsonFrames.Build(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("retCode", retCode);
        w.WriteString("retMsg", retMsg);
        w.WriteStartObject("result");
        result?.Invoke(w);
        w.WriteEndObject();
        w.WriteStartObject("retExtInfo");
        w.WriteEndObject();
        w.WriteNumber("time", nowMs);
        w.WriteEndObject();
    });

    /// <summary>An error envelope.</summary>
    public static byte[] Error(long nowMs, int retCode, string retMsg) => Envelope(nowMs, null, retCode, retMsg);

    /// <summary><c>orderbook.{depth}.{symbol}</c> snapshot or delta; linear levels 50 and deeper put <c>type</c> before <c>ts</c>.</summary>
    public static byte[] OrderBook(BybitSymbol s, int depth, bool snapshot, long tsMs, long u, long seq,
        IReadOnlyList<(long Tick, long Lots)> bids, IReadOnlyList<(long Tick, long Lots)> asks) => JsonFrames.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("topic", string.Create(CultureInfo.InvariantCulture, $"orderbook.{depth}.{s.Name}"));
        w.WriteString("type", snapshot ? "snapshot" : "delta");
        w.WriteNumber("ts", tsMs);
        w.WriteStartObject("data");
        w.WriteString("s", s.Name);
        Levels(w, "b", s, bids);
        Levels(w, "a", s, asks);
        w.WriteNumber("u", u);
        w.WriteNumber("seq", seq);
        w.WriteEndObject();
        w.WriteNumber("cts", tsMs);
        w.WriteEndObject();
    });

    /// <summary>
    /// <c>orderbook.1.{symbol}</c>, always a snapshot; linear level 1 puts <c>ts</c> before <c>type</c> (exchange-protocols 3.2.3).
    /// <paramref name="ctsMs"/> is the time of the book state, <paramref name="tsMs"/> that of the message (a repeat has a new one).
    /// </summary>
    public static byte[] LevelOne(BybitSymbol s, long tsMs, long u, long seq, long ctsMs,
        IReadOnlyList<(long Tick, long Lots)> bid, IReadOnlyList<(long Tick, long Lots)> ask) => JsonFrames.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("topic", "orderbook.1." + s.Name);
        w.WriteNumber("ts", tsMs);
        w.WriteString("type", "snapshot");
        w.WriteStartObject("data");
        w.WriteString("s", s.Name);
        Levels(w, "b", s, bid);
        Levels(w, "a", s, ask);
        w.WriteNumber("u", u);
        w.WriteNumber("seq", seq);
        w.WriteEndObject();
        w.WriteNumber("cts", ctsMs);
        w.WriteEndObject();
    });

    private static void Levels(Utf8JsonWriter w, string name, BybitSymbol s, IReadOnlyList<(long Tick, long Lots)> levels)
    {
        w.WriteStartArray(name);
        foreach (var (tick, lots) in levels)
        {
            w.WriteStartArray();
            w.WriteStringValue(s.PriceText(tick));
            w.WriteStringValue(lots == 0 ? "0" : s.QuantityText(lots));
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    /// <summary><c>publicTrade.{symbol}</c>: <c>S</c> is the taker's side.</summary>
    public static byte[] Trades(BybitSymbol s, long tsMs, IReadOnlyList<(long Tick, long Lots, bool BuyerInitiated)> trades, ref long tradeId, long seq)
    {
        long first = tradeId;
        tradeId += trades.Count;
        return JsonFrames.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("topic", "publicTrade." + s.Name);
            w.WriteString("type", "snapshot");
            w.WriteNumber("ts", tsMs);
            w.WriteStartArray("data");
            long id = first;
            foreach (var (tick, lots, buyer) in trades)
            {
                w.WriteStartObject();
                w.WriteNumber("T", tsMs);
                w.WriteString("s", s.Name);
                w.WriteString("S", buyer ? "Buy" : "Sell");
                w.WriteString("v", s.QuantityText(lots));
                w.WriteString("p", s.PriceText(tick));
                w.WriteString("L", buyer ? "PlusTick" : "MinusTick");
                w.WriteString("i", Uuid(++id));
                w.WriteBoolean("BT", false);
                w.WriteNumber("seq", seq);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>A deterministic UUID-shaped id for number <paramref name="n"/>.</summary>
    public static string Uuid(long n) => string.Create(CultureInfo.InvariantCulture, $"{n >> 32:x8}-{(n >> 16) & 0xffff:x4}-4{n & 0xfff:x3}-8000-{n:x12}");

    /// <summary>An order item, as the <c>order</c> topic and <c>/v5/order/realtime</c>, <c>/history</c> write it.</summary>
    public static void Order(Utf8JsonWriter w, BybitSymbol s, BybitOrder o)
    {
        w.WriteStartObject();
        w.WriteString("category", "linear");
        w.WriteString("symbol", s.Name);
        w.WriteString("orderId", o.OrderId);
        w.WriteString("orderLinkId", o.OrderLinkId);
        w.WriteString("side", o.Side == Side.Buy ? "Buy" : "Sell");
        w.WriteString("orderType", o.OrderType);
        w.WriteString("cancelType", o.CancelType);
        w.WriteString("price", o.OrderType == "Market" ? "0" : s.PriceText(o.PriceTick));
        w.WriteString("qty", s.QuantityText(o.Lots));
        w.WriteString("timeInForce", o.TimeInForce);
        w.WriteString("orderStatus", o.Status);
        w.WriteBoolean("reduceOnly", o.ReduceOnly);
        w.WriteString("leavesQty", s.QuantityText(o.LeavesLots));
        w.WriteString("leavesValue", s.PriceText(o.OrderType == "Market" ? 0 : s.PriceOf(o.PriceTick) * s.QuantityOf(o.LeavesLots)));
        w.WriteString("cumExecQty", s.QuantityText(o.FilledLots));
        w.WriteString("cumExecValue", o.CumulativeValue.ToString(CultureInfo.InvariantCulture));
        w.WriteString("avgPrice", o.FilledLots == 0 ? "" : s.PriceText(o.CumulativeValue / s.QuantityOf(o.FilledLots)));
        w.WriteNumber("positionIdx", 0);
        w.WriteString("cumExecFee", o.CumulativeFee.ToString(CultureInfo.InvariantCulture));
        w.WriteString("createdTime", Text(o.CreatedTime));
        w.WriteString("updatedTime", Text(o.UpdatedTime));
        w.WriteString("rejectReason", o.RejectReason);
        w.WriteBoolean("closeOnTrigger", false);
        w.WriteString("createType", "CreateByUser");
        w.WriteString("smpType", "None");
        w.WriteEndObject();
    }

    /// <summary>A private topic message <c>{"id","topic","creationTime","data":[...]}</c>.</summary>
    public static byte[] Topic(string topic, long id, long nowMs, Action<Utf8JsonWriter> items) => JsonFrames.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("id", string.Create(CultureInfo.InvariantCulture, $"{id}_{topic}_{nowMs}"));
        w.WriteString("topic", topic);
        w.WriteNumber("creationTime", nowMs);
        w.WriteStartArray("data");
        items(w);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>One <c>execution</c> item: a fill of <paramref name="o"/>.</summary>
    public static void Execution(Utf8JsonWriter w, BybitSymbol s, BybitOrder o, long lots, long tick, decimal fee, decimal feeRate, bool maker, long execId, long nowMs)
    {
        w.WriteStartObject();
        w.WriteString("category", "linear");
        w.WriteString("symbol", s.Name);
        w.WriteString("execFee", fee.ToString(CultureInfo.InvariantCulture));
        w.WriteString("execId", Uuid(execId));
        w.WriteString("execPrice", s.PriceText(tick));
        w.WriteString("execQty", s.QuantityText(lots));
        w.WriteString("execType", "Trade");
        w.WriteString("execValue", (s.PriceOf(tick) * s.QuantityOf(lots)).ToString(CultureInfo.InvariantCulture));
        w.WriteString("feeRate", feeRate.ToString(CultureInfo.InvariantCulture));
        w.WriteString("leavesQty", s.QuantityText(o.LeavesLots));
        w.WriteString("orderId", o.OrderId);
        w.WriteString("orderLinkId", o.OrderLinkId);
        w.WriteString("orderPrice", o.OrderType == "Market" ? "0" : s.PriceText(o.PriceTick));
        w.WriteString("orderQty", s.QuantityText(o.Lots));
        w.WriteString("orderType", o.OrderType);
        w.WriteString("stopOrderType", "UNKNOWN");
        w.WriteString("side", o.Side == Side.Buy ? "Buy" : "Sell");
        w.WriteString("execTime", Text(nowMs));
        w.WriteString("isLeverage", "0");
        w.WriteBoolean("isMaker", maker);
        w.WriteNumber("seq", execId);
        w.WriteString("createType", "CreateByUser");
        w.WriteString("feeCurrency", "USDT");
        w.WriteEndObject();
    }

    /// <summary>One position item (one-way mode): <c>side</c> Buy long, Sell short, <c>""</c> flat; <c>size</c> positive.</summary>
    public static void Position(Utf8JsonWriter w, BybitSymbol s, decimal signedSize, decimal entryPrice, decimal markPrice, decimal realized, long nowMs)
    {
        w.WriteStartObject();
        w.WriteNumber("positionIdx", 0);
        w.WriteNumber("tradeMode", 0);
        w.WriteString("symbol", s.Name);
        w.WriteString("side", signedSize > 0 ? "Buy" : signedSize < 0 ? "Sell" : "");
        w.WriteString("size", s.QuantityText(Math.Abs(signedSize)));
        w.WriteString("entryPrice", entryPrice.ToString(CultureInfo.InvariantCulture));
        w.WriteString("avgPrice", entryPrice.ToString(CultureInfo.InvariantCulture));
        w.WriteString("leverage", "10");
        w.WriteString("markPrice", markPrice.ToString(CultureInfo.InvariantCulture));
        w.WriteString("positionValue", (Math.Abs(signedSize) * entryPrice).ToString(CultureInfo.InvariantCulture));
        w.WriteString("unrealisedPnl", ((markPrice - entryPrice) * signedSize).ToString(CultureInfo.InvariantCulture));
        w.WriteString("cumRealisedPnl", realized.ToString(CultureInfo.InvariantCulture));
        w.WriteString("createdTime", Text(nowMs));
        w.WriteString("updatedTime", Text(nowMs));
        w.WriteString("category", "linear");
        w.WriteString("positionStatus", "Normal");
        w.WriteBoolean("isReduceOnly", false);
        w.WriteEndObject();
    }

    /// <summary>The instruments-info <c>result</c> for the one symbol.</summary>
    public static void Instruments(Utf8JsonWriter w, BybitSymbol s)
    {
        w.WriteString("category", "linear");
        w.WriteStartArray("list");
        w.WriteStartObject();
        w.WriteString("symbol", s.Name);
        w.WriteString("contractType", "LinearPerpetual");
        w.WriteString("status", "Trading");
        w.WriteString("baseCoin", s.Name.EndsWith("USDT", StringComparison.Ordinal) ? s.Name[..^4] : s.Name);
        w.WriteString("quoteCoin", "USDT");
        w.WriteString("priceScale", ((decimal.GetBits(s.TickSize)[3] >> 16) & 0xFF).ToString(CultureInfo.InvariantCulture));
        w.WriteStartObject("priceFilter");
        w.WriteString("minPrice", s.PriceText(1));
        w.WriteString("maxPrice", s.PriceText(s.TickSize * 100_000_000));
        w.WriteString("tickSize", s.PriceText(s.TickSize));
        w.WriteEndObject();
        w.WriteStartObject("lotSizeFilter");
        w.WriteString("maxOrderQty", s.QuantityText(s.MaxQuantity));
        w.WriteString("minOrderQty", s.QuantityText(s.QtyStep));
        w.WriteString("qtyStep", s.QuantityText(s.QtyStep));
        w.WriteString("maxMktOrderQty", s.QuantityText(s.MaxQuantity));
        w.WriteString("minNotionalValue", s.MinNotional.ToString(CultureInfo.InvariantCulture));
        w.WriteEndObject();
        w.WriteString("settleCoin", "USDT");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("nextPageCursor", "");
    }
}
