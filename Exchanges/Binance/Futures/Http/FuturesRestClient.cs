using System.Text.Json;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Venues;
using Hft.Exchanges.Binance.Common;
using Hft.Exchanges.Common;
using static Hft.Exchanges.Common.JsonFields;

namespace Hft.Exchanges.Binance.Futures.Http;

/// <summary>
/// The USD-M futures REST endpoints the engine uses (exchange-protocols 1.5), over <see cref="BinanceRestTransport"/>.
/// Order calls are sent once (an unknown outcome is resolved by <see cref="QueryOrder"/> or the user stream); reads and
/// cancels may be retried by the transport.
/// </summary>
public sealed class FuturesRestClient : IDisposable
{
    private readonly BinanceRestTransport _transport;

    /// <summary>A client over <paramref name="transport"/> (which it disposes).</summary>
    public FuturesRestClient(BinanceRestTransport transport) => _transport = transport;

    /// <summary>The transport (rate limits, time offset).</summary>
    public BinanceRestTransport Transport => _transport;

    /// <summary><c>GET /fapi/v1/time</c>, and sets the transport's server-time offset from it.</summary>
    public Task<BinanceResponse> SyncTime(CancellationToken cancel = default) => _transport.SyncServerTime("/fapi/v1/time");

    /// <summary><c>GET /fapi/v1/exchangeInfo</c>: the rules of <paramref name="symbol"/>, or null if the venue does not list it.</summary>
    public async Task<(BinanceResponse Response, SymbolRules? Rules)> SymbolRules(string symbol, CancellationToken cancel = default)
    {
        var r = await Get("/fapi/v1/exchangeInfo", "", BinanceSecurity.None, cancel).ConfigureAwait(false);
        if (!r.IsOk) return (r, null);
        using var doc = r.Json();
        _transport.Limits.Apply(doc.RootElement);
        return (r, BinanceSymbolFilters.Find(doc.RootElement, symbol));
    }

    /// <summary><c>GET /fapi/v1/depth</c>: the REST snapshot a book sync starts from.</summary>
    public Task<BinanceResponse> Depth(string symbol, int limit, CancellationToken cancel = default) =>
        Get("/fapi/v1/depth", new BinanceQuery().Add("symbol", symbol).Add("limit", limit).ToString(), BinanceSecurity.None, cancel);

    /// <summary><c>POST /fapi/v1/listenKey</c> (the same key while one is active).</summary>
    public Task<BinanceResponse> CreateListenKey(CancellationToken cancel = default) =>
        _transport.Send(HttpMethod.Post, "/fapi/v1/listenKey", "", BinanceSecurity.ApiKey, isOrder: false, safeToRepeat: true, cancel);

    /// <summary><c>PUT /fapi/v1/listenKey</c>: another 60 minutes; <c>-1125</c> if the key is gone.</summary>
    public Task<BinanceResponse> KeepAliveListenKey(CancellationToken cancel = default) =>
        _transport.Send(HttpMethod.Put, "/fapi/v1/listenKey", "", BinanceSecurity.ApiKey, isOrder: false, safeToRepeat: true, cancel);

    /// <summary><c>DELETE /fapi/v1/listenKey</c>.</summary>
    public Task<BinanceResponse> CloseListenKey(CancellationToken cancel = default) =>
        _transport.Send(HttpMethod.Delete, "/fapi/v1/listenKey", "", BinanceSecurity.ApiKey, isOrder: false, safeToRepeat: true, cancel);

    /// <summary>
    /// <c>POST /fapi/v1/order</c>: limit GTC / GTX (post-only) / IOC / FOK, or market. Answered with <c>ACK</c>; fills arrive on
    /// the user stream. Never retried.
    /// </summary>
    public Task<BinanceResponse> NewOrder(string symbol, string clientOrderId, VenueCommand command, DecimalText prices, DecimalText quantities,
        CancellationToken cancel = default)
    {
        var q = new BinanceQuery().Add("symbol", symbol).Add("side", BinanceOrderStatus.Side(command.Side));
        if (command.Type == OrderType.Market)
        {
            q.Add("type", "MARKET").Add("quantity", quantities.Round(command.Quantity));
        }
        else
        {
            q.Add("type", "LIMIT").Add("timeInForce", TimeInForceText(command.TimeInForce))
                .Add("quantity", quantities.Round(command.Quantity)).Add("price", prices.Steps(command.PriceTick));
        }
        q.Add("newClientOrderId", clientOrderId).Add("newOrderRespType", "ACK");
        return _transport.Send(HttpMethod.Post, "/fapi/v1/order", q.ToString(), BinanceSecurity.Signed, isOrder: true, safeToRepeat: false, cancel);
    }

