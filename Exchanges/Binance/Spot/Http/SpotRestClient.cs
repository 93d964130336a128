using Hft.Core.Orders;
using Hft.Core.Venues;
using Hft.Exchanges.Binance.Common;
using Hft.Exchanges.Common;
using static Hft.Exchanges.Common.JsonFields;

namespace Hft.Exchanges.Binance.Spot.Http;

/// <summary>
/// The spot REST endpoints the engine uses (exchange-protocols 2.5), over <see cref="BinanceRestTransport"/>. Post-only
/// is the order type <c>LIMIT_MAKER</c> (spot has no GTX); an order is answered with <c>RESULT</c>, which carries its
/// status (the <c>ACK</c> answer does not).
/// </summary>
public sealed class SpotRestClient : IDisposable
{
    private readonly BinanceRestTransport _transport;

    /// <summary>A client over <paramref name="transport"/> (which it disposes).</summary>
    public SpotRestClient(BinanceRestTransport transport) => _transport = transport;

    /// <summary>The transport.</summary>
    public BinanceRestTransport Transport => _transport;

    /// <summary><c>GET /api/v3/time</c>, setting the server-time offset.</summary>
    public Task<BinanceResponse> SyncTime() => _transport.SyncServerTime("/api/v3/time");

    /// <summary><c>GET /api/v3/exchangeInfo?symbol=</c>: the symbol's filters (min notional from <c>NOTIONAL</c> or <c>MIN_NOTIONAL</c>, both <c>minNotional</c>).</summary>
    public async Task<(BinanceResponse Response, SymbolRules? Rules)> SymbolRules(string symbol)
    {
        var r = await Get("/api/v3/exchangeInfo", new BinanceQuery().Add("symbol", symbol).ToString(), BinanceSecurity.None).ConfigureAwait(false);
        if (!r.IsOk) return (r, null);
        using var doc = r.Json();
        _transport.Limits.Apply(doc.RootElement);
        return (r, BinanceSymbolFilters.Find(doc.RootElement, symbol));
    }

    /// <summary><c>GET /api/v3/depth</c>.</summary>
    public Task<BinanceResponse> Depth(string symbol, int limit) =>
        Get("/api/v3/depth", new BinanceQuery().Add("symbol", symbol).Add("limit", limit).ToString(), BinanceSecurity.None);

    /// <summary><c>POST /api/v3/order</c>: LIMIT GTC/IOC/FOK, LIMIT_MAKER for post-only, or MARKET. Never retried.</summary>
    public Task<BinanceResponse> NewOrder(string symbol, string clientOrderId, VenueCommand command, DecimalText prices, DecimalText quantities)
    {
        var q = new BinanceQuery().Add("symbol", symbol).Add("side", BinanceOrderStatus.Side(command.Side));
        if (command.Type == OrderType.Market) q.Add("type", "MARKET");
        else if (command.TimeInForce == TimeInForce.Gtx) q.Add("type", "LIMIT_MAKER");
        else q.Add("type", "LIMIT").Add("timeInForce", command.TimeInForce switch { TimeInForce.Ioc => "IOC", TimeInForce.Fok => "FOK", _ => "GTC" });
        q.Add("quantity", quantities.Round(command.Quantity));
        if (command.Type != OrderType.Market) q.Add("price", prices.Steps(command.PriceTick));
        // FULL lists the fills made at once, each with its price and commission: the answer often beats the user stream's
        // executionReports, and a merged fill would lose their prices and fees.
        q.Add("newClientOrderId", clientOrderId).Add("newOrderRespType", "FULL");
        return _transport.Send(HttpMethod.Post, "/api/v3/order", q.ToString(), BinanceSecurity.Signed, isOrder: true, safeToRepeat: false);
    }

    /// <summary><c>DELETE /api/v3/order</c> by client id.</summary>
    public Task<BinanceResponse> CancelOrder(string symbol, string clientOrderId) =>
        _transport.Send(HttpMethod.Delete, "/api/v3/order", new BinanceQuery().Add("symbol", symbol).Add("origClientOrderId", clientOrderId).ToString(),
            BinanceSecurity.Signed, isOrder: false, safeToRepeat: true);

    /// <summary><c>PUT /api/v3/order/amend/keepPriority</c>: a smaller quantity, keeping the queue place and the client id.</summary>
    public Task<BinanceResponse> ReduceQuantity(string symbol, string clientOrderId, double quantity, DecimalText quantities) =>
        _transport.Send(HttpMethod.Put, "/api/v3/order/amend/keepPriority",
            new BinanceQuery().Add("symbol", symbol).Add("origClientOrderId", clientOrderId).Add("newQty", quantities.Round(quantity))
                .Add("newClientOrderId", clientOrderId).ToString(),
            BinanceSecurity.Signed, isOrder: true, safeToRepeat: false);

    /// <summary><c>DELETE /api/v3/openOrders</c>.</summary>
    public Task<BinanceResponse> CancelAll(string symbol) =>
        _transport.Send(HttpMethod.Delete, "/api/v3/openOrders", new BinanceQuery().Add("symbol", symbol).ToString(),
            BinanceSecurity.Signed, isOrder: false, safeToRepeat: true);

    /// <summary><c>GET /api/v3/order</c> by client id.</summary>
    public Task<BinanceResponse> QueryOrder(string symbol, string clientOrderId) =>
        Get("/api/v3/order", new BinanceQuery().Add("symbol", symbol).Add("origClientOrderId", clientOrderId).ToString(), BinanceSecurity.Signed);

    /// <summary><c>GET /api/v3/openOrders</c>.</summary>
    public Task<BinanceResponse> OpenOrders(string symbol) =>
        Get("/api/v3/openOrders", new BinanceQuery().Add("symbol", symbol).ToString(), BinanceSecurity.Signed);

    private Task<BinanceResponse> Get(string path, string query, BinanceSecurity security) =>
        _transport.Send(HttpMethod.Get, path, query, security, isOrder: false, safeToRepeat: true);

    /// <inheritdoc />
    public void Dispose() => _transport.Dispose();
}
