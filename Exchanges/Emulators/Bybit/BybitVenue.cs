using System.Text.Json;
using Hft.Backtest.Models.Fees;
using Hft.Backtest.Models.Queue;
using Hft.Backtest.Venue;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Venues;
using Hft.Exchanges.Emulators.Common;

namespace Hft.Exchanges.Emulators.Bybit;

/// <summary>
/// The emulated Bybit v5 linear venue: it replays its tape as the public stream (a snapshot on subscribe, then one
/// delta per replayed message with <c>u</c> one past the last; level 1 and tickers paced on the replay clock, see
/// <see cref="BybitLevelOneBook"/> and <see cref="BybitTickerFeed"/>; trades), matches orders against that book with the
/// backtest's engine, and runs the private topics (order, execution, position). Faults: gaps (a <c>u</c> skipped),
/// <c>u = 1</c> resets, duplicated and reordered frames, silence, dropped connections. All state is under <see cref="Gate"/>.
/// </summary>
public sealed class BybitVenue
{
    private const int BookDepth = 50;
    private readonly BybitOptions _options;
    private readonly MarketTape _tape;
    private readonly ReplayClock _replay;
    private readonly SimulatedExchange _engine;
    private readonly List<OrderReport> _reports = new();
    private readonly Dictionary<(Side Side, long Tick), long> _changes = new();
    private readonly List<long> _removed = new();
    private readonly List<(long Tick, long Lots, bool BuyerInitiated)> _trades = new();
    private readonly List<BybitOrder> _orders = new();
    private readonly Dictionary<string, BybitOrder> _byLinkId = new(StringComparer.Ordinal);
    private readonly Dictionary<long, BybitOrder> _byNumber = new();
    private long _nextNumber = 1;
    private long _nextTradeId = 1_000_000;
    private long _nextMessageId = 1;
    private long _seq = 7_000_000_000;
    private long _nextConnectionId;
    private int _pendingResets;
    private bool _silent;
    private long _clockNanos;

    /// <summary>Builds the venue at the start of its tape; <see cref="RunAsync"/> replays it.</summary>
    public BybitVenue(BybitOptions options)
    {
        _options = options;
        _tape = options.Market;
        var instrument = new Instrument(options.Symbol.ToUpperInvariant(), "bybit", options.TickSize, options.LotSize).Validate();
        Symbol = new BybitSymbol(instrument, options.MinNotional);
        _engine = ExchangeModels.Create(options.Matching, 0, instrument, options.Queue(),
            new TradingValueFeeModel(options.MakerFee, options.TakerFee));
        _replay = new ReplayClock(_tape, options.Speed);
        Faults = new FaultSwitches(options.Faults, options.Seed);
        Summary = new RunSummary();
        WalletBalance = options.InitialBalance;
        // Bybit's u grows from wherever the book service started; each depth has its own.
        Book.LastUpdateId = 10_000_000L + options.Seed % 1000 * 10_000L;
        LevelOne = new BybitLevelOneBook(this, 2_000_000L + options.Seed % 1000 * 10_000L);
        Tickers = new BybitTickerFeed(this);
    }

