using Hft.Backtest.Models.Fees;
using Hft.Backtest.Models.Queue;
using Hft.Backtest.Venue;
using Hft.Core.Markets;
using Hft.Exchanges.Emulators.Common;

namespace Hft.Exchanges.Emulators.BinanceSpot;

/// <summary>
/// The emulated spot venue behind one lock (<see cref="Gate"/>): the replayed market (the published book, the
/// diff-depth, partial-depth, book-ticker and trade streams with contiguous update ids), the matching engine (the
/// backtest's no-partial-fill exchange with the risk-averse queue, fed the replayed rows as exchange events) and
/// the account (<see cref="Trading"/>). Everything that changes state and everything it publishes happens under
/// the lock, so the streams, the REST snapshot and the account always agree.
/// </summary>
public sealed class SpotVenue
{
    private static readonly int[] PartialLevels = [5, 10, 20];

    private readonly MarketTape _tape;
    private readonly ReplayClock _replay;
    private readonly DepthWindow[] _windows = [new DepthWindow(100), new DepthWindow(1000)];
    private readonly List<(bool Bid, long Tick, long Lots)> _changes = new();
    private readonly Dictionary<(bool Bid, long Tick), int> _changeIndex = new();
    private readonly List<long> _removed = new();
    private readonly List<(long Tick, long Lots, bool BuyerInitiated)> _trades = new();
    private (long, long)? _lastBid, _lastAsk;
    private long _nextTradeId = 3_000_000;
    private long _nextAggregateId = 700_000;
    private bool _silent;

    /// <summary>Builds the venue at the start of its tape; <see cref="RunAsync"/> replays it.</summary>
    public SpotVenue(BinanceSpotOptions options)
    {
        Options = options;
        _tape = options.Market;
        var instrument = new Instrument(options.Symbol.ToUpperInvariant(), "binance-spot", options.TickSize, options.LotSize).Validate();
        Symbol = new SpotSymbol(instrument, options.ResolvedBaseAsset, options.QuoteAsset, options.MinNotional);
        // Fees are charged by the account in decimals (in the asset received); the engine's own fee record is unused.
        var engine = ExchangeModels.Create(options.Matching, 0, instrument, options.Queue(), new TradingValueFeeModel(0, 0));
        _replay = new ReplayClock(_tape, options.Speed);
        Faults = new FaultSwitches(options.Faults, options.Seed);
        Summary = new RunSummary();
        Limiter = new SpotRateLimiter(options.Limits, Faults);
        Auth = new SignatureCheck(options.ApiKey, options.ApiSecret);
        var account = new SpotAccount([(Symbol.BaseAsset, options.InitialBase), (Symbol.QuoteAsset, options.InitialQuote)], 10_000_000);
        Trading = new SpotTrading(this, engine, account);
        Book.LastUpdateId = 5_000_000_000L + (options.Seed & 0xFFFF) * 1_000_000L;
    }

    /// <summary>The lock over all of the venue's state.</summary>
    public object Gate { get; } = new();
    /// <summary>The options it was started with.</summary>
    public BinanceSpotOptions Options { get; }
    /// <summary>The listed symbol.</summary>
    public SpotSymbol Symbol { get; }
    /// <summary>The book as published (snapshots and diffs agree with it).</summary>
    public PublishedBook Book { get; } = new();
    /// <summary>The account and its orders on the matching engine.</summary>
    public SpotTrading Trading { get; }
    /// <summary>Injected faults.</summary>
    public FaultSwitches Faults { get; }
    /// <summary>Run counters.</summary>
    public RunSummary Summary { get; }
    /// <summary>Request and order limits.</summary>
    public SpotRateLimiter Limiter { get; }
    /// <summary>Key and signature checks.</summary>
    public SignatureCheck Auth { get; }
    internal MarketStreams Market { get; } = new();
    internal UserDataStreams Users { get; } = new();

