using System.Text.Json;

namespace Hft.Exchanges.Emulators.BinanceSpot;

/// <summary>The spot market streams' payloads, in the venue's field order (fixtures in <c>binance-spot/</c>).</summary>
internal static class MarketJson
{
    /// <summary><c>depthUpdate</c>: <c>e, E, s, U, u, b, a</c> (no <c>T</c> and no <c>pu</c> on spot).</summary>
    public static byte[] DepthUpdate(SpotSymbol s, long eventMs, long first, long last,
        IReadOnlyList<(long Tick, long Lots)> bids, IReadOnlyList<(long Tick, long Lots)> asks) => JsonBytes.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("e", "depthUpdate");
        w.WriteNumber("E", eventMs);
        w.WriteString("s", s.Name);
        w.WriteNumber("U", first);
        w.WriteNumber("u", last);
        Levels(w, "b", s, bids);
        Levels(w, "a", s, asks);
        w.WriteEndObject();
    });

    /// <summary>Partial depth (<c>@depth5</c>...) and the REST snapshot: <c>lastUpdateId, bids, asks</c> only.</summary>
    public static byte[] Book(SpotSymbol s, long lastUpdateId, IReadOnlyList<(long Tick, long Lots)> bids, IReadOnlyList<(long Tick, long Lots)> asks) =>
        JsonBytes.Build(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("lastUpdateId", lastUpdateId);
            Levels(w, "bids", s, bids);
            Levels(w, "asks", s, asks);
            w.WriteEndObject();
        });

    /// <summary><c>bookTicker</c>: <c>u, s, b, B, a, A</c> — no <c>e</c>, <c>E</c> or <c>T</c> on spot.</summary>
    public static byte[] BookTicker(SpotSymbol s, long updateId, (long Tick, long Lots)? bid, (long Tick, long Lots)? ask) => JsonBytes.Build(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("u", updateId);
        w.WriteString("s", s.Name);
        w.WriteDecimal("b", bid is { } b ? s.PriceOf(b.Tick) : 0m);
        w.WriteDecimal("B", bid is { } bq ? s.QuantityOf(bq.Lots) : 0m);
        w.WriteDecimal("a", ask is { } a ? s.PriceOf(a.Tick) : 0m);
        w.WriteDecimal("A", ask is { } aq ? s.QuantityOf(aq.Lots) : 0m);
        w.WriteEndObject();
    });

    /// <summary><c>trade</c>: <c>e, E, s, t, p, q, T, m, M</c> (no <c>X</c> on spot).</summary>
    public static byte[] Trade(SpotSymbol s, long eventMs, long tradeId, long tick, long lots, bool buyerIsMaker) => JsonBytes.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("e", "trade");
        w.WriteNumber("E", eventMs);
        w.WriteString("s", s.Name);
        w.WriteNumber("t", tradeId);
        w.WriteDecimal("p", s.PriceOf(tick));
        w.WriteDecimal("q", s.QuantityOf(lots));
        w.WriteNumber("T", eventMs);
        w.WriteBoolean("m", buyerIsMaker);
        w.WriteBoolean("M", true);
        w.WriteEndObject();
    });

    /// <summary><c>aggTrade</c>: <c>e, E, s, a, p, q, f, l, T, m, M</c>; one trade per aggregate here.</summary>
    public static byte[] AggregateTrade(SpotSymbol s, long eventMs, long aggregateId, long tradeId, long tick, long lots, bool buyerIsMaker) => JsonBytes.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("e", "aggTrade");
        w.WriteNumber("E", eventMs);
        w.WriteString("s", s.Name);
        w.WriteNumber("a", aggregateId);
        w.WriteDecimal("p", s.PriceOf(tick));
        w.WriteDecimal("q", s.QuantityOf(lots));
        w.WriteNumber("f", tradeId);
        w.WriteNumber("l", tradeId);
        w.WriteNumber("T", eventMs);
        w.WriteBoolean("m", buyerIsMaker);
        w.WriteBoolean("M", true);
        w.WriteEndObject();
    });

    /// <summary><c>{"e":"serverShutdown","E":...}</c>.</summary>
    public static byte[] ServerShutdown(long eventMs) => JsonBytes.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("e", "serverShutdown");
        w.WriteNumber("E", eventMs);
        w.WriteEndObject();
    });

    /// <summary>Price levels as <c>[["price","qty"],...]</c>.</summary>
    public static void Levels(Utf8JsonWriter w, string name, SpotSymbol s, IReadOnlyList<(long Tick, long Lots)> levels)
    {
        w.WriteStartArray(name);
        foreach (var (tick, lots) in levels)
        {
            w.WriteStartArray();
            w.WriteStringValue(SpotSymbol.Format(s.PriceOf(tick)));
            w.WriteStringValue(SpotSymbol.Format(s.QuantityOf(lots)));
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }
}
