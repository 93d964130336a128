using System.Globalization;
using Hft.Backtest.Venue;
using Hft.Core.Books;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Venues;

namespace Hft.Exchanges.Emulators.BinanceSpot;

/// <summary>
/// The account's orders on the matching engine, with spot's rules on top: no short sales (a buy locks its quote,
/// a sell its base, and an order the balance cannot cover is refused), balances freed on cancel and expiry, fills
/// moving base and quote with the commission taken from the asset received, and every change published on the
/// user-data stream (<c>executionReport</c> then <c>outboundAccountPosition</c>). Called under the venue's lock.
/// </summary>
public sealed class SpotTrading
{
    private readonly SpotVenue _venue;
    private readonly SimulatedExchange _engine;
    private readonly List<OrderReport> _reports = new();
    private long _nextExecutionId = 1_000;
    private long _generatedIds;

    internal SpotTrading(SpotVenue venue, SimulatedExchange engine, SpotAccount account)
    {
        _venue = venue;
        _engine = engine;
        Account = account;
    }

    /// <summary>The account.</summary>
    public SpotAccount Account { get; }

    private SpotSymbol Symbol => _venue.Symbol;

    /// <summary>Best price on the side an order of <paramref name="side"/> would take from, in ticks; null when that side is empty.</summary>
    public long? BestOpposite(Side side)
    {
        long best = side == Side.Buy ? _engine.Depth.BestAskTick : _engine.Depth.BestBidTick;
        return best is MarketDepth.InvalidMax or MarketDepth.InvalidMin ? null : best;
    }

    /// <summary>A client order id for requests that gave none (22 characters, as the venue's).</summary>
    public string GenerateClientId() => "emu" + (++_generatedIds).ToString("D19", CultureInfo.InvariantCulture);

    internal void OnMarketEvent(in MarketEvent row) => _engine.OnMarketEvent(in row, _reports);

    /// <summary>Applies the fills the replayed market caused.</summary>
    internal void ApplyMarketReports(long nowMs)
    {
        if (_reports.Count == 0) return;
        var reports = _reports.ToArray();
        _reports.Clear();
        foreach (var r in reports) Apply(r, nowMs, null);
    }

    /// <summary>
    /// Places a checked order: the matching engine's own refusals first (-2010 duplicate client id, a LIMIT_MAKER
    /// that would take, insufficient balance; -1013 MAX_NUM_ORDERS), then NEW and whatever executes at once.
    /// </summary>
    public (SpotOrder Order, List<SpotFill> Fills) Place(NewOrderSpec spec, long nowMs)
    {
        if (spec.ClientOrderId is { } requested)
        {
            if (Account.ReuseOfClientId(requested)) _venue.Summary.DuplicateClientOrderId();
            if (Account.ClientIdInUse(requested)) throw SpotRejection.NewOrder("Duplicate order sent.", "DUPLICATE_ORDER");
        }
        bool buy = spec.Side == Side.Buy;
        if (spec.Type != "MARKET" && Account.OpenCount >= Symbol.MaxOpenOrders) throw SpotRejection.Filter("MAX_NUM_ORDERS");
        long? opposite = BestOpposite(spec.Side);
        if (spec.Type == "LIMIT_MAKER" && opposite is { } best && (buy ? spec.PriceTick >= best : spec.PriceTick <= best))
            throw SpotRejection.NewOrder("Order would immediately match and take.", "WOULD_MATCH_IMMEDIATELY");
        decimal quantity = Symbol.QuantityOf(spec.Lots);
        decimal need = !buy ? quantity
            : spec.Type == "MARKET" ? (opposite is { } ask ? Symbol.PriceOf(ask) * quantity : 0m)
            : Symbol.PriceOf(spec.PriceTick) * quantity;
        var pays = Account.Balance(buy ? Symbol.QuoteAsset : Symbol.BaseAsset);
        if (pays.Free < need) throw SpotRejection.NewOrder("Account has insufficient balance for requested action.", "INSUFFICIENT_BALANCE");

        var order = new SpotOrder
        {
            OrderId = Account.NextOrderId(), ClientOrderId = spec.ClientOrderId ?? GenerateClientId(), Side = spec.Side,
            Type = spec.Type, TimeInForce = spec.TimeInForce, PriceTick = spec.PriceTick, QuantityLots = spec.Lots,
            QuoteOrderQuantity = spec.QuoteOrderQuantity, Time = nowMs, UpdateTime = nowMs,
        };
        if (spec.Type != "MARKET")
        {
            // A market order executes at once, so it holds nothing; a limit order holds what it could spend.
            pays.Lock(need);
            order.Locked = need;
            Account.UpdateTime = nowMs;
        }
        Account.Add(order);
        PublishOrder(order, "NEW", null, nowMs);
        if (order.Locked > 0) PublishBalances(nowMs);

        var tif = spec.Type == "LIMIT_MAKER" ? Hft.Core.Orders.TimeInForce.Gtx : spec.TimeInForce switch
        {
            "IOC" => Hft.Core.Orders.TimeInForce.Ioc,
            "FOK" => Hft.Core.Orders.TimeInForce.Fok,
            _ => Hft.Core.Orders.TimeInForce.Gtc,
        };
        var command = new VenueCommand(VenueCommandKind.New, 0, (ulong)order.OrderId, spec.Side, spec.PriceTick,
            spec.Lots * Symbol.Instrument.LotSize, tif, spec.Type == "MARKET" ? OrderType.Market : OrderType.Limit, _venue.NowNanos);
        var fills = new List<SpotFill>();
        foreach (var r in Request(command)) Apply(r, nowMs, fills);
        return (order, fills);
    }

