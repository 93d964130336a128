using Hft.Backtest.Models.Fees;
using Hft.Backtest.Models.Queue;
using Hft.Backtest.Venue;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Venues;
using Hft.Exchanges.Emulators.Common;

namespace Hft.Exchanges.Emulators.BinanceFutures;

/// <summary>
/// The emulated venue's state behind one lock (<see cref="Gate"/>): the replayed market (its published book, the
/// depth, book-ticker and trade streams with their update ids), the matching engine (the backtest's simulated
/// exchange, fed the replayed rows as exchange events and the orders as requests at their arrival), the account,
/// and the listen key. Everything that changes state and everything it publishes happens under the lock, so the
/// streams, the REST snapshot and the account always agree.
/// </summary>
public sealed class FuturesVenue
{
    private static readonly int[] CadenceIntervals = [0, 100, 250, 500];
    private static readonly int[] PartialLevels = [5, 10, 20];

    private readonly BinanceFuturesOptions _options;
    private readonly MarketTape _tape;
    private readonly ReplayClock _replay;
    private readonly SimulatedExchange _engine;
    private readonly Random _idJumps;
    private readonly DepthCadence[] _cadences;
    private readonly Dictionary<(Side Side, long Tick), long> _changes = new();
    private readonly List<long> _removed = new();
    private readonly List<(long Tick, long Lots, bool BuyerInitiated)> _trades = new();
    private readonly List<OrderReport> _reports = new();
    private (long, long)? _lastBid, _lastAsk;
    private long _nextTradeId = 1_000_000;
    private long _nextAggregateId = 500_000;
    private long _nextConnectionId;
    private bool _silent;

    /// <summary>Builds the venue at the start of its tape; <see cref="RunAsync"/> replays it.</summary>
    public FuturesVenue(BinanceFuturesOptions options)
    {
        _options = options;
        _tape = options.Market;
        var instrument = new Instrument(options.Symbol.ToUpperInvariant(), "binance-futures", options.TickSize, options.LotSize).Validate();
        Symbol = new FuturesSymbol(instrument, options.MinNotional);
        _engine = ExchangeModels.Create(options.Matching, 0, instrument, options.Queue(),
            new TradingValueFeeModel(options.MakerFee, options.TakerFee));
        _replay = new ReplayClock(_tape, options.Speed);
        _idJumps = new Random(options.Seed);
        Faults = new FaultSwitches(options.Faults, options.Seed);
        Summary = new RunSummary();
        Limiter = new RateLimiter(options.Limits, Faults);
        Account = new FuturesAccount(options.InitialBalance, 8_000_000_001);
        ListenKeys = new ListenKeys(options.ListenKeyValidity);
        Market = new MarketStreams(Summary, options.MaxIncomingMessagesPerSecond, NextConnectionId);
        Users = new UserDataStreams(Summary, options.MaxIncomingMessagesPerSecond, NextConnectionId);
        long startId = 1_000_000_000L + options.Seed % 1000 * 1_000_000L;
        Book.LastUpdateId = startId;
        _cadences = CadenceIntervals.Select(i => new DepthCadence(i, startId)).ToArray();
    }

    /// <summary>The lock over all of the venue's state.</summary>
    public object Gate { get; } = new();
    /// <summary>The listed symbol.</summary>
    public FuturesSymbol Symbol { get; }
    /// <summary>The book as published (snapshots and diffs agree with it).</summary>
    public PublishedBook Book { get; } = new();
    /// <summary>The account.</summary>
    public FuturesAccount Account { get; }
    /// <summary>The account's listen key.</summary>
    public ListenKeys ListenKeys { get; }
    /// <summary>Market-data sockets.</summary>
    public MarketStreams Market { get; }
    /// <summary>User-data sockets.</summary>
    public UserDataStreams Users { get; }
    /// <summary>Injected faults.</summary>
    public FaultSwitches Faults { get; }
    /// <summary>Run counters.</summary>
    public RunSummary Summary { get; }
    /// <summary>Request and order limits.</summary>
    public RateLimiter Limiter { get; }
    /// <summary>The options it was started with.</summary>
    public BinanceFuturesOptions Options => _options;
    /// <summary>The matching engine (its book decides crossing).</summary>
    internal SimulatedExchange Engine => _engine;