    /// <summary>The lock over all of the venue's state.</summary>
    public object Gate { get; } = new();
    /// <summary>The instrument.</summary>
    public BybitSymbol Symbol { get; }
    /// <summary>The published book; its <see cref="PublishedBook.LastUpdateId"/> is the stream's <c>u</c>.</summary>
    public PublishedBook Book { get; } = new();
    /// <summary>The public stream's sockets.</summary>
    public BybitConnections Public { get; } = new();
    /// <summary>The private stream's sockets.</summary>
    public BybitConnections Private { get; } = new();
    /// <summary>The order-entry stream's (<c>/v5/trade</c>) sockets.</summary>
    public BybitConnections Trade { get; } = new();
    /// <summary><c>orderbook.1.{symbol}</c>: snapshot-only, repeated when unchanged.</summary>
    public BybitLevelOneBook LevelOne { get; }
    /// <summary><c>tickers.{symbol}</c>: snapshot, then deltas of what changed.</summary>
    public BybitTickerFeed Tickers { get; }
    /// <summary>
    /// The replay clock of the venue's push cadences, in nanoseconds of market time since the replay started: the time of the
    /// message being replayed, moving on with the wall clock (times the speed) while no message is due or the replay is paused.
    /// </summary>
    public long ClockNanos => _clockNanos;
    /// <summary>Faults, random and armed.</summary>
    public FaultSwitches Faults { get; }
    /// <summary>Counts for the run's summary.</summary>
    public RunSummary Summary { get; }
    /// <summary>The options.</summary>
    public BybitOptions Options => _options;
    /// <summary>The one-way position.</summary>
    public FuturesPosition Position { get; } = new();
    /// <summary>USDT wallet balance.</summary>
    public decimal WalletBalance { get; private set; }
    /// <summary>Wall time, ms.</summary>
    public long NowMs => _options.Clock.GetUtcNow().ToUnixTimeMilliseconds();
    private long NowNanos => (_options.Clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;

    /// <summary>The topic of the book at the depth the emulator serves.</summary>
    public string BookTopic => "orderbook." + BookDepth.ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + Symbol.Name;

    /// <summary>The trades topic.</summary>
    public string TradeTopic => "publicTrade." + Symbol.Name;

    /// <summary>A new connection number.</summary>
    public long NextConnectionId() => Interlocked.Increment(ref _nextConnectionId);

    /// <summary>The mid of the published book (0 while a side is empty).</summary>
    public decimal MarkPrice => Book.BestBid is { } b && Book.BestAsk is { } a ? (Symbol.PriceOf(b.Tick) + Symbol.PriceOf(a.Tick)) / 2 : 0;

    // ---------------------------------------------------------------- replay

    /// <summary>Replays the tape until <paramref name="stop"/>.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        const int batch = 5000;
        lock (Gate) _replay.Restart();
        while (!stop.IsCancellationRequested)
        {
            long waitNanos;
            lock (Gate)
            {
                long now = _replay.ElapsedNanos;
                int processed = 0;
                bool paused = Faults.IsPaused();
                while (!paused && processed < batch && _replay.NextDueNanos <= now)
                {
                    ReplayMessage(_tape.Message(_replay.NextIndex));
                    int loops = _replay.Loops;
                    _replay.Advance();
                    if (_replay.Loops != loops) Summary.Loop();
                    processed++;
                }
                // Time goes on between messages (and while paused): level 1 repeats itself, pending pushes go out.
                if (processed < batch) OnClock((long)(_replay.ElapsedNanos * _options.Speed), NowMs);
                waitNanos = processed >= batch ? 0 : _replay.NextDueNanos - _replay.ElapsedNanos;
            }
            try
            {
                await Task.Delay((int)Math.Clamp(waitNanos / 1_000_000, 1, 20), stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private void ReplayMessage(ReadOnlySpan<MarketEvent> rows)
    {
        Summary.MarketMessage();
        _silent = Faults.IsStale();
        if (Faults.NextDisconnect()) DropConnections();
        _changes.Clear();
        _trades.Clear();
        double lot = Symbol.Instrument.LotSize;
        foreach (ref readonly var row in rows)
        {
            _engine.OnMarketEvent(in row, _reports);
            ulong kind = row.Flags & 0xFF;
            if (kind == EventFlags.Depth || kind == EventFlags.DepthSnapshot)
            {
                Side side = row.IsBuy ? Side.Buy : row.IsSell ? Side.Sell : Side.None;
                if (side == Side.None) continue;
                long tick = Symbol.Instrument.ToTick(row.Price);
                long lots = Math.Max(0, PriceMath.ToLots(row.Quantity, lot));
                if (Book.Set(side, tick, lots)) _changes[(side, tick)] = lots;
            }
            else if (kind == EventFlags.DepthClear)
            {
                long? upTo = double.IsFinite(row.Price) && (row.IsBuy || row.IsSell) ? Symbol.Instrument.ToTick(row.Price) : null;
                foreach (Side side in row.IsBuy ? [Side.Buy] : row.IsSell ? [Side.Sell] : (Side[])[Side.Buy, Side.Sell])
                {
                    _removed.Clear();
                    Book.Clear(side, upTo, _removed);
                    foreach (long t in _removed) _changes[(side, t)] = 0;
                }
            }
            else if (kind == EventFlags.Trade)
            {
                long lots = PriceMath.ToLots(row.Quantity, lot);
                if (lots > 0 && row.Price > 0)
                {
                    long tick = Symbol.Instrument.ToTick(row.Price);
                    _trades.Add((tick, lots, row.IsBuy));
                    Tickers.OnTrade(tick, lots);
                }
            }
        }
        long nowMs = NowMs;
        if (_changes.Count > 0 || _pendingResets > 0) PublishDepth(nowMs);
        // The message's own market time (it is replayed now, before the clock moves past it).
        OnClock((long)(_replay.NextDueNanos * _options.Speed), nowMs);
        if (_trades.Count > 0 && !_silent && Public.HasSubscribers(TradeTopic))
            Public.Publish(TradeTopic, BybitJson.Trades(Symbol, nowMs, _trades, ref _nextTradeId, ++_seq), Faults.NextFrameFault());
        ApplyReports(nowMs);
    }

    private void PublishDepth(long nowMs)
    {
        if (_pendingResets > 0)
        {
            // The book service restarted: u starts again at 1 with the whole book.
            _pendingResets--;
            Faults.Record("reset");
            Book.LastUpdateId = 1;
            LevelOne.Reset();
            if (!_silent) Public.Publish(BookTopic, Snapshot(nowMs));
            return;
        }
        long u = ++Book.LastUpdateId;
        // A gap: the frame is not sent, so the next one's u is two past the last a client saw.
        if (Faults.NextGap() || _silent || !Public.HasSubscribers(BookTopic)) return;
        var bids = new List<(long, long)>();
        var asks = new List<(long, long)>();
        foreach (var ((side, tick), lots) in _changes.OrderBy(kv => kv.Key.Side == Side.Buy ? -kv.Key.Tick : kv.Key.Tick))
            (side == Side.Buy ? bids : asks).Add((tick, lots));
        Public.Publish(BookTopic, BybitJson.OrderBook(Symbol, BookDepth, snapshot: false, nowMs, u, ++_seq, bids, asks), Faults.NextFrameFault());
    }

    /// <summary>The book's snapshot now (sent on subscribe).</summary>
    public byte[] Snapshot(long nowMs) =>
        BybitJson.OrderBook(Symbol, BookDepth, snapshot: true, nowMs, Book.LastUpdateId, ++_seq, Book.Top(Side.Buy, BookDepth), Book.Top(Side.Sell, BookDepth));

    /// <summary>The next cross sequence (<c>seq</c>, <c>cs</c>): shared by every public topic, so it orders them.</summary>
    public long NextCrossSequence() => ++_seq;

    // The pushes paced on the replay clock; the clock never goes back (catching up after a pause replays older messages).
    private void OnClock(long nanos, long nowMs)
    {
        if (nanos > _clockNanos) _clockNanos = nanos;
        LevelOne.Tick(_clockNanos, nowMs, _silent);
        Tickers.Tick(_clockNanos, nowMs, _silent);
    }

    /// <summary>Arms <paramref name="count"/> <c>u = 1</c> resets, one per replayed message.</summary>
    public void ArmResets(int count)
    {
        lock (Gate) _pendingResets += count;
    }

    /// <summary>Drops every WebSocket connection (fault).</summary>
    public void DropConnections()
    {
        Public.DropAll();
        Private.DropAll();
        Trade.DropAll();
        Faults.Record("disconnect");
    }

    // ---------------------------------------------------------------- orders

    /// <summary>True if <paramref name="orderLinkId"/> was ever used (Bybit refuses it again: 110072).</summary>
    public bool HasUsedLinkId(string orderLinkId) => _byLinkId.ContainsKey(orderLinkId);

    /// <summary>Creates an order and matches it; the answer means "accepted", the outcome goes out on the private stream.</summary>
    public BybitOrder Create(Side side, string orderType, string tif, long priceTick, long lots, string orderLinkId, bool reduceOnly)
    {
        long nowMs = NowMs;
        long number = _nextNumber++;
        var order = new BybitOrder
        {
            Number = number, OrderId = BybitJson.Uuid(number * 7919 + 13), OrderLinkId = orderLinkId, Side = side, OrderType = orderType,
            TimeInForce = orderType == "Market" ? "IOC" : tif, PriceTick = priceTick, Lots = lots, ReduceOnly = reduceOnly,
            CreatedTime = nowMs, UpdatedTime = nowMs,
        };
        _orders.Add(order);
        _byNumber[number] = order;
        if (orderLinkId.Length > 0) _byLinkId[orderLinkId] = order;
        var engineTif = order.TimeInForce switch { "PostOnly" => TimeInForce.Gtx, "IOC" => TimeInForce.Ioc, "FOK" => TimeInForce.Fok, _ => TimeInForce.Gtc };
        _reports.Clear();
        _engine.OnRequest(new VenueCommand(VenueCommandKind.New, 0, (ulong)number, side, priceTick, lots * Symbol.Instrument.LotSize, engineTif,
            orderType == "Market" ? OrderType.Market : OrderType.Limit, NowNanos), NowNanos, _reports);
        PublishOrder(order, nowMs);
        ApplyReports(nowMs);
        PublishPosition(nowMs);
        return order;
    }

    /// <summary>Cancels an open order (false if it is not open).</summary>
    public bool Cancel(BybitOrder order)
    {
        if (!order.IsOpen) return false;
        _reports.Clear();
        _engine.OnRequest(new VenueCommand(VenueCommandKind.Cancel, 0, (ulong)order.Number, order.Side, order.PriceTick, 0, TimeInForce.Gtc,
            OrderType.Limit, NowNanos), NowNanos, _reports);
        ApplyReports(NowMs);
        if (order.IsOpen)
        {
            // The engine no longer rests it (an IOC remainder): end it here.
            order.Status = "Cancelled";
            order.CancelType = "CancelByUser";
            order.UpdatedTime = NowMs;
            PublishOrder(order, order.UpdatedTime);
        }
        Summary.Cancelled();
        PublishPosition(NowMs);
        return true;
    }

    /// <summary>Amends an open order's price and/or quantity (false if it is not open).</summary>
    public bool Amend(BybitOrder order, long priceTick, long lots)
    {
        if (!order.IsOpen) return false;
        if (lots <= order.FilledLots)
        {
            // Nothing left to fill at the new size: the order ends as cancelled, as the venue does.
            Cancel(order);
            return true;
        }
        _reports.Clear();
        _engine.OnRequest(new VenueCommand(VenueCommandKind.Modify, 0, (ulong)order.Number, order.Side, priceTick,
            (lots - order.FilledLots) * Symbol.Instrument.LotSize, order.TimeInForce == "PostOnly" ? TimeInForce.Gtx : TimeInForce.Gtc, OrderType.Limit, NowNanos),
            NowNanos, _reports);
        order.PriceTick = priceTick;
        order.Lots = lots;
        order.UpdatedTime = NowMs;
        Summary.Amended();
        PublishOrder(order, order.UpdatedTime);
        ApplyReports(order.UpdatedTime);
        PublishPosition(order.UpdatedTime);
        return true;
    }

    /// <summary>The order with <paramref name="orderLinkId"/> or <paramref name="orderId"/> (orderId wins), or null.</summary>
    public BybitOrder? Find(string? orderId, string? orderLinkId)
    {
        if (orderId is not null) return _orders.FirstOrDefault(o => o.OrderId == orderId);
        return orderLinkId is not null ? _byLinkId.GetValueOrDefault(orderLinkId) : null;
    }

    /// <summary>Every order, oldest first.</summary>
    public IReadOnlyList<BybitOrder> Orders => _orders;

    /// <summary>Open orders now.</summary>
    public int OpenCount => _orders.Count(o => o.IsOpen);

    private void ApplyReports(long nowMs)
    {
        if (_reports.Count == 0) return;
        var reports = _reports.ToArray();
        _reports.Clear();
        foreach (var r in reports) ApplyReport(r, nowMs);
    }

    private void ApplyReport(OrderReport r, long nowMs)
    {
        if (!_byNumber.TryGetValue((long)r.OrderId, out var order) || !order.IsOpen) return;
        if (r.Request == OrderRequest.Rejected)
        {
            order.Status = "Rejected";
            order.RejectReason = "EC_NoError";
            order.UpdatedTime = nowMs;
            PublishOrder(order, nowMs);
            return;
        }
        if (r.FillQuantity > 0)
        {
            long lots = Math.Min(PriceMath.ToLots(r.FillQuantity, Symbol.Instrument.LotSize), order.LeavesLots);
            if (lots <= 0) return;
            decimal price = Symbol.PriceOf(r.FillPriceTick), quantity = Symbol.QuantityOf(lots);
            decimal fee = Math.Round((decimal)r.Fee, 8);
            order.FilledLots += lots;
            order.CumulativeValue += price * quantity;
            order.CumulativeFee += fee;
            order.Status = order.FilledLots >= order.Lots ? "Filled" : "PartiallyFilled";
            order.UpdatedTime = nowMs;
            decimal realized = Position.Apply(order.Side == Side.Buy ? quantity : -quantity, price);
            WalletBalance += realized - fee;
            Summary.Fill();
            long execId = ++_nextTradeId;
            decimal rate = (decimal)(r.Maker ? _options.MakerFee : _options.TakerFee);
            // The execution first (the faster topic), then the order's new state, then the position.
            PublishPrivate("execution", w => BybitJson.Execution(w, Symbol, order, lots, r.FillPriceTick, fee, rate, r.Maker, execId, nowMs), nowMs);
            PublishOrder(order, nowMs);
            PublishPosition(nowMs);
            return;
        }
        switch (r.Status)
        {
            case OrderStatus.Canceled:
                order.Status = "Cancelled";
                order.CancelType = "CancelByUser";
                order.UpdatedTime = nowMs;
                PublishOrder(order, nowMs);
                break;
            case OrderStatus.Expired:
                // A post-only that would take liquidity, or an IOC/FOK/market order with nothing (more) to fill: ended by the venue.
                order.Status = "Cancelled";
                order.RejectReason = order.TimeInForce == "PostOnly" ? "EC_PostOnlyWillTakeLiquidity" : "EC_NoImmediateQtyToFill";
                order.UpdatedTime = nowMs;
                PublishOrder(order, nowMs);
                break;
        }
    }

    // Bybit sends a position message on every fill and on every order create, amend and cancel, even when the position did not change.
    private void PublishPosition(long nowMs) =>
        PublishPrivate("position", w => BybitJson.Position(w, Symbol, Position.Amount, Position.EntryPrice, MarkPrice, Position.RealizedProfit, nowMs), nowMs);

    private void PublishOrder(BybitOrder order, long nowMs) => PublishPrivate("order", w => BybitJson.Order(w, Symbol, order), nowMs);

    private void PublishPrivate(string topic, Action<Utf8JsonWriter> item, long nowMs)
    {
        if (!Private.HasSubscribers(topic)) return;
        Private.Publish(topic, BybitJson.Topic(topic, _nextMessageId++, nowMs, item));
    }

    // ---------------------------------------------------------------- state

    /// <summary>The run summary now.</summary>
    public RunReport Report()
    {
        lock (Gate)
            return Summary.Report("bybit", OpenCount, new Dictionary<string, decimal> { [Symbol.Name] = Position.Amount }, Faults.Injected);
    }

    /// <summary><c>GET /admin/state</c>: the summary, and the published book's top levels with its <c>u</c>.</summary>
    public byte[] AdminState(int levels)
    {
        var report = Report();
        lock (Gate)
        {
            return JsonFrames.Build(w =>
            {
                w.WriteStartObject();
                w.WriteString("venue", "bybit");
                w.WriteString("symbol", Symbol.Name);
                w.WriteNumber("server_time", NowMs);
                w.WriteNumber("last_update_id", Book.LastUpdateId);
                w.WriteNumber("level1_update_id", LevelOne.UpdateId);
                WriteLevels(w, "bids", Book.Top(Side.Buy, levels));
                WriteLevels(w, "asks", Book.Top(Side.Sell, levels));
                w.WriteNumber("market_connections", Public.Count);
                w.WriteNumber("user_connections", Private.Count);
                w.WriteNumber("trade_connections", Trade.Count);
                w.WriteString("last_price", Tickers.LastTradeTick is { } last ? Symbol.PriceText(last) : "");
                w.WriteString("faults", Faults.Schedule.ToString());
                w.WriteStartObject("summary");
                report.WriteFields(w);
                w.WriteEndObject();
                w.WriteEndObject();
            });
        }
    }

    private void WriteLevels(Utf8JsonWriter w, string name, List<(long Tick, long Lots)> levels)
    {
        w.WriteStartArray(name);
        foreach (var (tick, lots) in levels)
        {
            w.WriteStartArray();
            w.WriteStringValue(Symbol.PriceText(tick));
            w.WriteStringValue(Symbol.QuantityText(lots));
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }
}
