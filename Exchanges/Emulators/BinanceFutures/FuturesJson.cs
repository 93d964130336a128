using System.Globalization;
using System.Text.Json;
using Hft.Exchanges.Emulators.Common;

namespace Hft.Exchanges.Emulators.BinanceFutures;

/// <summary>
/// The venue's payloads written field by field in the order of the published examples
/// (<c>shared/fixtures/exchanges/binance-futures</c>), prices and quantities as strings with the symbol's decimals.
/// </summary>
public static class FuturesJson
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // ---------------------------------------------------------------- market data

    /// <summary>A <c>depthUpdate</c> (diff or partial depth: same fields).</summary>
    public static byte[] DepthUpdate(FuturesSymbol s, long eventTime, long transactionTime, long first, long last, long previous,
        IReadOnlyList<(long Tick, long Lots)> bids, IReadOnlyList<(long Tick, long Lots)> asks) => JsonFrames.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("e", "depthUpdate");
        w.WriteNumber("E", eventTime);
        w.WriteNumber("T", transactionTime);
        w.WriteString("s", s.Name);
        w.WriteNumber("U", first);
        w.WriteNumber("u", last);
        w.WriteNumber("pu", previous);
        Levels(w, "b", s, bids);
        Levels(w, "a", s, asks);
        w.WriteEndObject();
    });

    /// <summary>A <c>bookTicker</c>; <paramref name="updateId"/> is in the depth stream's id space.</summary>
    public static byte[] BookTicker(FuturesSymbol s, long updateId, long eventTime, long transactionTime,
        (long Tick, long Lots)? bid, (long Tick, long Lots)? ask) => JsonFrames.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("e", "bookTicker");
        w.WriteNumber("u", updateId);
        w.WriteNumber("E", eventTime);
        w.WriteNumber("T", transactionTime);
        w.WriteString("s", s.Name);
        w.WriteString("b", bid is { } b ? s.Price(b.Tick) : s.Price(0));
        w.WriteString("B", bid is { } b2 ? s.Quantity(b2.Lots) : s.Quantity(0));
        w.WriteString("a", ask is { } a ? s.Price(a.Tick) : s.Price(0));
        w.WriteString("A", ask is { } a2 ? s.Quantity(a2.Lots) : s.Quantity(0));
        w.WriteEndObject();
    });

    /// <summary>A raw <c>trade</c> (regular match: <c>X</c> = <c>MARKET</c>).</summary>
    public static byte[] Trade(FuturesSymbol s, long eventTime, long tradeTime, long tradeId, long priceTick, long lots, bool buyerIsMaker) => JsonFrames.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("e", "trade");
        w.WriteNumber("E", eventTime);
        w.WriteNumber("T", tradeTime);
        w.WriteString("s", s.Name);
        w.WriteNumber("t", tradeId);
        w.WriteString("p", s.Price(priceTick));
        w.WriteString("q", s.Quantity(lots));
        w.WriteString("X", "MARKET");
        w.WriteBoolean("m", buyerIsMaker);
        w.WriteEndObject();
    });

    /// <summary>An <c>aggTrade</c> of the raw trades <paramref name="firstTradeId"/>..<paramref name="lastTradeId"/>.</summary>
    public static byte[] AggregateTrade(FuturesSymbol s, long eventTime, long aggregateId, long priceTick, long lots,
        long firstTradeId, long lastTradeId, long tradeTime, bool buyerIsMaker) => JsonFrames.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("e", "aggTrade");
        w.WriteNumber("E", eventTime);
        w.WriteString("s", s.Name);
        w.WriteNumber("a", aggregateId);
        w.WriteString("p", s.Price(priceTick));
        w.WriteString("q", s.Quantity(lots));
        w.WriteString("nq", s.Quantity(lots));
        w.WriteNumber("f", firstTradeId);
        w.WriteNumber("l", lastTradeId);
        w.WriteNumber("T", tradeTime);
        w.WriteBoolean("m", buyerIsMaker);
        w.WriteEndObject();
    });

    /// <summary>The <c>GET /fapi/v1/depth</c> answer.</summary>
    public static byte[] DepthSnapshot(FuturesSymbol s, long lastUpdateId, long eventTime, long transactionTime,
        IReadOnlyList<(long Tick, long Lots)> bids, IReadOnlyList<(long Tick, long Lots)> asks) => JsonFrames.Build(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("lastUpdateId", lastUpdateId);
        w.WriteNumber("E", eventTime);
        w.WriteNumber("T", transactionTime);
        Levels(w, "bids", s, bids);
        Levels(w, "asks", s, asks);
        w.WriteEndObject();
    });

    /// <summary>Writes <c>"name":[["price","qty"],...]</c>.</summary>
    public static void Levels(Utf8JsonWriter w, string name, FuturesSymbol s, IReadOnlyList<(long Tick, long Lots)> levels)
    {
        w.WriteStartArray(name);
        foreach (var (tick, lots) in levels)
        {
            w.WriteStartArray();
            w.WriteStringValue(s.Price(tick));
            w.WriteStringValue(s.Quantity(lots));
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    // ---------------------------------------------------------------- user data

    /// <summary>An execution report on the user stream.</summary>
    /// <param name="o">The order after this event.</param>
    /// <param name="execution">What happened: NEW, TRADE, CANCELED, EXPIRED, AMENDMENT.</param>
    /// <param name="fill">This event's fill, if it is one.</param>
    /// <param name="eventTime">E and T.</param>
    /// <param name="bidsNotional">Margin reserved by open buy orders (o.b).</param>
    /// <param name="asksNotional">Margin reserved by open sell orders (o.a).</param>
    /// <param name="expiryReason">o.er.</param>
    public static byte[] OrderTradeUpdate(EmulatedOrder o, string execution, FillReport? fill, long eventTime,
        decimal bidsNotional, decimal asksNotional, int expiryReason) => JsonFrames.Build(w =>
    {
        var s = o.Symbol;
        w.WriteStartObject();
        w.WriteString("e", "ORDER_TRADE_UPDATE");
        w.WriteNumber("E", eventTime);
        w.WriteNumber("T", eventTime);
        w.WriteStartObject("o");
        w.WriteString("s", s.Name);
        w.WriteString("c", o.ClientOrderId);
        w.WriteString("S", o.SideName);
        w.WriteString("o", o.Type);
        w.WriteString("f", o.TimeInForce);
        w.WriteString("q", s.Quantity(o.OriginalLots));
        w.WriteString("p", s.Price(o.PriceTick));
        w.WriteString("ap", s.AveragePrice(o.AveragePrice));
        w.WriteString("sp", s.Price(0));
        w.WriteString("x", execution);
        w.WriteString("X", o.Status);
        w.WriteNumber("i", o.OrderId);
        w.WriteString("l", s.Quantity(fill?.Lots ?? 0));
        w.WriteString("z", s.Quantity(o.ExecutedLots));
        w.WriteString("L", s.Price(fill?.PriceTick ?? 0));
        w.WriteString("N", s.QuoteAsset);
        w.WriteString("n", Amount(fill?.Commission ?? 0));
        w.WriteNumber("T", eventTime);
        w.WriteNumber("t", fill?.TradeId ?? 0);
        w.WriteString("b", Amount(bidsNotional));
        w.WriteString("a", Amount(asksNotional));
        w.WriteBoolean("m", fill?.Maker ?? false);
        w.WriteBoolean("R", o.ReduceOnly);
        w.WriteString("wt", "CONTRACT_PRICE");
        w.WriteString("ot", o.Type);
        w.WriteString("ps", "BOTH");
        w.WriteBoolean("cp", false);
        w.WriteBoolean("pP", false);
        w.WriteNumber("si", 0);
        w.WriteNumber("ss", 0);
        w.WriteString("rp", Amount(fill?.RealizedProfit ?? 0));
        w.WriteString("V", o.SelfTradePrevention);
        w.WriteString("pm", "NONE");
        w.WriteNumber("gtd", o.GoodTillDate);
        w.WriteString("er", expiryReason.ToString(Invariant));
        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary>An <c>ACCOUNT_UPDATE</c> (reason ORDER) with the margin asset's balance and the changed positions.</summary>
    public static byte[] AccountUpdate(long eventTime, string asset, decimal walletBalance, decimal balanceChange,
        IReadOnlyList<(FuturesSymbol Symbol, FuturesPosition Position, decimal MarkPrice)> positions) => JsonFrames.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("e", "ACCOUNT_UPDATE");
        w.WriteNumber("E", eventTime);
        w.WriteNumber("T", eventTime);
        w.WriteStartObject("a");
        w.WriteString("m", "ORDER");
        w.WriteStartArray("B");
        w.WriteStartObject();
        w.WriteString("a", asset);
        w.WriteString("wb", Amount(walletBalance));
        w.WriteString("cw", Amount(walletBalance));
        w.WriteString("bc", Amount(balanceChange));
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("P");
        foreach (var (s, p, mark) in positions)
        {
            w.WriteStartObject();
            w.WriteString("s", s.Name);
            w.WriteString("pa", SignedQuantity(s, p.Amount));
            w.WriteString("ep", Amount(p.EntryPrice));
            w.WriteString("bep", Amount(p.EntryPrice));
            w.WriteString("cr", Amount(p.RealizedProfit));
            w.WriteString("up", Amount(p.Unrealized(mark)));
            w.WriteString("mt", "cross");
            w.WriteString("ps", "BOTH");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary><c>listenKeyExpired</c>, with <c>E</c> as a string as the futures venue sends it.</summary>
    public static byte[] ListenKeyExpired(long eventTime, string listenKey) => JsonFrames.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("e", "listenKeyExpired");
        w.WriteString("E", eventTime.ToString(Invariant));
        w.WriteString("listenKey", listenKey);
        w.WriteEndObject();
    });

    // ---------------------------------------------------------------- REST

    /// <summary><c>{"code":..,"msg":..}</c>.</summary>
    public static byte[] Error(int code, string message) => JsonFrames.Build(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("code", code);
        w.WriteString("msg", message);
        w.WriteEndObject();
    });

    /// <summary>The answer to <c>POST /fapi/v1/order</c> (fixture <c>rest-new-order-response.json</c>).</summary>
    public static byte[] NewOrder(EmulatedOrder o) => JsonFrames.Build(w =>
    {
        var s = o.Symbol;
        w.WriteStartObject();
        w.WriteString("clientOrderId", o.ClientOrderId);
        w.WriteString("cumQty", s.Quantity(o.ExecutedLots));
        w.WriteString("cumQuote", s.Quote(o.CumulativeQuote));
        w.WriteString("executedQty", s.Quantity(o.ExecutedLots));
        w.WriteNumber("orderId", o.OrderId);
        w.WriteString("avgPrice", s.AveragePrice(o.AveragePrice));
        w.WriteString("origQty", s.Quantity(o.OriginalLots));
        w.WriteString("price", s.Price(o.PriceTick));
        w.WriteBoolean("reduceOnly", o.ReduceOnly);
        w.WriteString("side", o.SideName);
        w.WriteString("positionSide", "BOTH");
        w.WriteString("status", o.Status);
        w.WriteString("stopPrice", s.Price(0));
        w.WriteBoolean("closePosition", false);
        w.WriteString("symbol", s.Name);
        w.WriteString("timeInForce", o.TimeInForce);
        w.WriteString("type", o.Type);
        w.WriteString("origType", o.Type);
        w.WriteNumber("updateTime", o.UpdateTime);
        Tail(w, o);
        w.WriteEndObject();
    });

    /// <summary>The answer to <c>DELETE /fapi/v1/order</c> (fixture <c>rest-cancel-order-response.json</c>).</summary>
    public static byte[] CancelledOrder(EmulatedOrder o) => JsonFrames.Build(w =>
    {
        var s = o.Symbol;
        w.WriteStartObject();
        w.WriteString("clientOrderId", o.ClientOrderId);
        w.WriteString("cumQty", s.Quantity(o.ExecutedLots));
        w.WriteString("cumQuote", s.Quote(o.CumulativeQuote));
        w.WriteString("executedQty", s.Quantity(o.ExecutedLots));
        w.WriteNumber("orderId", o.OrderId);
        w.WriteString("origQty", s.Quantity(o.OriginalLots));
        w.WriteString("price", s.Price(o.PriceTick));
        w.WriteString("avgPrice", s.AveragePrice(o.AveragePrice));
        w.WriteBoolean("reduceOnly", o.ReduceOnly);
        w.WriteString("side", o.SideName);
        w.WriteString("positionSide", "BOTH");
        w.WriteString("status", o.Status);
        w.WriteString("stopPrice", s.Price(0));
        w.WriteBoolean("closePosition", false);
        w.WriteString("symbol", s.Name);
        w.WriteString("timeInForce", o.TimeInForce);
        w.WriteString("origType", o.Type);
        w.WriteString("type", o.Type);
        w.WriteNumber("updateTime", o.UpdateTime);
        Tail(w, o);
        w.WriteEndObject();
    });

    /// <summary>The answer to <c>PUT /fapi/v1/order</c> (fixture <c>rest-modify-order-response.json</c>).</summary>
    public static byte[] ModifiedOrder(EmulatedOrder o) => JsonFrames.Build(w =>
    {
        var s = o.Symbol;
        w.WriteStartObject();
        w.WriteNumber("orderId", o.OrderId);
        w.WriteString("symbol", s.Name);
        w.WriteString("pair", s.Name);
        w.WriteString("status", o.Status);
        w.WriteString("clientOrderId", o.ClientOrderId);
        w.WriteString("price", s.Price(o.PriceTick));
        w.WriteString("avgPrice", s.AveragePrice(o.AveragePrice));
        w.WriteString("origQty", s.Quantity(o.OriginalLots));
        w.WriteString("executedQty", s.Quantity(o.ExecutedLots));
        w.WriteString("cumQty", s.Quantity(o.ExecutedLots));
        w.WriteString("cumBase", s.Quantity(o.ExecutedLots));
        w.WriteString("timeInForce", o.TimeInForce);
        w.WriteString("type", o.Type);
        w.WriteBoolean("reduceOnly", o.ReduceOnly);
        w.WriteBoolean("closePosition", false);
        w.WriteString("side", o.SideName);
        w.WriteString("positionSide", "BOTH");
        w.WriteString("stopPrice", s.Price(0));
        w.WriteString("workingType", "CONTRACT_PRICE");
        w.WriteBoolean("priceProtect", false);
        w.WriteString("origType", o.Type);
        w.WriteString("priceMatch", "NONE");
        w.WriteString("selfTradePreventionMode", o.SelfTradePrevention);
        w.WriteNumber("goodTillDate", o.GoodTillDate);
        w.WriteNumber("updateTime", o.UpdateTime);
        w.WriteEndObject();
    });

    /// <summary>One order as <c>GET /fapi/v1/order</c> and <c>GET /fapi/v1/openOrders</c> list it (fixture <c>rest-open-orders-response.json</c>).</summary>
    public static void QueriedOrder(Utf8JsonWriter w, EmulatedOrder o)
    {
        var s = o.Symbol;
        w.WriteStartObject();
        w.WriteString("avgPrice", s.AveragePrice(o.AveragePrice));
        w.WriteString("clientOrderId", o.ClientOrderId);
        w.WriteString("cumQuote", s.Quote(o.CumulativeQuote));
        w.WriteString("executedQty", s.Quantity(o.ExecutedLots));
        w.WriteNumber("orderId", o.OrderId);
        w.WriteString("origQty", s.Quantity(o.OriginalLots));
        w.WriteString("origType", o.Type);
        w.WriteString("price", s.Price(o.PriceTick));
        w.WriteBoolean("reduceOnly", o.ReduceOnly);
        w.WriteString("side", o.SideName);
        w.WriteString("positionSide", "BOTH");
        w.WriteString("status", o.Status);
        w.WriteString("stopPrice", s.Price(0));
        w.WriteBoolean("closePosition", false);
        w.WriteString("symbol", s.Name);
        w.WriteNumber("time", o.Time);
        w.WriteString("timeInForce", o.TimeInForce);
        w.WriteString("type", o.Type);
        w.WriteNumber("updateTime", o.UpdateTime);
        Tail(w, o);
        w.WriteEndObject();
    }

    private static void Tail(Utf8JsonWriter w, EmulatedOrder o)
    {
        w.WriteString("workingType", "CONTRACT_PRICE");
        w.WriteBoolean("priceProtect", false);
        w.WriteString("priceMatch", "NONE");
        w.WriteString("selfTradePreventionMode", o.SelfTradePrevention);
        w.WriteNumber("goodTillDate", o.GoodTillDate);
    }

    /// <summary>One position as <c>GET /fapi/v3/positionRisk</c> lists it (fixture <c>rest-position-risk-v3-response.json</c>).</summary>
    public static void PositionRisk(Utf8JsonWriter w, FuturesSymbol s, FuturesPosition p, decimal mark, decimal bidNotional, decimal askNotional)
    {
        w.WriteStartObject();
        w.WriteString("symbol", s.Name);
        w.WriteString("positionSide", "BOTH");
        w.WriteString("positionAmt", SignedQuantity(s, p.Amount));
        w.WriteString("entryPrice", Amount(p.EntryPrice));
        w.WriteString("breakEvenPrice", Amount(p.EntryPrice));
        w.WriteString("markPrice", Amount(mark));
        w.WriteString("unRealizedProfit", Amount(p.Unrealized(mark)));
        w.WriteString("liquidationPrice", "0");
        w.WriteString("isolatedMargin", "0");
        w.WriteString("notional", Amount(p.Amount * mark));
        w.WriteString("marginAsset", s.QuoteAsset);
        w.WriteString("isolatedWallet", "0");
        w.WriteString("initialMargin", "0");
        w.WriteString("maintMargin", "0");
        w.WriteString("positionInitialMargin", "0");
        w.WriteString("openOrderInitialMargin", "0");
        w.WriteNumber("adl", 0);
        w.WriteString("bidNotional", Amount(bidNotional));
        w.WriteString("askNotional", Amount(askNotional));
        w.WriteNumber("updateTime", p.UpdateTime);
        w.WriteEndObject();
    }

    /// <summary>A balance or profit amount, 8 decimals.</summary>
    public static string Amount(decimal value) => Math.Round(value, 8).ToString("F8", Invariant);

    /// <summary>A signed position amount with the symbol's quantity decimals.</summary>
    public static string SignedQuantity(FuturesSymbol s, decimal amount) => amount.ToString("F" + s.QuantityDecimals, Invariant);
}
