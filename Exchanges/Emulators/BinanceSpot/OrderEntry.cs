using System.Text.Json;
using Hft.Core.Markets;

namespace Hft.Exchanges.Emulators.BinanceSpot;

/// <summary>
/// The order and account endpoints (section 2.5.2), shared by REST and the WebSocket API: parameters are checked in
/// the venue's order (mandatory and unwanted parameters, then PRICE_FILTER, LOT_SIZE, NOTIONAL), then the matching
/// engine decides under the venue's lock.
/// </summary>
internal sealed class OrderEntry(SpotVenue venue)
{
    private SpotSymbol Symbol => venue.Symbol;
    private SpotTrading Trading => venue.Trading;

    /// <summary><c>POST /api/v3/order</c>.</summary>
    public RestAnswer New(SpotParams p, long nowMs)
    {
        var spec = ParseNewOrder(p);
        lock (venue.Gate)
        {
            spec = ResolveMarket(spec);
            var (order, fills) = Trading.Place(spec, nowMs);
            return RestAnswer.Ok(JsonBytes.Build(w => OrderJson.NewOrder(w, Symbol, order, spec.ResponseType, nowMs, fills)));
        }
    }

    /// <summary><c>DELETE /api/v3/order</c>.</summary>
    public RestAnswer Cancel(SpotParams p, long nowMs)
    {
        CheckSymbol(p);
        var (orderId, clientId) = OrderRef(p, "orderId", "origClientOrderId");
        string? cancelId = p.ClientOrderId("newClientOrderId");
        string? restrictions = p.Get("cancelRestrictions");
        if (restrictions is not (null or "ONLY_NEW" or "ONLY_PARTIALLY_FILLED")) throw SpotRejection.Illegal("cancelRestrictions", "ONLY_NEW|ONLY_PARTIALLY_FILLED");
        lock (venue.Gate)
        {
            var order = Trading.Account.Find(orderId, clientId);
            if (order is not { IsOpen: true }) throw SpotRejection.UnknownOrder();
            if ((restrictions == "ONLY_NEW" && order.Status != "NEW") || (restrictions == "ONLY_PARTIALLY_FILLED" && order.Status != "PARTIALLY_FILLED"))
                throw new SpotRejection(400, -2011, "Order was not canceled due to cancel restrictions.", "CANCEL_RESTRICTIONS");
            cancelId ??= Trading.GenerateClientId();
            Trading.Cancel(order, cancelId, nowMs);
            return RestAnswer.Ok(JsonBytes.Build(w => OrderJson.Canceled(w, Symbol, order, cancelId, nowMs)));
        }
    }

    /// <summary><c>DELETE /api/v3/openOrders</c>: every open order of the symbol; -2011 when there is none.</summary>
    public RestAnswer CancelAll(SpotParams p, long nowMs)
    {
        CheckSymbol(p);
        lock (venue.Gate)
        {
            var open = Trading.Account.OpenOrders.ToList();
            if (open.Count == 0) throw SpotRejection.UnknownOrder();
            var cancelled = new List<(SpotOrder Order, string CancelId)>();
            foreach (var order in open)
            {
                string cancelId = Trading.GenerateClientId();
                Trading.Cancel(order, cancelId, nowMs);
                cancelled.Add((order, cancelId));
            }
            return RestAnswer.Ok(JsonBytes.Build(w =>
            {
                w.WriteStartArray();
                foreach (var (order, id) in cancelled) OrderJson.Canceled(w, Symbol, order, id, nowMs);
                w.WriteEndArray();
            }));
        }
    }