    /// <summary>Wall time in ms: what E and T carry (the emulator is a live venue).</summary>
    public long NowMs => Options.Clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Wall time in ns: the matching engine's clock.</summary>
    public long NowNanos => (Options.Clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;

    /// <summary>The next trade id (public trades and the account's fills share one numbering).</summary>
    internal long NextTradeId() => ++_nextTradeId;

    // ---------------------------------------------------------------- replay

    /// <summary>Replays the tape until <paramref name="stop"/>, and sends the slower depth streams when due.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        const int batch = 5000; // messages per pass, so order entry is never locked out by a backlog
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
                FlushWindows(Environment.TickCount64);
                waitNanos = processed >= batch ? 0 : _replay.NextDueNanos - _replay.ElapsedNanos;
            }
            long tick = Environment.TickCount64;
            long untilFlush = long.MaxValue;
            foreach (var w in _windows) if (w.HasPending) untilFlush = Math.Min(untilFlush, w.NextDue - tick);
            long waitMs = Math.Min(Math.Min(waitNanos / 1_000_000, untilFlush), 20);
            try
            {
                // Never spin: a millisecond late is within what a client sees from the real venue.
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
        _changeIndex.Clear();
        _trades.Clear();
        var instrument = Symbol.Instrument;
        foreach (ref readonly var row in rows)
        {
            Trading.OnMarketEvent(in row);
            ulong kind = row.Flags & 0xFF;
            if (kind == EventFlags.Depth || kind == EventFlags.DepthSnapshot)
            {
                if (!row.IsBuy && !row.IsSell) continue;
                Side side = row.IsBuy ? Side.Buy : Side.Sell;
                long tick = instrument.ToTick(row.Price);
                long lots = Math.Max(0, PriceMath.ToLots(row.Quantity, instrument.LotSize));
                if (Book.Set(side, tick, lots)) Changed(side == Side.Buy, tick, lots);
            }
            else if (kind == EventFlags.DepthClear)
            {
                long? upTo = double.IsFinite(row.Price) && (row.IsBuy || row.IsSell) ? instrument.ToTick(row.Price) : null;
                foreach (Side side in row.IsBuy ? [Side.Buy] : row.IsSell ? [Side.Sell] : (Side[])[Side.Buy, Side.Sell])
                {
                    _removed.Clear();
                    Book.Clear(side, upTo, _removed);
                    foreach (long t in _removed) Changed(side == Side.Buy, t, 0);
                }
            }
            else if (kind == EventFlags.Trade)
            {
                long lots = PriceMath.ToLots(row.Quantity, instrument.LotSize);
                if (lots > 0 && row.Price > 0) _trades.Add((instrument.ToTick(row.Price), lots, row.IsBuy));
            }
        }
        long nowMs = NowMs;
        foreach (var (tick, lots, buyer) in _trades) PublishTrade(nowMs, tick, lots, buyerIsMaker: !buyer);
        if (_changes.Count > 0) PublishDepth(nowMs);
        Trading.ApplyMarketReports(nowMs);
    }

    private void Changed(bool bid, long tick, long lots)
    {
        // One update id per level changed in the message: a level set twice in one message counts once.
        if (_changeIndex.TryGetValue((bid, tick), out int i)) _changes[i] = (bid, tick, lots);
        else
        {
            _changeIndex[(bid, tick)] = _changes.Count;
            _changes.Add((bid, tick, lots));
        }
    }

    /// <summary>Publishes one trade on <c>@trade</c> and <c>@aggTrade</c> (market prints and the account's own fills).</summary>
    internal void PublishTrade(long nowMs, long tick, long lots, bool buyerIsMaker, long? tradeId = null)
    {
        long id = tradeId ?? NextTradeId();
        string sym = Symbol.StreamName;
        PublishMarket(sym + "@trade", () => MarketJson.Trade(Symbol, nowMs, id, tick, lots, buyerIsMaker));
        if (Market.HasSubscribers(sym + "@aggTrade"))
        {
            long agg = ++_nextAggregateId;
            PublishMarket(sym + "@aggTrade", () => MarketJson.AggregateTrade(Symbol, nowMs, agg, id, tick, lots, buyerIsMaker));
        }
    }

    private void PublishDepth(long nowMs)
    {
        // Spot ids are contiguous: this message takes the ids right after the previous one's.
        long first = Book.LastUpdateId + 1;
        long last = first + _changes.Count - 1;
        Book.LastUpdateId = last;
        bool gap = Faults.NextGap();
        foreach (var window in _windows)
        {
            // A quiet window sends its first change at once; after an event the next waits out the interval.
            if (!window.HasPending) window.NextDue = Math.Max(window.NextDue, Environment.TickCount64);
            window.Add(first, last, _changes);
            if (gap) window.SkipNext = true;
        }
        var bid = Book.BestBid;
        var ask = Book.BestAsk;
        if (bid != _lastBid || ask != _lastAsk)
        {
            _lastBid = bid;
            _lastAsk = ask;
            PublishMarket(Symbol.StreamName + "@bookTicker", () => MarketJson.BookTicker(Symbol, last, bid, ask));
        }
    }

