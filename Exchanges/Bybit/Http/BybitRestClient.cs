using System.Globalization;
using System.Text.Json;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Venues;
using Hft.Exchanges.Bybit.Parsing;
using Hft.Exchanges.Common;
using static Hft.Exchanges.Common.JsonFields;

namespace Hft.Exchanges.Bybit.Http;

/// <summary>
/// The Bybit v5 REST endpoints the engine uses (exchange-protocols 3.4, 3.6), for one category, over
/// <see cref="BybitRestTransport"/>. Create and amend are sent once (an unknown outcome is resolved by
/// <see cref="QueryOrder"/> or the private stream); reads and cancels may be retried by the transport. Their answers
/// mean "accepted": what the order became arrives on the private stream.
/// </summary>
public sealed class BybitRestClient : IDisposable
{
    private readonly BybitRestTransport _transport;
    private readonly string _category;

    /// <summary>A client over <paramref name="transport"/> (which it disposes) for <paramref name="category"/>.</summary>
    public BybitRestClient(BybitRestTransport transport, string category = "linear")
    {
        _transport = transport;
        _category = category;
    }

    /// <summary>The transport (rate limits, time offset, key).</summary>
    public BybitRestTransport Transport => _transport;

    /// <summary><c>GET /v5/market/time</c>, and sets the transport's server-time offset from it.</summary>
    public Task<BybitResponse> SyncTime() => _transport.SyncServerTime();

    /// <summary><c>GET /v5/market/instruments-info</c>: the rules of <paramref name="symbol"/>, or null if the venue does not list it.</summary>
    public async Task<(BybitResponse Response, SymbolRules? Rules)> SymbolRules(string symbol, CancellationToken cancel = default)
    {
        var r = await _transport.Get("/v5/market/instruments-info", Query("symbol", symbol), signed: false, cancel).ConfigureAwait(false);
        if (!r.IsOk) return (r, null);
        using var doc = r.Json();
        return (r, InstrumentRules(Object(doc.RootElement, "result"), symbol));
    }

    /// <summary>The rules of <paramref name="symbol"/> in an instruments-info <c>result</c>, or null if it is not listed.</summary>
    public static SymbolRules? InstrumentRules(JsonElement result, string symbol)
    {
        foreach (var item in Array(result, "list"))
        {
            if (String(item, "symbol") != symbol) continue;
            var price = Object(item, "priceFilter");
            var lot = Object(item, "lotSizeFilter");
            return new SymbolRules(symbol, Decimal(price, "tickSize"), Decimal(lot, "qtyStep"), Decimal(lot, "minOrderQty"),
                OptionalDecimal(lot, "minNotionalValue"), String(item, "status") == "Trading");
        }
        return null;
    }

    /// <summary>
    /// <c>POST /v5/order/create</c>: limit GTC / PostOnly / IOC / FOK, or market (one-way mode, <c>positionIdx</c> 0). Never
    /// retried: an unknown outcome is resolved by a query.
    /// </summary>
    public Task<BybitResponse> NewOrder(string symbol, string clientOrderId, VenueCommand command, DecimalText prices, DecimalText quantities,
        CancellationToken cancel = default)
    {
        string body = BybitRestTransport.Body(w =>
        {
            w.WriteString("category", _category);
            w.WriteString("symbol", symbol);
            w.WriteString("side", BybitOrderFields.Side(command.Side));
            if (command.Type == OrderType.Market)
            {
                w.WriteString("orderType", "Market");
                w.WriteString("qty", quantities.Round(command.Quantity));
            }
            else
            {
                w.WriteString("orderType", "Limit");
                w.WriteString("qty", quantities.Round(command.Quantity));
                w.WriteString("price", prices.Steps(command.PriceTick));
                w.WriteString("timeInForce", BybitOrderFields.TimeInForce(command.TimeInForce));
            }
            w.WriteString("orderLinkId", clientOrderId);
            w.WriteNumber("positionIdx", 0);
        });
        return _transport.Post("/v5/order/create", body, isOrder: true, safeToRepeat: false, cancel);
    }

    /// <summary>
    /// <c>POST /v5/order/amend</c> by <c>orderLinkId</c>: only what changes is sent (an unchanged quantity keeps the
    /// order's place where the venue allows it). Never retried.
    /// </summary>
    public Task<BybitResponse> AmendOrder(string symbol, string clientOrderId, VenueCommand command, long restingTick, double restingQuantity,
        DecimalText prices, DecimalText quantities, CancellationToken cancel = default)
    {
        string qty = quantities.Round(command.Quantity), price = prices.Steps(command.PriceTick);
        string body = BybitRestTransport.Body(w =>
        {
            w.WriteString("category", _category);
            w.WriteString("symbol", symbol);
            w.WriteString("orderLinkId", clientOrderId);
            bool sameQuantity = qty == quantities.Round(restingQuantity);
            if (!sameQuantity) w.WriteString("qty", qty);
            // An amend that changes nothing is a parameter error (10001): then the price is sent as it is.
            if (command.PriceTick != restingTick || sameQuantity) w.WriteString("price", price);
        });
        return _transport.Post("/v5/order/amend", body, isOrder: true, safeToRepeat: false, cancel);
    }