    /// <summary>
    /// <c>POST /api/v3/order/cancelReplace</c>: cancel, then place. STOP_ON_FAILURE places nothing when the cancel
    /// fails; ALLOW_FAILURE places anyway. Both done: 200; one done: 409 (-2021); none: 400 (-2022).
    /// </summary>
    public RestAnswer CancelReplace(SpotParams p, long nowMs)
    {
        string mode = p.Required("cancelReplaceMode");
        if (mode is not ("STOP_ON_FAILURE" or "ALLOW_FAILURE")) throw SpotRejection.Illegal("cancelReplaceMode", "STOP_ON_FAILURE|ALLOW_FAILURE");
        var (orderId, clientId) = OrderRef(p, "cancelOrderId", "cancelOrigClientOrderId");
        string? cancelId = p.ClientOrderId("cancelNewClientOrderId");
        var spec = ParseNewOrder(p);
        lock (venue.Gate)
        {
            SpotOrder? cancelled = null;
            SpotRejection? cancelError = null;
            try
            {
                var order = Trading.Account.Find(orderId, clientId);
                if (order is not { IsOpen: true }) throw SpotRejection.UnknownOrder();
                cancelId ??= Trading.GenerateClientId();
                Trading.Cancel(order, cancelId, nowMs);
                cancelled = order;
            }
            catch (SpotRejection e)
            {
                cancelError = e;
                venue.Summary.Rejected(e.Reason);
            }
            if (cancelError is not null && mode == "STOP_ON_FAILURE")
                return Outcome(400, -2022, "Order cancel-replace failed.", null, cancelError, null, null, notAttempted: true);
            (SpotOrder Order, List<SpotFill> Fills)? placed = null;
            SpotRejection? newError = null;
            try
            {
                placed = Trading.Place(ResolveMarket(spec), nowMs);
            }
            catch (SpotRejection e)
            {
                newError = e;
                venue.Summary.Rejected(e.Reason);
            }
            if (cancelError is null && newError is null)
            {
                return RestAnswer.Ok(JsonBytes.Build(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("cancelResult", "SUCCESS");
                    w.WriteString("newOrderResult", "SUCCESS");
                    w.WritePropertyName("cancelResponse");
                    OrderJson.Canceled(w, Symbol, cancelled!, cancelId!, nowMs);
                    w.WritePropertyName("newOrderResponse");
                    OrderJson.NewOrder(w, Symbol, placed!.Value.Order, spec.ResponseType, nowMs, placed.Value.Fills);
                    w.WriteEndObject();
                }));
            }
            if (cancelError is not null && newError is not null)
                return Outcome(400, -2022, "Order cancel-replace failed.", null, cancelError, null, newError, notAttempted: false);
            return Outcome(409, -2021, "Order cancel-replace partially failed.", cancelled is null ? null : (cancelled, cancelId!), cancelError,
                placed is null ? null : (placed.Value.Order, placed.Value.Fills, spec.ResponseType), newError, notAttempted: false);
        }

