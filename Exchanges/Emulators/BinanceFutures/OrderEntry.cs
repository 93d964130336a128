using System.Text.RegularExpressions;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Venues;
using Hft.Exchanges.Emulators.Common;

namespace Hft.Exchanges.Emulators.BinanceFutures;

/// <summary>
/// The signed order endpoints (section 1.5.3): new, amend, cancel, cancel all, query, open orders, positions and
/// account. Checks parameters and filters as the venue does, then asks the matching engine under the venue's
/// lock and answers with the venue's bodies; the user stream gets NEW before any fill of a new order.
/// </summary>
public sealed partial class OrderEntry
{
    private readonly FuturesVenue _venue;

    /// <summary>Order entry on <paramref name="venue"/>.</summary>
    public OrderEntry(FuturesVenue venue) => _venue = venue;

    [GeneratedRegex(@"^[\.A-Z\:/a-z0-9_-]{1,36}$")]
    private static partial Regex ClientOrderIdPattern();

    private FuturesSymbol Symbol => _venue.Symbol;

    /// <summary><c>POST /fapi/v1/order</c>.</summary>
    public byte[] New(FuturesRequest r)
    {
        CheckSymbol(r);
        Side side = ParseSide(r.Required("side"));
        string type = r.Required("type");
        if (type is not ("LIMIT" or "MARKET")) throw new BinanceRejection(-1116, "INVALID_ORDER_TYPE", "Invalid orderType.");
        if (r.Optional("positionSide") is { } ps && ps != "BOTH")
            throw new BinanceRejection(-4061, "INVALID_POSITION_SIDE", "Order's position side does not match user's setting.");
        decimal quantity = r.OptionalDecimal("quantity") ?? throw BinanceRejection.Missing("quantity");
        string tif = "GTC";
        long priceTick = 0;
        long goodTillDate = 0;
        if (type == "LIMIT")
        {
            tif = r.Required("timeInForce");
            if (tif is not ("GTC" or "IOC" or "FOK" or "GTX" or "GTD")) throw new BinanceRejection(-1115, "INVALID_TIF", "Invalid timeInForce.");
            if (tif == "GTD") goodTillDate = r.OptionalLong("goodTillDate") ?? throw BinanceRejection.Missing("goodTillDate");
            priceTick = CheckPrice(r.OptionalDecimal("price") ?? throw BinanceRejection.Missing("price"));
        }
        else if (r.Optional("price") is not null)
        {
            throw new BinanceRejection(-1106, "PARAM_NOT_REQUIRED", "Parameter 'price' sent when not required.");
        }
        long lots = CheckQuantity(quantity, type == "MARKET" ? Symbol.MaxMarketQuantity : Symbol.MaxQuantity);
        bool reduceOnly = r.Optional("reduceOnly") == "true";
        string clientId = r.Optional("newClientOrderId") ?? GeneratedClientId();
        if (!ClientOrderIdPattern().IsMatch(clientId)) throw new BinanceRejection(-4015, "INVALID_CL_ORD_ID_LEN", "Client order id is not valid.");
        string respType = r.Optional("newOrderRespType") ?? "ACK";
        if (respType is not ("ACK" or "RESULT")) throw BinanceRejection.Malformed("newOrderRespType");

        lock (_venue.Gate)
        {
            var account = _venue.Account;
            if (account.HasUsedClientId(clientId)) _venue.Summary.DuplicateClientOrderId();
            decimal notionalPrice = type == "LIMIT" ? Symbol.PriceOf(priceTick) : _venue.MarkPrice;
            if (!reduceOnly && notionalPrice * Symbol.QuantityOf(lots) < Symbol.MinNotional)
                throw new BinanceRejection(-4164, "MIN_NOTIONAL", $"Order's notional must be no smaller than {Symbol.MinNotional} (unless you choose reduce only).");
            if (account.IsOpenClientId(clientId)) throw new BinanceRejection(-4116, "DUPLICATED_CLIENT_ORDER_ID", "ClientOrderId is duplicated.");

            long nowMs = r.NowMs;
            var order = new EmulatedOrder
            {
                OrderId = account.NextOrderId(), ClientOrderId = clientId, Symbol = Symbol, Side = side, Type = type,
                TimeInForce = tif, PriceTick = priceTick, OriginalLots = lots, ReduceOnly = reduceOnly,
                SelfTradePrevention = r.Optional("selfTradePreventionMode") ?? "NONE", GoodTillDate = goodTillDate,
                Time = nowMs, UpdateTime = nowMs,
            };
            var reports = _venue.Request(new VenueCommand(VenueCommandKind.New, 0, (ulong)order.OrderId, side, priceTick,
                lots * Symbol.Instrument.LotSize, ToEngine(tif), type == "MARKET" ? OrderType.Market : OrderType.Limit, _venue.NowNanos)).ToArray();
            bool expiredUnfilled = reports.Length > 0 && reports.All(x => x.FillQuantity == 0 && x.Status == OrderStatus.Expired);
            if (tif == "GTX" && expiredUnfilled)
                throw new BinanceRejection(-5022, "GTX_ORDER_REJECT", "Due to the order could not be executed as maker, the Post Only order will be rejected. The order will not be recorded in the order history");
            if (tif == "FOK" && expiredUnfilled)
                throw new BinanceRejection(-5021, "FOK_ORDER_REJECT", "Due to the order could not be filled immediately, the FOK order has been rejected. The order will not be recorded in the order history");
            if (reports.Any(x => x.Request == OrderRequest.Rejected))
                throw new BinanceRejection(-2010, "NEW_ORDER_REJECTED", "Order rejected.");

            account.Add(order);
            account.MarkClientIdUsed(clientId);
            _venue.PublishOrderUpdate(order, "NEW", null, nowMs);
            byte[] ack = FuturesJson.NewOrder(order);
            foreach (var report in reports) _venue.ApplyReport(report, nowMs);
            return respType == "RESULT" ? FuturesJson.NewOrder(order) : ack;
        }
    }