    /// <summary><c>POST /v5/order/cancel</c> by <c>orderLinkId</c> (safe to repeat: a second cancel gets <c>110001</c>).</summary>
    public Task<BybitResponse> CancelOrder(string symbol, string clientOrderId, CancellationToken cancel = default)
    {
        string body = BybitRestTransport.Body(w =>
        {
            w.WriteString("category", _category);
            w.WriteString("symbol", symbol);
            w.WriteString("orderLinkId", clientOrderId);
        });
        return _transport.Post("/v5/order/cancel", body, isOrder: true, safeToRepeat: true, cancel);
    }

    /// <summary><c>POST /v5/order/create</c>, <c>Market</c> with <c>reduceOnly</c>: it can shrink the position, never flip it. Never retried.</summary>
    public Task<BybitResponse> ReduceOnlyMarketOrder(string symbol, string clientOrderId, Side side, string quantity, CancellationToken cancel = default)
    {
        string body = BybitRestTransport.Body(w =>
        {
            w.WriteString("category", _category);
            w.WriteString("symbol", symbol);
            w.WriteString("side", BybitOrderFields.Side(side));
            w.WriteString("orderType", "Market");
            w.WriteString("qty", quantity);
            w.WriteBoolean("reduceOnly", true);
            w.WriteString("orderLinkId", clientOrderId);
            w.WriteNumber("positionIdx", 0);
        });
        return _transport.Post("/v5/order/create", body, isOrder: true, safeToRepeat: false, cancel);
    }

    /// <summary><c>POST /v5/order/cancel-all</c> for <paramref name="symbol"/>.</summary>
    public Task<BybitResponse> CancelAll(string symbol, CancellationToken cancel = default)
    {
        string body = BybitRestTransport.Body(w =>
        {
            w.WriteString("category", _category);
            w.WriteString("symbol", symbol);
        });
        return _transport.Post("/v5/order/cancel-all", body, isOrder: false, safeToRepeat: true, cancel);
    }

    /// <summary>
    /// What the venue knows of the order sent as <paramref name="clientOrderId"/>: <c>GET /v5/order/realtime</c> (open and
    /// recently ended), then <c>/v5/order/history</c>. Null update with an OK response: the venue never took it.
    /// </summary>
    public async Task<(BybitResponse Response, VenueOrderUpdate? Update)> QueryOrder(string symbol, string clientOrderId, CancellationToken cancel = default)
    {
        string query = Query("symbol", symbol) + "&orderLinkId=" + Uri.EscapeDataString(clientOrderId);
        foreach (var path in new[] { "/v5/order/realtime", "/v5/order/history" })
        {
            var r = await _transport.Get(path, query, signed: true, cancel).ConfigureAwait(false);
            if (!r.IsOk) return (r, null);
            using var doc = r.Json();
            foreach (var item in Array(Object(doc.RootElement, "result"), "list"))
            {
                if (OptionalString(item, "orderLinkId") == clientOrderId) return (r, BybitPrivateParser.Order(item));
            }
        }
        return (BybitResponse.From(200, """{"retCode":0,"retMsg":"OK","result":{"list":[]}}"""), null);
    }

    /// <summary>Open orders of <paramref name="symbol"/> (<c>GET /v5/order/realtime</c>, every page), as updates.</summary>
    public async Task<(BybitResponse Response, IReadOnlyList<VenueOrderUpdate> Orders)> OpenOrders(string symbol, CancellationToken cancel = default)
    {
        var orders = new List<VenueOrderUpdate>();
        string cursor = "";
        for (int page = 0; page < 100; page++)
        {
            string query = Query("symbol", symbol) + "&limit=50" + (cursor.Length > 0 ? "&cursor=" + Uri.EscapeDataString(cursor) : "");
            var r = await _transport.Get("/v5/order/realtime", query, signed: true, cancel).ConfigureAwait(false);
            if (!r.IsOk) return (r, orders);
            using var doc = r.Json();
            var result = Object(doc.RootElement, "result");
            foreach (var item in Array(result, "list"))
            {
                var order = BybitPrivateParser.Order(item);
                if (!OrderTracker.IsFinal(order.Status)) orders.Add(order);
            }
            cursor = OptionalString(result, "nextPageCursor") ?? "";
            if (cursor.Length == 0) return (r, orders);
        }
        return (BybitResponse.NotSent(RestOutcome.Unknown, "more than 100 pages of open orders"), orders);
    }

    /// <summary>The signed position of <paramref name="symbol"/> (<c>GET /v5/position/list</c>), or null if it cannot be read.</summary>
    public async Task<decimal?> Position(string symbol, CancellationToken cancel = default)
    {
        var r = await _transport.Get("/v5/position/list", Query("symbol", symbol), signed: true, cancel).ConfigureAwait(false);
        if (!r.IsOk) return null;
        using var doc = r.Json();
        decimal net = 0;
        foreach (var item in Array(Object(doc.RootElement, "result"), "list"))
        {
            if (String(item, "symbol") == symbol) net += BybitPrivateParser.SignedSize(item);
        }
        return net;
    }

    private string Query(string name, string value) =>
        string.Create(CultureInfo.InvariantCulture, $"category={Uri.EscapeDataString(_category)}&{name}={Uri.EscapeDataString(value)}");

    /// <inheritdoc />
    public void Dispose() => _transport.Dispose();
}