    /// <summary>Cancels an open order; <paramref name="cancelClientId"/> is the cancel's own id (<c>c</c> of the event). -2011 if the engine no longer holds it.</summary>
    public void Cancel(SpotOrder order, string cancelClientId, long nowMs)
    {
        if (!order.IsOpen) throw SpotRejection.UnknownOrder();
        var reports = Request(new VenueCommand(VenueCommandKind.Cancel, 0, (ulong)order.OrderId, order.Side, order.PriceTick,
            order.LeavesLots * Symbol.Instrument.LotSize, Hft.Core.Orders.TimeInForce.Gtc, OrderType.Limit, _venue.NowNanos));
        if (!reports.Any(r => r.Status == OrderStatus.Canceled && r.Request != OrderRequest.Rejected)) throw SpotRejection.UnknownOrder();
        order.Status = "CANCELED";
        order.UpdateTime = nowMs;
        Release(order, nowMs);
        Account.Updated(order);
        _venue.Summary.Cancelled();
        PublishOrder(order, "CANCELED", null, nowMs, cancelClientId, order.ClientOrderId);
        PublishBalances(nowMs);
    }

    /// <summary>
    /// Lowers an open order's quantity keeping its queue position (the engine changes it in place); frees what the
    /// removed quantity held. Returns the execution id of the <c>REPLACED</c> event.
    /// </summary>
    public long Amend(SpotOrder order, long newLots, string? newClientId, long nowMs)
    {
        if (newClientId is not null && newClientId != order.ClientOrderId && Account.ClientIdInUse(newClientId))
            throw new SpotRejection(400, -2038, "Duplicate order sent.", "DUPLICATE_ORDER");
        var reports = Request(new VenueCommand(VenueCommandKind.Modify, 0, (ulong)order.OrderId, order.Side, order.PriceTick,
            (newLots - order.ExecutedLots) * Symbol.Instrument.LotSize, Hft.Core.Orders.TimeInForce.Gtc, OrderType.Limit, _venue.NowNanos));
        if (reports.Any(r => r.Request == OrderRequest.Rejected)) throw SpotRejection.NoSuchOrder();
        long removed = order.QuantityLots - newLots;
        order.QuantityLots = newLots;
        decimal freed = Math.Min(order.Locked, order.Side == Side.Buy ? Symbol.PriceOf(order.PriceTick) * Symbol.QuantityOf(removed) : Symbol.QuantityOf(removed));
        Account.Balance(order.Side == Side.Buy ? Symbol.QuoteAsset : Symbol.BaseAsset).Unlock(freed);
        order.Locked -= freed;
        string previous = order.ClientOrderId;
        if (newClientId is not null) order.ClientOrderId = newClientId;
        order.UpdateTime = nowMs;
        Account.UpdateTime = nowMs;
        Account.Updated(order, previous);
        _venue.Summary.Amended();
        long executionId = PublishOrder(order, "REPLACED", null, nowMs, null, previous);
        PublishBalances(nowMs);
        return executionId;
    }