    /// <summary><c>POST /fapi/v1/order</c>, <c>MARKET</c> with <c>reduceOnly=true</c>: it can shrink the position, never flip it. Never retried.</summary>
    public Task<BinanceResponse> ReduceOnlyMarketOrder(string symbol, string clientOrderId, Side side, string quantity, CancellationToken cancel = default) =>
        _transport.Send(HttpMethod.Post, "/fapi/v1/order",
            new BinanceQuery().Add("symbol", symbol).Add("side", BinanceOrderStatus.Side(side)).Add("type", "MARKET").Add("quantity", quantity)
                .Add("reduceOnly", "true").Add("newClientOrderId", clientOrderId).Add("newOrderRespType", "ACK").ToString(),
            BinanceSecurity.Signed, isOrder: true, safeToRepeat: false, cancel);

    /// <summary><c>DELETE /fapi/v1/order</c> by client order id (safe to repeat: a second cancel gets <c>-2011</c>).</summary>
    public Task<BinanceResponse> CancelOrder(string symbol, string clientOrderId, CancellationToken cancel = default) =>
        _transport.Send(HttpMethod.Delete, "/fapi/v1/order",
            new BinanceQuery().Add("symbol", symbol).Add("origClientOrderId", clientOrderId).ToString(),
            BinanceSecurity.Signed, isOrder: false, safeToRepeat: true, cancel);

    /// <summary><c>PUT /fapi/v1/order</c>: new price and quantity (both always; the order loses its queue place). Never retried.</summary>
    public Task<BinanceResponse> ModifyOrder(string symbol, string clientOrderId, VenueCommand command, DecimalText prices, DecimalText quantities,
        CancellationToken cancel = default) =>
        _transport.Send(HttpMethod.Put, "/fapi/v1/order",
            new BinanceQuery().Add("symbol", symbol).Add("origClientOrderId", clientOrderId).Add("side", BinanceOrderStatus.Side(command.Side))
                .Add("quantity", quantities.Round(command.Quantity)).Add("price", prices.Steps(command.PriceTick)).ToString(),
            BinanceSecurity.Signed, isOrder: true, safeToRepeat: false, cancel);

    /// <summary><c>DELETE /fapi/v1/allOpenOrders</c> (success is <c>{"code":200,...}</c>).</summary>
    public Task<BinanceResponse> CancelAll(string symbol, CancellationToken cancel = default) =>
        _transport.Send(HttpMethod.Delete, "/fapi/v1/allOpenOrders", new BinanceQuery().Add("symbol", symbol).ToString(),
            BinanceSecurity.Signed, isOrder: false, safeToRepeat: true, cancel);

    /// <summary><c>GET /fapi/v1/order</c> by client order id (<c>-2013</c> if the venue never took it).</summary>
    public Task<BinanceResponse> QueryOrder(string symbol, string clientOrderId, CancellationToken cancel = default) =>
        Get("/fapi/v1/order", new BinanceQuery().Add("symbol", symbol).Add("origClientOrderId", clientOrderId).ToString(), BinanceSecurity.Signed, cancel);

    /// <summary><c>GET /fapi/v1/openOrders</c> for <paramref name="symbol"/>.</summary>
    public Task<BinanceResponse> OpenOrders(string symbol, CancellationToken cancel = default) =>
        Get("/fapi/v1/openOrders", new BinanceQuery().Add("symbol", symbol).ToString(), BinanceSecurity.Signed, cancel);

    /// <summary><c>GET /fapi/v3/positionRisk</c> for <paramref name="symbol"/> (signed <c>positionAmt</c>).</summary>
    public Task<BinanceResponse> PositionRisk(string symbol, CancellationToken cancel = default) =>
        Get("/fapi/v3/positionRisk", new BinanceQuery().Add("symbol", symbol).ToString(), BinanceSecurity.Signed, cancel);

    /// <summary>The signed position of <paramref name="symbol"/> in a <see cref="PositionRisk"/> answer (0 if not listed).</summary>
    public static decimal PositionOf(JsonElement positions, string symbol)
    {
        decimal net = 0;
        foreach (var p in positions.EnumerateArray())
        {
            if (String(p, "symbol") == symbol && (OptionalString(p, "positionSide") ?? "BOTH") == "BOTH") net += Decimal(p, "positionAmt");
        }
        return net;
    }

    private Task<BinanceResponse> Get(string path, string query, BinanceSecurity security, CancellationToken cancel) =>
        _transport.Send(HttpMethod.Get, path, query, security, isOrder: false, safeToRepeat: true, cancel);

    private static string TimeInForceText(TimeInForce tif) => tif switch
    {
        TimeInForce.Gtc => "GTC",
        // Post-only is spelled GTX on futures (spot: LIMIT_MAKER, Bybit: PostOnly).
        TimeInForce.Gtx => "GTX",
        TimeInForce.Ioc => "IOC",
        TimeInForce.Fok => "FOK",
        _ => throw new ArgumentOutOfRangeException(nameof(tif), tif, null),
    };

    /// <inheritdoc />
    public void Dispose() => _transport.Dispose();
}
