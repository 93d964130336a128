using System.Globalization;
using System.Text.RegularExpressions;
using Hft.Core.Markets;

namespace Hft.Exchanges.Emulators.Bybit;

/// <summary>
/// The signed endpoints (exchange-protocols 3.4.3): create, amend, cancel, cancel-all, open and ended orders, positions,
/// wallet. Each checks its parameters as the venue does and answers in its envelope; create, amend and cancel answer
/// "accepted" with <c>{orderId, orderLinkId}</c> and tell the outcome on the private stream.
/// </summary>
public sealed partial class BybitOrderEntry(BybitVenue venue)
{
    [GeneratedRegex("^[A-Za-z0-9_-]{1,36}$")]
    private static partial Regex LinkIdPattern();

    private BybitSymbol Symbol => venue.Symbol;

    private void CheckScope(BybitRequest r)
    {
        if (r.Required("category") != "linear") throw new BybitRejection(10001, "category only support linear in this emulator");
        if (r.Optional("symbol") is { } s && s != Symbol.Name) throw new BybitRejection(10001, "params error: symbol invalid");
    }

    /// <summary><c>POST /v5/order/create</c>.</summary>
    public byte[] Create(BybitRequest r) => Ack(r, CreateOrder(r));

    /// <summary>
    /// Checks and places an order (REST <c>/v5/order/create</c>, WebSocket <c>order.create</c>): the order accepted, whose
    /// outcome goes out on the private stream.
    /// </summary>
    /// <exception cref="BybitRejection">The venue refuses it.</exception>
    public BybitOrder CreateOrder(BybitRequest r)
    {
        CheckScope(r);
        r.Required("symbol");
        Side side = r.Required("side") switch { "Buy" => Side.Buy, "Sell" => Side.Sell, _ => throw BybitRejection.Parameter("side invalid") };
        string type = r.Required("orderType");
        if (type is not ("Limit" or "Market")) throw BybitRejection.Parameter("orderType invalid");
        string tif = r.Optional("timeInForce") ?? "GTC";
        if (tif is not ("GTC" or "PostOnly" or "IOC" or "FOK")) throw BybitRejection.Parameter("timeInForce invalid");
        if (r.Optional("positionIdx") is { } idx && idx != "0") throw new BybitRejection(10001, "position idx not match position mode");
        long lots = Lots(r.OptionalDecimal("qty") ?? throw BybitRejection.Parameter("qty is required"));
        long tick = 0;
        if (type == "Limit") tick = Tick(r.OptionalDecimal("price") ?? throw BybitRejection.Parameter("price is required for a limit order"));
        string linkId = r.Optional("orderLinkId") ?? "";
        if (linkId.Length > 0 && !LinkIdPattern().IsMatch(linkId)) throw BybitRejection.Parameter("orderLinkId invalid");
        bool reduceOnly = r.Optional("reduceOnly") == "true";
        lock (venue.Gate)
        {
            if (linkId.Length > 0 && venue.HasUsedLinkId(linkId))
            {
                venue.Summary.DuplicateClientOrderId();
                throw new BybitRejection(110072, "OrderLinkedID is duplicate");
            }
            decimal price = type == "Limit" ? Symbol.PriceOf(tick) : venue.MarkPrice;
            if (!reduceOnly && price * Symbol.QuantityOf(lots) < Symbol.MinNotional)
                throw new BybitRejection(110094, "Order does not meet minimum order value " + Symbol.MinNotional.ToString(CultureInfo.InvariantCulture) + "USDT");
            if (venue.OpenCount >= 500) throw new BybitRejection(110020, "Not allowed to have more than 500 active orders");
            return venue.Create(side, type, tif, tick, lots, linkId, reduceOnly);
        }
    }

    /// <summary><c>POST /v5/order/amend</c>: at least one of <c>qty</c>, <c>price</c>.</summary>
    public byte[] Amend(BybitRequest r) => Ack(r, AmendOrder(r));

    /// <summary>Amends an open order (REST <c>/v5/order/amend</c>, WebSocket <c>order.amend</c>); the order amended.</summary>
    /// <exception cref="BybitRejection">The venue refuses it.</exception>
    public BybitOrder AmendOrder(BybitRequest r)
    {
        CheckScope(r);
        decimal? qty = r.OptionalDecimal("qty"), price = r.OptionalDecimal("price");
        if (qty is null && price is null) throw new BybitRejection(10001, "params error: no parameter to amend");
        lock (venue.Gate)
        {
            var order = Target(r);
            long lots = qty is { } q ? Lots(q) : order.Lots;
            long tick = price is { } p ? Tick(p) : order.PriceTick;
            if (order.OrderType == "Market" || !venue.Amend(order, tick, lots)) throw BybitRejection.OrderNotExists();
            return order;
        }
    }

    /// <summary><c>POST /v5/order/cancel</c>.</summary>
    public byte[] Cancel(BybitRequest r) => Ack(r, CancelOrder(r));

    /// <summary>Cancels an open order (REST <c>/v5/order/cancel</c>, WebSocket <c>order.cancel</c>); the order cancelled.</summary>
    /// <exception cref="BybitRejection">The venue refuses it.</exception>
    public BybitOrder CancelOrder(BybitRequest r)
    {
        CheckScope(r);
        lock (venue.Gate)
        {
            var order = Target(r);
            if (!venue.Cancel(order)) throw BybitRejection.OrderNotExists();
            return order;
        }
    }