        RestAnswer Outcome(int status, int code, string message, (SpotOrder Order, string CancelId)? cancelOk, SpotRejection? cancelFail,
            (SpotOrder Order, List<SpotFill> Fills, string Type)? newOk, SpotRejection? newFail, bool notAttempted) => new(status, JsonBytes.Build(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("code", code);
            w.WriteString("msg", message);
            w.WriteStartObject("data");
            w.WriteString("cancelResult", cancelOk is null ? "FAILURE" : "SUCCESS");
            w.WriteString("newOrderResult", notAttempted ? "NOT_ATTEMPTED" : newOk is null ? "FAILURE" : "SUCCESS");
            w.WritePropertyName("cancelResponse");
            if (cancelOk is { } c) OrderJson.Canceled(w, Symbol, c.Order, c.CancelId, nowMs);
            else ErrorObject(w, cancelFail!);
            w.WritePropertyName("newOrderResponse");
            if (newOk is { } n) OrderJson.NewOrder(w, Symbol, n.Order, n.Type, nowMs, n.Fills);
            else if (newFail is not null) ErrorObject(w, newFail);
            else w.WriteNullValue();
            w.WriteEndObject();
            w.WriteEndObject();
        }));
    }

    /// <summary><c>PUT /api/v3/order/amend/keepPriority</c>: a quantity decrease that keeps the order's place in the queue.</summary>
    public RestAnswer Amend(SpotParams p, long nowMs)
    {
        CheckSymbol(p);
        var (orderId, clientId) = OrderRef(p, "orderId", "origClientOrderId");
        decimal newQty = p.Decimal("newQty") ?? throw SpotRejection.Missing("newQty");
        string? newClientId = p.ClientOrderId("newClientOrderId");
        if (!Symbol.PassesLotSize(newQty)) throw SpotRejection.Filter("LOT_SIZE");
        lock (venue.Gate)
        {
            var order = Trading.Account.Find(orderId, clientId);
            if (order is not { IsOpen: true }) throw SpotRejection.NoSuchOrder();
            long newLots = Symbol.LotsOf(newQty);
            if (newLots >= order.QuantityLots) throw new SpotRejection(400, -2038, "Order amend (quantity increase) is not supported.", "AMEND_INCREASE");
            string previous = order.ClientOrderId;
            long executionId = Trading.Amend(order, newLots, newClientId, nowMs);
            return RestAnswer.Ok(OrderJson.Amended(Symbol, order, previous, nowMs, executionId));
        }
    }

    /// <summary><c>GET /api/v3/order</c>: any order the account placed, open or finished; -2013 otherwise.</summary>
    public RestAnswer Query(SpotParams p, long nowMs)
    {
        CheckSymbol(p);
        var (orderId, clientId) = OrderRef(p, "orderId", "origClientOrderId");
        lock (venue.Gate)
        {
            var order = Trading.Account.Find(orderId, clientId) ?? throw SpotRejection.NoSuchOrder();
            return RestAnswer.Ok(JsonBytes.Build(w => OrderJson.Query(w, Symbol, order, openOrdersOrder: false)));
        }
    }

    /// <summary><c>GET /api/v3/openOrders</c>.</summary>
    public RestAnswer OpenOrders(SpotParams p, long nowMs)
    {
        if (p.Get("symbol") is not null) CheckSymbol(p);
        lock (venue.Gate)
        {
            var open = Trading.Account.OpenOrders.ToList();
            return RestAnswer.Ok(JsonBytes.Build(w =>
            {
                w.WriteStartArray();
                foreach (var o in open) OrderJson.Query(w, Symbol, o, openOrdersOrder: true);
                w.WriteEndArray();
            }));
        }
    }

    /// <summary><c>GET /api/v3/account</c>.</summary>
    public RestAnswer Account(SpotParams p, long nowMs)
    {
        bool omitZero = string.Equals(p.Get("omitZeroBalances"), "true", StringComparison.OrdinalIgnoreCase);
        lock (venue.Gate) return RestAnswer.Ok(VenueJson.Account(Trading.Account, venue.Options.MakerFee, venue.Options.TakerFee, omitZero));
    }

    /// <summary><c>GET /api/v3/depth</c>: <c>lastUpdateId, bids, asks</c>; limit default 100, at most 5000.</summary>
    public RestAnswer Depth(SpotParams p, long nowMs)
    {
        CheckSymbol(p);
        int limit = (int)Math.Clamp(p.Long("limit") ?? 100, 1, 5000);
        lock (venue.Gate) return RestAnswer.Ok(MarketJson.Book(Symbol, venue.Book.LastUpdateId, venue.Book.Top(Side.Buy, limit), venue.Book.Top(Side.Sell, limit)));
    }

    /// <summary>Weight of <c>GET /api/v3/depth</c> by limit.</summary>
    public static int DepthWeight(SpotParams p)
    {
        long limit = long.TryParse(p.Get("limit"), out long l) ? l : 100;
        return limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250;
    }

    /// <summary><c>GET /api/v3/exchangeInfo</c>; an unknown <c>symbol</c> is -1121.</summary>
    public RestAnswer ExchangeInfo(SpotParams p, long nowMs)
    {
        if (p.Get("symbol") is not null) CheckSymbol(p);
        if (p.Get("symbols") is { } list)
        {
            string[]? names = null;
            try { names = JsonSerializer.Deserialize<string[]>(list); }
            catch (JsonException) { }
            if (names is null || names.Any(n => n != Symbol.Name)) throw SpotRejection.InvalidSymbol();
        }
        return RestAnswer.Ok(VenueJson.ExchangeInfo(Symbol, venue.Limiter.Limits, nowMs));
    }

    // ---------------------------------------------------------------- parameters

    /// <summary>The new-order parameters of <c>order</c> and <c>cancelReplace</c>, checked against the symbol's filters.</summary>
    private NewOrderSpec ParseNewOrder(SpotParams p)
    {
        CheckSymbol(p);
        Side side = p.Required("side") switch
        {
            "BUY" => Side.Buy,
            "SELL" => Side.Sell,
            _ => throw new SpotRejection(400, -1117, "Invalid side.", "INVALID_SIDE"),
        };
        string type = p.Required("type");
        if (type is not ("LIMIT" or "LIMIT_MAKER" or "MARKET")) throw new SpotRejection(400, -1116, "Invalid orderType.", "INVALID_ORDER_TYPE");
        string? tif = p.Get("timeInForce");
        if (type == "LIMIT")
        {
            if (tif is null) throw SpotRejection.Missing("timeInForce");
            if (tif is not ("GTC" or "IOC" or "FOK")) throw new SpotRejection(400, -1115, "Invalid timeInForce.", "INVALID_TIME_IN_FORCE");
        }
        else if (tif is not null) throw SpotRejection.NotRequired("timeInForce");
        decimal? price = p.Decimal("price");
        decimal? quantity = p.Decimal("quantity");
        decimal? quoteQty = p.Decimal("quoteOrderQty");
        string? clientId = p.ClientOrderId("newClientOrderId");
        string responseType = p.Get("newOrderRespType") ?? (type == "LIMIT_MAKER" ? "ACK" : "FULL");
        if (responseType is not ("ACK" or "RESULT" or "FULL")) throw SpotRejection.Illegal("newOrderRespType", "ACK|RESULT|FULL");
        if (type == "MARKET")
        {
            if (price is not null) throw SpotRejection.NotRequired("price");
            if (quantity is null && quoteQty is null)
                throw new SpotRejection(400, -1102, "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!", "MANDATORY_PARAMETER");
            if (quantity is not null && quoteQty is not null) throw SpotRejection.NotRequired("quoteOrderQty");
            if (quantity is { } q && !Symbol.PassesLotSize(q)) throw SpotRejection.Filter("MARKET_LOT_SIZE");
            if (quoteQty is { } qq && qq <= 0) throw SpotRejection.Filter("NOTIONAL");
            return new NewOrderSpec(side, type, "GTC", 0, quantity is { } exact ? Symbol.LotsOf(exact) : 0, quoteQty ?? 0m, clientId, responseType);
        }
        if (price is null) throw SpotRejection.Missing("price");
        if (quantity is null) throw SpotRejection.Missing("quantity");
        if (quoteQty is not null) throw SpotRejection.NotRequired("quoteOrderQty");
        if (!Symbol.PassesPriceFilter(price.Value)) throw SpotRejection.Filter("PRICE_FILTER");
        if (!Symbol.PassesLotSize(quantity.Value)) throw SpotRejection.Filter("LOT_SIZE");
        if (!Symbol.PassesNotional(price.Value * quantity.Value)) throw SpotRejection.Filter("NOTIONAL");
        return new NewOrderSpec(side, type, tif ?? "GTC", Symbol.TickOf(price.Value), Symbol.LotsOf(quantity.Value), 0m, clientId, responseType);
    }

    /// <summary>
    /// A MARKET order's quantity from its quote quantity and its NOTIONAL check, at the best opposite price now
    /// (the venue uses its reference price; NOTIONAL's <c>avgPriceMins</c> is 0 here). Called under the lock.
    /// </summary>
    private NewOrderSpec ResolveMarket(NewOrderSpec spec)
    {
        if (spec.Type != "MARKET") return spec;
        if (Trading.BestOpposite(spec.Side) is not { } best) return spec.Lots > 0 ? spec : spec with { Lots = 1 }; // nothing to take: it expires
        decimal price = Symbol.PriceOf(best);
        long lots = spec.Lots > 0 ? spec.Lots : (long)(spec.QuoteOrderQuantity / price / Symbol.LotSize);
        if (lots <= 0) throw SpotRejection.Filter("MARKET_LOT_SIZE");
        if (!Symbol.PassesNotional(price * Symbol.QuantityOf(lots))) throw SpotRejection.Filter("NOTIONAL");
        return spec with { Lots = lots };
    }

    private void CheckSymbol(SpotParams p)
    {
        if (p.Required("symbol") != Symbol.Name) throw SpotRejection.InvalidSymbol();
    }

    private static (long? OrderId, string? ClientId) OrderRef(SpotParams p, string idName, string clientName)
    {
        long? id = p.Long(idName);
        string? client = p.Get(clientName);
        if (id is null && client is null)
            throw new SpotRejection(400, -1102, $"Param '{clientName}' or '{idName}' must be sent, but both were empty/null!", "MANDATORY_PARAMETER");
        return (id, client);
    }

    private static void ErrorObject(Utf8JsonWriter w, SpotRejection e)
    {
        w.WriteStartObject();
        w.WriteNumber("code", e.Code);
        w.WriteString("msg", e.Message);
        w.WriteEndObject();
    }
}