    /// <summary>Wall time in ms: what E and T carry (the emulator is a live venue).</summary>
    public long NowMs => _options.Clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Wall time in ns: the matching engine's clock.</summary>
    public long NowNanos => (_options.Clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;

    private long NextConnectionId() => Interlocked.Increment(ref _nextConnectionId);

    // ---------------------------------------------------------------- replay

    /// <summary>Replays the tape until <paramref name="stop"/>; also flushes the slower depth streams and expires listen keys.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        const int batch = 5000; // messages per pass, so order entry is never locked out by a backlog
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
                FlushCadences(Environment.TickCount64);
                ExpireListenKey();
                waitNanos = processed >= batch ? 0 : _replay.NextDueNanos - _replay.ElapsedNanos;
            }
            long untilFlush = long.MaxValue;
            long tick = Environment.TickCount64;
            foreach (var c in _cadences) if (c.IntervalMs > 0 && c.HasPending) untilFlush = Math.Min(untilFlush, c.NextDue - tick);
            long waitMs = Math.Min(Math.Min(waitNanos / 1_000_000, untilFlush), 20);
            try
            {
                // Never spin: 1 ms late is within what a client sees from a real venue.
                await Task.Delay((int)Math.Max(1, waitMs), stop).ConfigureAwait(false);
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
                if (lots > 0 && row.Price > 0) _trades.Add((Symbol.Instrument.ToTick(row.Price), lots, row.IsBuy));
            }
        }
        long nowMs = NowMs;
        if (_trades.Count > 0) PublishTrades(nowMs);
        if (_changes.Count > 0) PublishDepth(nowMs);
        ApplyReports(nowMs);
    }

    private void PublishTrades(long nowMs)
    {
        string tradeStream = Symbol.StreamName + "@trade";
        string aggStream = Symbol.StreamName + "@aggTrade";
        int i = 0;
        while (i < _trades.Count)
        {
            // One aggregate trade per run of prints at one price by one aggressor side.
            int j = i;
            long lots = 0;
            long firstId = _nextTradeId + 1;
            while (j < _trades.Count && _trades[j].Tick == _trades[i].Tick && _trades[j].BuyerInitiated == _trades[i].BuyerInitiated)
            {
                var t = _trades[j];
                long id = ++_nextTradeId;
                lots += t.Lots;
                PublishMarket(tradeStream, () => FuturesJson.Trade(Symbol, nowMs, nowMs, id, t.Tick, t.Lots, buyerIsMaker: !t.BuyerInitiated));
                j++;
            }
            long aggId = ++_nextAggregateId;
            var first = _trades[i];
            long lastId = _nextTradeId;
            PublishMarket(aggStream, () => FuturesJson.AggregateTrade(Symbol, nowMs, aggId, first.Tick, lots, firstId, lastId, nowMs, !first.BuyerInitiated));
            i = j;
        }
    }

    private void PublishDepth(long nowMs)
    {
        // Futures ids are not contiguous between events: U jumps above the previous u + 1 (section 1.2.4).
        long first = Book.LastUpdateId + 1 + (_idJumps.Next(4) == 0 ? _idJumps.Next(1, 200) : 0);
        long last = first + _changes.Count - 1;
        Book.LastUpdateId = last;
        var bids = new List<(long, long)>();
        var asks = new List<(long, long)>();
        foreach (var ((side, tick), lots) in _changes.OrderBy(kv => kv.Key.Tick))
            (side == Side.Buy ? bids : asks).Add((tick, lots));
        bool gap = Faults.NextGap();
        foreach (var cadence in _cadences)
        {
            cadence.Add(first, last, bids, asks);
            if (gap) cadence.SkipNext = true;
            if (cadence.IntervalMs == 0) Flush(cadence, nowMs);
        }
        var bid = Book.BestBid;
        var ask = Book.BestAsk;
        if (bid != _lastBid || ask != _lastAsk)
        {
            _lastBid = bid;
            _lastAsk = ask;
            byte[]? ticker = null;
            PublishMarket(Symbol.StreamName + "@bookTicker", () => ticker ??= FuturesJson.BookTicker(Symbol, last, nowMs, nowMs, bid, ask));
            PublishMarket("!bookTicker", () => ticker ??= FuturesJson.BookTicker(Symbol, last, nowMs, nowMs, bid, ask));
        }
    }

    private void FlushCadences(long tick)
    {
        long nowMs = -1;
        foreach (var c in _cadences)
        {
            if (c.IntervalMs == 0) continue;
            if (!c.HasPending) { c.NextDue = Math.Max(c.NextDue, tick); continue; }
            if (tick < c.NextDue) continue;
            if (nowMs < 0) nowMs = NowMs;
            Flush(c, nowMs);
            c.NextDue = tick + c.IntervalMs;
        }
    }

    private void Flush(DepthCadence cadence, long nowMs)
    {
        bool skip = cadence.SkipNext;
        cadence.SkipNext = false;
        var (first, last, previous, bids, asks) = cadence.Take();
        if (skip) return; // the gap: the next frame's pu names this frame's u, which no client saw
        string sym = Symbol.StreamName;
        string suffix = cadence.IntervalMs == 250 ? "" : $"@{cadence.IntervalMs}ms";
        byte[]? diff = null;
        PublishMarket($"{sym}@depth{suffix}", () => diff ??= FuturesJson.DepthUpdate(Symbol, nowMs, nowMs, first, last, previous, bids, asks));
        if (cadence.IntervalMs == 250) PublishMarket($"{sym}@depth@250ms", () => diff ??= FuturesJson.DepthUpdate(Symbol, nowMs, nowMs, first, last, previous, bids, asks));
        if (cadence.IntervalMs == 0) return;
        foreach (int levels in PartialLevels)
        {
            PublishMarket($"{sym}@depth{levels}{suffix}", () =>
            {
                // A partial depth frame replaces the top of book; prices ascending on both sides as in the venue's example.
                var topBids = Book.Top(Side.Buy, levels);
                topBids.Reverse();
                return FuturesJson.DepthUpdate(Symbol, nowMs, nowMs, first, last, previous, topBids, Book.Top(Side.Sell, levels));
            });
        }
    }

    private void PublishMarket(string stream, Func<byte[]> build)
    {
        if (_silent || !Market.HasSubscribers(stream)) return;
        Market.Publish(stream, build(), Faults.NextFrameFault());
    }

    /// <summary>Drops every WebSocket connection (fault).</summary>
    public void DropConnections()
    {
        Market.DropAll();
        Users.DropAll();
        Faults.Record("disconnect");
    }

    /// <summary>Expires the active listen key now (fault): <c>listenKeyExpired</c> goes out at once.</summary>
    public void ExpireListenKeyNow()
    {
        lock (Gate)
        {
            ListenKeys.ExpireNow(NowMs);
            ExpireListenKey();
            Faults.Record("expire_listen_key");
        }
    }

    private void ExpireListenKey()
    {
        long nowMs = NowMs;
        if (ListenKeys.TakeExpired(nowMs) is { } key) Users.Expired(key, FuturesJson.ListenKeyExpired(nowMs, key));
    }

    // ---------------------------------------------------------------- orders

    /// <summary>Sends a request to the matching engine; its reports are returned (and owned by the caller until the next call).</summary>
    internal List<OrderReport> Request(VenueCommand command)
    {
        _reports.Clear();
        _engine.OnRequest(command, NowNanos, _reports);
        return _reports;
    }

    /// <summary>Applies the matching engine's pending reports (fills caused by market data).</summary>
    private void ApplyReports(long nowMs)
    {
        if (_reports.Count == 0) return;
        var reports = _reports.ToArray();
        _reports.Clear();
        foreach (var r in reports) ApplyReport(r, nowMs);
    }

    /// <summary>Turns one report into the account's state and the user stream's events (fills, cancels, expiries).</summary>
    internal void ApplyReport(OrderReport r, long nowMs)
    {
        if (r.Request == OrderRequest.Rejected || Account.Find((long)r.OrderId) is not { } order) return;
        if (r.FillQuantity > 0)
        {
            long lots = Math.Min(PriceMath.ToLots(r.FillQuantity, Symbol.Instrument.LotSize), order.LeavesLots);
            if (lots <= 0) return;
            decimal price = Symbol.PriceOf(r.FillPriceTick);
            decimal quantity = Symbol.QuantityOf(lots);
            order.ExecutedLots += lots;
            order.CumulativeQuote += price * quantity;
            order.Status = order.LeavesLots == 0 ? "FILLED" : "PARTIALLY_FILLED";
            order.UpdateTime = nowMs;
            Account.Updated(order);
            decimal fee = Math.Round((decimal)r.Fee, 8);
            var position = Account.Position(Symbol.Name);
            decimal realized = position.Apply(order.Side == Side.Buy ? quantity : -quantity, price);
            position.UpdateTime = nowMs;
            Account.WalletBalance += realized - fee;
            Summary.Fill();
            // The futures user stream gives the commission with a minus sign when it is a charge.
            var fill = new FillReport(lots, r.FillPriceTick, -fee, ++_nextTradeId, r.Maker, realized);
            PublishOrderUpdate(order, "TRADE", fill, nowMs);
            PublishAccountUpdate(nowMs);
            return;
        }
        switch (r.Status)
        {
            case OrderStatus.Canceled:
                order.Status = "CANCELED";
                order.UpdateTime = nowMs;
                Account.Updated(order);
                PublishOrderUpdate(order, "CANCELED", null, nowMs);
                break;
            case OrderStatus.Expired:
                order.Status = "EXPIRED";
                order.UpdateTime = nowMs;
                Account.Updated(order);
                // er 2: IOC remainder cancelled; 9: a market order that could not be filled in full.
                int reason = order.Type == "MARKET" ? 9 : order.TimeInForce == "IOC" ? 2 : 0;
                PublishOrderUpdate(order, "EXPIRED", null, nowMs, reason);
                break;
        }
    }

    /// <summary>Publishes an ORDER_TRADE_UPDATE on the active listen key's sockets.</summary>
    internal void PublishOrderUpdate(EmulatedOrder order, string execution, FillReport? fill, long nowMs, int expiryReason = 0)
    {
        if (ListenKeys.Active(nowMs) is not { } key) return;
        var (bids, asks) = OpenNotional();
        Users.Publish(key, "ORDER_TRADE_UPDATE", FuturesJson.OrderTradeUpdate(order, execution, fill, nowMs, bids, asks, expiryReason));
    }

    private void PublishAccountUpdate(long nowMs)
    {
        if (ListenKeys.Active(nowMs) is not { } key) return;
        var position = Account.Position(Symbol.Name);
        Users.Publish(key, "ACCOUNT_UPDATE", FuturesJson.AccountUpdate(nowMs, Symbol.QuoteAsset, Account.WalletBalance, 0m,
            [(Symbol, position, MarkPrice)]));
    }

    /// <summary>Notional of the open buy and sell orders (o.b, o.a; positionRisk's bid/ask notional).</summary>
    internal (decimal Bids, decimal Asks) OpenNotional()
    {
        decimal bids = 0, asks = 0;
        foreach (var o in Account.OpenOrders(null))
        {
            decimal v = Symbol.PriceOf(o.PriceTick) * Symbol.QuantityOf(o.LeavesLots);
            if (o.Side == Side.Buy) bids += v;
            else asks += v;
        }
        return (bids, asks);
    }

    /// <summary>The mark price: the published book's mid (0 while a side is empty).</summary>
    public decimal MarkPrice => Book.BestBid is { } b && Book.BestAsk is { } a ? (Symbol.PriceOf(b.Tick) + Symbol.PriceOf(a.Tick)) / 2 : 0;

    // ---------------------------------------------------------------- state

    /// <summary>The run summary now.</summary>
    public RunReport Report()
    {
        lock (Gate)
        {
            var positions = Account.Positions.ToDictionary(kv => kv.Key, kv => kv.Value.Amount);
            return Summary.Report("binance-futures", Account.OpenCount, positions, Faults.Injected);
        }
    }

    /// <summary><c>GET /admin/state</c>: the summary, and the published book's top levels with its last update id.</summary>
    public byte[] AdminState(int levels)
    {
        var report = Report();
        lock (Gate)
        {
            return JsonFrames.Build(w =>
            {
                w.WriteStartObject();
                w.WriteString("venue", "binance-futures");
                w.WriteString("symbol", Symbol.Name);
                w.WriteNumber("server_time", NowMs);
                w.WriteNumber("last_update_id", Book.LastUpdateId);
                FuturesJson.Levels(w, "bids", Symbol, Book.Top(Side.Buy, levels));
                FuturesJson.Levels(w, "asks", Symbol, Book.Top(Side.Sell, levels));
                w.WriteBoolean("listen_key_active", ListenKeys.Active(NowMs) is not null);
                w.WriteNumber("market_connections", Market.Count);
                w.WriteNumber("user_connections", Users.Count);
                w.WriteString("faults", Faults.Schedule.ToString());
                w.WriteStartObject("summary");
                report.WriteFields(w);
                w.WriteEndObject();
                w.WriteEndObject();
            });
        }
    }
}