    /// <summary><c>POST /v5/order/cancel-all</c>: <c>result.list</c> of what was cancelled, <c>success</c> "1".</summary>
    public byte[] CancelAll(BybitRequest r)
    {
        CheckScope(r);
        lock (venue.Gate)
        {
            var cancelled = venue.Orders.Where(o => o.IsOpen).ToArray().Where(venue.Cancel).ToArray();
            return BybitJson.Envelope(r.NowMs, w =>
            {
                w.WriteStartArray("list");
                foreach (var o in cancelled)
                {
                    w.WriteStartObject();
                    w.WriteString("orderId", o.OrderId);
                    w.WriteString("orderLinkId", o.OrderLinkId);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteString("success", "1");
            }, retMsg: "OK");
        }
    }

    /// <summary><c>GET /v5/order/realtime</c>: open orders (by id if given), <c>limit</c> 1-50 (20), <c>cursor</c> paging.</summary>
    public byte[] Realtime(BybitRequest r) => List(r, open: true);

    /// <summary><c>GET /v5/order/history</c>: ended orders, newest first.</summary>
    public byte[] History(BybitRequest r) => List(r, open: false);

    private byte[] List(BybitRequest r, bool open)
    {
        CheckScope(r);
        int limit = r.Optional("limit") is { } l ? int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is >= 1 and <= 50 ? n
            : throw BybitRejection.Parameter("limit invalid") : 20;
        int start = r.Optional("cursor") is { } c ? int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out int k) ? k
            : throw BybitRejection.Parameter("cursor invalid") : 0;
        string? orderId = r.Optional("orderId"), linkId = r.Optional("orderLinkId");
        lock (venue.Gate)
        {
            IEnumerable<BybitOrder> matches = venue.Orders.Where(o => o.IsOpen == open);
            if (orderId is not null) matches = matches.Where(o => o.OrderId == orderId);
            else if (linkId is not null) matches = matches.Where(o => o.OrderLinkId == linkId);
            var all = (open ? matches : matches.Reverse()).ToArray();
            var page = all.Skip(start).Take(limit).ToArray();
            string next = start + page.Length < all.Length ? (start + page.Length).ToString(CultureInfo.InvariantCulture) : "";
            return BybitJson.Envelope(r.NowMs, w =>
            {
                w.WriteStartArray("list");
                foreach (var o in page) BybitJson.Order(w, Symbol, o);
                w.WriteEndArray();
                w.WriteString("nextPageCursor", next);
                w.WriteString("category", "linear");
            });
        }
    }

    /// <summary><c>GET /v5/position/list</c>.</summary>
    public byte[] Positions(BybitRequest r)
    {
        CheckScope(r);
        if (r.Optional("symbol") is null && r.Optional("settleCoin") is null) throw BybitRejection.Parameter("symbol or settleCoin is required");
        lock (venue.Gate)
        {
            var p = venue.Position;
            return BybitJson.Envelope(r.NowMs, w =>
            {
                w.WriteStartArray("list");
                BybitJson.Position(w, Symbol, p.Amount, p.EntryPrice, venue.MarkPrice, p.RealizedProfit, r.NowMs);
                w.WriteEndArray();
                w.WriteString("nextPageCursor", "");
                w.WriteString("category", "linear");
            });
        }
    }

    /// <summary><c>GET /v5/account/wallet-balance?accountType=UNIFIED</c>.</summary>
    public byte[] Wallet(BybitRequest r)
    {
        if (r.Required("accountType") != "UNIFIED") throw new BybitRejection(10001, "accountType only support UNIFIED");
        lock (venue.Gate)
        {
            string balance = venue.WalletBalance.ToString(CultureInfo.InvariantCulture);
            return BybitJson.Envelope(r.NowMs, w =>
            {
                w.WriteStartArray("list");
                w.WriteStartObject();
                w.WriteString("accountType", "UNIFIED");
                w.WriteString("totalEquity", balance);
                w.WriteString("totalWalletBalance", balance);
                w.WriteStartArray("coin");
                w.WriteStartObject();
                w.WriteString("coin", "USDT");
                w.WriteString("walletBalance", balance);
                w.WriteString("equity", balance);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndArray();
            });
        }
    }

    private BybitOrder Target(BybitRequest r)
    {
        string? orderId = r.Optional("orderId"), linkId = r.Optional("orderLinkId");
        if (orderId is null && linkId is null) throw BybitRejection.Parameter("orderId or orderLinkId is required");
        return venue.Find(orderId, linkId) ?? throw BybitRejection.OrderNotExists();
    }

    private static byte[] Ack(BybitRequest r, BybitOrder order) => BybitJson.Envelope(r.NowMs, w =>
    {
        w.WriteString("orderId", order.OrderId);
        w.WriteString("orderLinkId", order.OrderLinkId);
    });

    private long Lots(decimal qty)
    {
        decimal lots = qty / Symbol.QtyStep;
        if (lots != Math.Floor(lots) || lots < 1) throw new BybitRejection(10001, "Qty invalid: not a multiple of qtyStep " + Symbol.QuantityText(Symbol.QtyStep));
        if (qty > Symbol.MaxQuantity) throw new BybitRejection(10001, "The number of contracts exceeds maximum limit allowed");
        return (long)lots;
    }

    private long Tick(decimal price)
    {
        decimal ticks = price / Symbol.TickSize;
        if (price <= 0 || ticks != Math.Floor(ticks)) throw new BybitRejection(10001, "params error: price invalid, not a multiple of tickSize " + Symbol.PriceText(Symbol.TickSize));
        return (long)ticks;
    }
}