    /// <summary><c>DELETE /fapi/v1/order</c>: -2011 "Unknown order sent." for an unknown or ended order.</summary>
    public byte[] Cancel(FuturesRequest r)
    {
        CheckSymbol(r);
        long? orderId = r.OptionalLong("orderId");
        string? clientId = r.Optional("origClientOrderId");
        if (orderId is null && clientId is null)
            throw new BinanceRejection(-1102, "MANDATORY_PARAM_EMPTY_OR_MALFORMED", "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
        lock (_venue.Gate)
        {
            var order = _venue.Account.Find(orderId, clientId);
            if (order is null || !order.IsOpen || (clientId is not null && order.ClientOrderId != clientId)) throw BinanceRejection.UnknownOrder();
            CancelOnEngine(order, r.NowMs);
            if (order.Status != "CANCELED") throw BinanceRejection.UnknownOrder();
            _venue.Summary.Cancelled();
            return FuturesJson.CancelledOrder(order);
        }
    }

    /// <summary><c>DELETE /fapi/v1/allOpenOrders</c>.</summary>
    public byte[] CancelAll(FuturesRequest r)
    {
        CheckSymbol(r);
        lock (_venue.Gate)
        {
            foreach (var order in _venue.Account.OpenOrders(Symbol.Name))
            {
                CancelOnEngine(order, r.NowMs);
                if (order.Status == "CANCELED") _venue.Summary.Cancelled();
            }
        }
        return FuturesJson.Error(200, "The operation of cancel all open order is done.");
    }

    /// <summary>
    /// <c>PUT /fapi/v1/order</c>: new price and quantity (both required). The order loses its queue place; it is
    /// cancelled instead when the new quantity is not above what has executed, or when a GTX would cross.
    /// </summary>
    public byte[] Modify(FuturesRequest r)
    {
        CheckSymbol(r);
        Side side = ParseSide(r.Required("side"));
        decimal quantity = r.OptionalDecimal("quantity") ?? throw BinanceRejection.Missing("quantity");
        decimal price = r.OptionalDecimal("price") ?? throw BinanceRejection.Missing("price");
        long? orderId = r.OptionalLong("orderId");
        string? clientId = r.Optional("origClientOrderId");
        if (orderId is null && clientId is null)
            throw new BinanceRejection(-1102, "MANDATORY_PARAM_EMPTY_OR_MALFORMED", "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
        long tick = CheckPrice(price);
        long lots = CheckQuantity(quantity, Symbol.MaxQuantity);
        lock (_venue.Gate)
        {
            var order = _venue.Account.Find(orderId, clientId);
            if (order is null || !order.IsOpen) throw BinanceRejection.NoSuchOrder();
            if (order.Type != "LIMIT") throw new BinanceRejection(-1116, "INVALID_ORDER_TYPE", "Invalid orderType.");
            if (side != order.Side) throw new BinanceRejection(-1102, "MANDATORY_PARAM_EMPTY_OR_MALFORMED", "Parameter 'side' does not match the order's side.");
            if (tick == order.PriceTick && lots == order.OriginalLots) throw new BinanceRejection(-5027, "NO_NEED_TO_MODIFY", "No need to modify the order.");
            if (Symbol.PriceOf(tick) * Symbol.QuantityOf(lots) < Symbol.MinNotional && !order.ReduceOnly)
                throw new BinanceRejection(-4164, "MIN_NOTIONAL", $"Order's notional must be no smaller than {Symbol.MinNotional} (unless you choose reduce only).");
            long nowMs = r.NowMs;
            var depth = _venue.Engine.Depth;
            bool gtxWouldCross = order.TimeInForce == "GTX" && (order.Side == Side.Buy ? tick >= depth.BestAskTick : tick <= depth.BestBidTick);
            if (lots <= order.ExecutedLots || gtxWouldCross)
            {
                CancelOnEngine(order, nowMs);
                _venue.Summary.Cancelled();
                return FuturesJson.ModifiedOrder(order);
            }
            var reports = _venue.Request(new VenueCommand(VenueCommandKind.Modify, 0, (ulong)order.OrderId, order.Side, tick,
                (lots - order.ExecutedLots) * Symbol.Instrument.LotSize, ToEngine(order.TimeInForce), OrderType.Limit, _venue.NowNanos)).ToArray();
            if (reports.Any(x => x.Request == OrderRequest.Rejected)) throw BinanceRejection.NoSuchOrder();
            order.PriceTick = tick;
            order.OriginalLots = lots;
            order.UpdateTime = nowMs;
            _venue.Summary.Amended();
            _venue.PublishOrderUpdate(order, "AMENDMENT", null, nowMs);
            foreach (var report in reports) _venue.ApplyReport(report, nowMs);
            return FuturesJson.ModifiedOrder(order);
        }
    }

    /// <summary><c>GET /fapi/v1/order</c>: -2013 for an unknown order.</summary>
    public byte[] Query(FuturesRequest r)
    {
        CheckSymbol(r);
        long? orderId = r.OptionalLong("orderId");
        string? clientId = r.Optional("origClientOrderId");
        if (orderId is null && clientId is null)
            throw new BinanceRejection(-1102, "MANDATORY_PARAM_EMPTY_OR_MALFORMED", "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
        lock (_venue.Gate)
        {
            var order = _venue.Account.Find(orderId, clientId) ?? throw BinanceRejection.NoSuchOrder();
            return JsonFrames.Build(w => FuturesJson.QueriedOrder(w, order));
        }
    }

    /// <summary><c>GET /fapi/v1/openOrders</c> (symbol optional).</summary>
    public byte[] OpenOrders(FuturesRequest r)
    {
        string? symbol = r.Optional("symbol");
        if (symbol is not null) CheckSymbol(r);
        lock (_venue.Gate)
        {
            var orders = _venue.Account.OpenOrders(symbol);
            return JsonFrames.Build(w =>
            {
                w.WriteStartArray();
                foreach (var o in orders) FuturesJson.QueriedOrder(w, o);
                w.WriteEndArray();
            });
        }
    }

    /// <summary><c>GET /fapi/v3/positionRisk</c>: only symbols with a position or open orders.</summary>
    public byte[] PositionRisk(FuturesRequest r)
    {
        if (r.Optional("symbol") is not null) CheckSymbol(r);
        lock (_venue.Gate)
        {
            var position = _venue.Account.Position(Symbol.Name);
            var (bids, asks) = _venue.OpenNotional();
            bool listed = position.Amount != 0 || _venue.Account.OpenCount > 0;
            return JsonFrames.Build(w =>
            {
                w.WriteStartArray();
                if (listed) FuturesJson.PositionRisk(w, Symbol, position, _venue.MarkPrice, bids, asks);
                w.WriteEndArray();
            });
        }
    }

    /// <summary><c>GET /fapi/v3/account</c> (fixture <c>rest-account-v3-response.json</c>).</summary>
    public byte[] AccountInfo(FuturesRequest r)
    {
        lock (_venue.Gate)
        {
            var account = _venue.Account;
            var position = account.Position(Symbol.Name);
            decimal mark = _venue.MarkPrice;
            decimal unrealized = position.Unrealized(mark);
            string wallet = FuturesJson.Amount(account.WalletBalance);
            string margin = FuturesJson.Amount(account.WalletBalance + unrealized);
            string upnl = FuturesJson.Amount(unrealized);
            string zero = FuturesJson.Amount(0);
            return JsonFrames.Build(w =>
            {
                w.WriteStartObject();
                w.WriteString("totalInitialMargin", zero);
                w.WriteString("totalMaintMargin", zero);
                w.WriteString("totalWalletBalance", wallet);
                w.WriteString("totalUnrealizedProfit", upnl);
                w.WriteString("totalMarginBalance", margin);
                w.WriteString("totalPositionInitialMargin", zero);
                w.WriteString("totalOpenOrderInitialMargin", zero);
                w.WriteString("totalCrossWalletBalance", wallet);
                w.WriteString("totalCrossUnPnl", upnl);
                w.WriteString("availableBalance", margin);
                w.WriteString("maxWithdrawAmount", wallet);
                w.WriteStartArray("assets");
                w.WriteStartObject();
                w.WriteString("asset", Symbol.QuoteAsset);
                w.WriteString("walletBalance", wallet);
                w.WriteString("unrealizedProfit", upnl);
                w.WriteString("marginBalance", margin);
                w.WriteString("maintMargin", zero);
                w.WriteString("initialMargin", zero);
                w.WriteString("positionInitialMargin", zero);
                w.WriteString("openOrderInitialMargin", zero);
                w.WriteString("crossWalletBalance", wallet);
                w.WriteString("crossUnPnl", upnl);
                w.WriteString("availableBalance", margin);
                w.WriteString("maxWithdrawAmount", wallet);
                w.WriteNumber("updateTime", position.UpdateTime);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteStartArray("positions");
                if (position.Amount != 0)
                {
                    w.WriteStartObject();
                    w.WriteString("symbol", Symbol.Name);
                    w.WriteString("positionSide", "BOTH");
                    w.WriteString("positionAmt", FuturesJson.SignedQuantity(Symbol, position.Amount));
                    w.WriteString("unrealizedProfit", upnl);
                    w.WriteString("isolatedMargin", zero);
                    w.WriteString("notional", FuturesJson.Amount(position.Amount * mark));
                    w.WriteString("isolatedWallet", "0");
                    w.WriteString("initialMargin", "0");
                    w.WriteString("maintMargin", "0");
                    w.WriteNumber("updateTime", position.UpdateTime);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }
    }

    // ---------------------------------------------------------------- checks

    private void CheckSymbol(FuturesRequest r)
    {
        if (r.Required("symbol") != Symbol.Name) throw BinanceRejection.BadSymbol();
    }

    private static Side ParseSide(string side) => side switch
    {
        "BUY" => Side.Buy,
        "SELL" => Side.Sell,
        _ => throw new BinanceRejection(-1117, "INVALID_SIDE", "Invalid side."),
    };

    /// <summary>PRICE_FILTER: bounds, then <c>(price - minPrice) % tickSize == 0</c> (-4014).</summary>
    private long CheckPrice(decimal price)
    {
        if (price < Symbol.MinPrice) throw new BinanceRejection(-4013, "PRICE_LESS_THAN_MIN_PRICE", "Price less than min price.");
        if (price > Symbol.MaxPrice) throw new BinanceRejection(-4016, "PRICE_GREATER_THAN_MAX_PRICE", "Price greater than max price.");
        if ((price - Symbol.MinPrice) % Symbol.TickSize != 0) throw new BinanceRejection(-4014, "PRICE_NOT_INCREASED_BY_TICK_SIZE", "Price not increased by tick size.");
        return (long)(price / Symbol.TickSize);
    }

    /// <summary>LOT_SIZE / MARKET_LOT_SIZE: bounds, then <c>(qty - minQty) % stepSize == 0</c> (-4023).</summary>
    private long CheckQuantity(decimal quantity, decimal max)
    {
        if (quantity <= 0) throw new BinanceRejection(-4003, "QTY_LESS_THAN_ZERO", "Quantity less than or equal to zero.");
        if (quantity < Symbol.MinQuantity) throw new BinanceRejection(-4004, "QTY_LESS_THAN_MIN_QTY", "Quantity less than min quantity.");
        if (quantity > max) throw new BinanceRejection(-4005, "QTY_GREATER_THAN_MAX_QTY", "Quantity greater than max quantity.");
        if ((quantity - Symbol.MinQuantity) % Symbol.StepSize != 0) throw new BinanceRejection(-4023, "QTY_NOT_INCREASED_BY_STEP_SIZE", "Quantity not increased by step size.");
        return (long)(quantity / Symbol.StepSize);
    }

    private void CancelOnEngine(EmulatedOrder order, long nowMs)
    {
        var reports = _venue.Request(new VenueCommand(VenueCommandKind.Cancel, 0, (ulong)order.OrderId, order.Side, order.PriceTick,
            order.LeavesLots * Symbol.Instrument.LotSize, ToEngine(order.TimeInForce), OrderType.Limit, _venue.NowNanos)).ToArray();
        foreach (var report in reports) _venue.ApplyReport(report, nowMs);
    }

    private static TimeInForce ToEngine(string tif) => tif switch
    {
        "GTX" => TimeInForce.Gtx,
        "IOC" => TimeInForce.Ioc,
        "FOK" => TimeInForce.Fok,
        _ => TimeInForce.Gtc, // GTD rests like GTC; the emulator does not expire it at goodTillDate
    };

    private static string GeneratedClientId()
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        Span<char> id = stackalloc char[22];
        for (int i = 0; i < id.Length; i++) id[i] = alphabet[Random.Shared.Next(alphabet.Length)];
        return new string(id);
    }
}