    private void FlushWindows(long tick)
    {
        foreach (var window in _windows)
        {
            if (!window.HasPending || tick < window.NextDue) continue;
            window.NextDue = tick + window.IntervalMs;
            bool skip = window.SkipNext;
            window.SkipNext = false;
            var (first, last, bids, asks) = window.Take();
            string suffix = window.IntervalMs == 1000 ? "" : "@100ms";
            string sym = Symbol.StreamName;
            long nowMs = NowMs;
            // The gap: this event is never sent, so the next one's U is above the last u a client saw + 1.
            if (!skip) PublishMarket($"{sym}@depth{suffix}", () => MarketJson.DepthUpdate(Symbol, nowMs, first, last, bids, asks));
            foreach (int levels in PartialLevels)
                PublishMarket($"{sym}@depth{levels}{suffix}", () => MarketJson.Book(Symbol, last, Book.Top(Side.Buy, levels), Book.Top(Side.Sell, levels)));
        }
    }

    private void PublishMarket(string stream, Func<byte[]> build)
    {
        if (_silent || !Market.HasSubscribers(stream)) return;
        Market.Publish(stream, build(), Faults.NextFrameFault());
    }

    // ---------------------------------------------------------------- faults

    /// <summary>Drops every WebSocket connection (fault).</summary>
    public void DropConnections()
    {
        Market.DropAll();
        Users.DropAll();
        Faults.Record("disconnect");
    }

    /// <summary>Sends <c>serverShutdown</c> on every market and WebSocket API connection (fault).</summary>
    public void ServerShutdown()
    {
        byte[] payload = MarketJson.ServerShutdown(NowMs);
        Market.ServerShutdown(payload);
        Users.ServerShutdown(payload);
        Faults.Record("server_shutdown");
    }

    /// <summary>Ends every user-data subscription with <c>eventStreamTerminated</c> (fault; spot has no listen key to expire).</summary>
    public void TerminateUserStreams()
    {
        lock (Gate)
        {
            Users.TerminateAll(OrderJson.EventStreamTerminated(NowMs));
            Faults.Record("event_stream_terminated");
        }
    }

    // ---------------------------------------------------------------- state

    /// <summary>The run summary now; positions are the base bought minus sold since start.</summary>
    public RunReport Report()
    {
        lock (Gate)
        {
            var positions = new Dictionary<string, decimal> { [Symbol.Name] = Trading.Account.NetBase };
            return Summary.Report("binance-spot", Trading.Account.OpenCount, positions, Faults.Injected);
        }
    }

    /// <summary><c>GET /admin/state</c>: the published book's top levels with its last update id, the balances and the summary.</summary>
    public byte[] AdminState(int levels)
    {
        var report = Report();
        lock (Gate)
        {
            return JsonBytes.Build(w =>
            {
                w.WriteStartObject();
                w.WriteString("venue", "binance-spot");
                w.WriteString("symbol", Symbol.Name);
                w.WriteNumber("server_time", NowMs);
                w.WriteNumber("last_update_id", Book.LastUpdateId);
                MarketJson.Levels(w, "bids", Symbol, Book.Top(Side.Buy, levels));
                MarketJson.Levels(w, "asks", Symbol, Book.Top(Side.Sell, levels));
                w.WriteStartObject("balances");
                foreach (var b in Trading.Account.Balances)
                {
                    w.WriteStartObject(b.Asset);
                    w.WriteDecimal("free", b.Free);
                    w.WriteDecimal("locked", b.Locked);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
                w.WriteNumber("market_connections", Market.Count);
                w.WriteNumber("ws_api_connections", Users.Count);
                w.WriteNumber("user_data_subscriptions", Users.Subscriptions);
                w.WriteString("faults", Faults.Schedule.ToString());
                w.WriteStartObject("summary");
                report.WriteFields(w);
                w.WriteEndObject();
                w.WriteEndObject();
            });
        }
    }
}