    private List<OrderReport> Request(VenueCommand command)
    {
        var answers = new List<OrderReport>();
        _engine.OnRequest(command, _venue.NowNanos, answers);
        return answers;
    }

    private void Apply(OrderReport r, long nowMs, List<SpotFill>? fills)
    {
        if (r.Request == OrderRequest.Rejected || Account.Find((long)r.OrderId, null) is not { IsOpen: true } order) return;
        if (r.FillQuantity > 0) Fill(order, r, nowMs, fills);
        else if (r.Status == OrderStatus.Expired)
        {
            order.Status = "EXPIRED";
            order.UpdateTime = nowMs;
            bool held = order.Locked > 0;
            Release(order, nowMs);
            Account.Updated(order);
            PublishOrder(order, "EXPIRED", null, nowMs);
            if (held) PublishBalances(nowMs);
        }
    }

    private void Fill(SpotOrder order, OrderReport r, long nowMs, List<SpotFill>? fills)
    {
        long lots = Math.Min(PriceMath.ToLots(r.FillQuantity, Symbol.Instrument.LotSize), order.LeavesLots);
        if (lots <= 0) return;
        decimal price = Symbol.PriceOf(r.FillPriceTick);
        decimal quantity = Symbol.QuantityOf(lots);
        decimal quote = price * quantity;
        decimal rate = r.Maker ? _venue.Options.MakerFee : _venue.Options.TakerFee;
        var baseBalance = Account.Balance(Symbol.BaseAsset);
        var quoteBalance = Account.Balance(Symbol.QuoteAsset);
        bool buy = order.Side == Side.Buy;
        bool limit = order.Type != "MARKET";
        decimal commission;
        if (buy)
        {
            commission = Math.Round(quantity * rate, SpotSymbol.Decimals);
            if (limit)
            {
                // The order held its limit price; a better execution price frees the difference.
                decimal release = Math.Min(order.Locked, Symbol.PriceOf(order.PriceTick) * quantity);
                quoteBalance.Unlock(release);
                order.Locked -= release;
            }
            quoteBalance.Free -= quote;
            baseBalance.Free += quantity - commission;
            Account.NetBase += quantity;
        }
        else
        {
            commission = Math.Round(quote * rate, SpotSymbol.Decimals);
            if (limit)
            {
                decimal release = Math.Min(order.Locked, quantity);
                baseBalance.Locked -= release;
                order.Locked -= release;
            }
            else baseBalance.Free -= quantity;
            quoteBalance.Free += quote - commission;
            Account.NetBase -= quantity;
        }
        order.ExecutedLots += lots;
        order.CumulativeQuote += quote;
        order.Status = order.LeavesLots == 0 ? "FILLED" : "PARTIALLY_FILLED";
        order.UpdateTime = nowMs;
        if (order.LeavesLots == 0) Release(order, nowMs);
        Account.UpdateTime = nowMs;
        Account.Updated(order);
        _venue.Summary.Fill();
        var fill = new SpotFill(price, quantity, commission, commission > 0 ? (buy ? Symbol.BaseAsset : Symbol.QuoteAsset) : null, _venue.NextTradeId(), r.Maker);
        fills?.Add(fill);
        PublishOrder(order, "TRADE", fill, nowMs);
        PublishBalances(nowMs);
    }

    /// <summary>Frees whatever the order still holds (cancelled, expired, or filled with rounding left over).</summary>
    private void Release(SpotOrder order, long nowMs)
    {
        if (order.Locked <= 0) return;
        Account.Balance(order.Side == Side.Buy ? Symbol.QuoteAsset : Symbol.BaseAsset).Unlock(order.Locked);
        order.Locked = 0;
        Account.UpdateTime = nowMs;
    }

    private long PublishOrder(SpotOrder order, string execution, SpotFill? fill, long nowMs, string? requestClientId = null, string? originalClientId = null)
    {
        long executionId = ++_nextExecutionId;
        if (_venue.Users.Subscriptions > 0)
            _venue.Users.Publish(OrderJson.ExecutionReport(Symbol, order, execution, fill, nowMs, executionId, requestClientId, originalClientId));
        return executionId;
    }

    private void PublishBalances(long nowMs)
    {
        if (_venue.Users.Subscriptions == 0) return;
        _venue.Users.Publish(OrderJson.AccountPosition(nowMs, Account.UpdateTime,
            [Account.Balance(Symbol.BaseAsset), Account.Balance(Symbol.QuoteAsset)]));
    }
}
