using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Event;
using Hft.Backtest.Conversion;
using Hft.Core.Books;
using Hft.Core.Markets;
using Hft.Core.Runtime;
using Hft.Core.Venues;
using Hft.Exchanges.Binance.Common;
using Hft.Exchanges.Binance.Futures.Book;
using Hft.Exchanges.Binance.Futures.Http;
using Hft.Exchanges.Binance.Futures.Parsing;
using Hft.Exchanges.Common;
using static Hft.Exchanges.Binance.Common.JsonFields;

namespace Hft.Exchanges.Binance.Futures;

/// <summary>
/// The Binance USD-M futures gateway (<c>/venues/binance-futures</c>), on the live core loop. Market data: one combined
/// stream per instrument on <c>/public</c> (diff depth and trades), each frame turned into convert's rows and kept in
/// step with REST snapshots by a <see cref="FuturesDepthSynchronizer"/>. Trading: signed REST order entry, the user
/// stream on <c>/private</c> under a listen key kept alive by this actor, and an <see cref="OrderTracker"/> that turns
/// the venue's answers and events into the order-state actor's reports.
/// </summary>
public sealed class BinanceFuturesGateway : ReceiveActor, IDepthRowTarget, IWithTimers
{
    private const int MaxLoggedBadMessages = 20;
    private readonly FuturesGatewayOptions _options;
    private readonly IReadOnlyList<Instrument> _instruments;
    private readonly IReadOnlyList<MarketDepth> _books;
    private readonly IReadOnlyList<DirectEntry<IMarketEventSink>> _bookEntries;
    private readonly IReadOnlyList<DirectEntry<IMarketEventSink>> _venueEntries;
    private readonly CoreLoop _loop;
    private readonly IRawFrameRecorder? _recorder;
    private readonly FuturesRestClient _rest;
    private readonly ClientOrderIds _ids;
    private readonly OrderTracker _tracker;
    private readonly BinanceMessageParser _parser = new(BinanceVenue.Futures);
    private readonly EventRowStore _rows = new();
    private readonly FuturesDepthSynchronizer[] _sync;
    private readonly DecimalText[] _prices;
    private readonly DecimalText[] _quantities;
    private readonly Dictionary<string, int> _bySymbol = new(StringComparer.Ordinal);
    private readonly VenueStream?[] _marketStreams;
    private VenueStream? _userStream;
    private string? _listenKey;
    private IActorRef _reportTo = ActorRefs.Nobody;
    private ILoggingAdapter _log = null!;
    private string? _halted;
    private bool _stopping;

    /// <summary>Creates the gateway.</summary>
    /// <param name="options">Endpoints, keys and limits.</param>
    /// <param name="instruments">The instruments it carries (indexes are the session's).</param>
    /// <param name="books">The local books, read to catch a crossed book.</param>
    /// <param name="bookEntries">Where each instrument's rows go (its book actor).</param>
    /// <param name="venueEntries">Where rows also go at exchange time in paper mode (the simulated venue); empty otherwise.</param>
    /// <param name="loop">The live core loop.</param>
    /// <param name="statistics">Counts for the summary.</param>
    /// <param name="recorder">Raw frames for <c>record</c>, if recording.</param>
    public BinanceFuturesGateway(FuturesGatewayOptions options, IReadOnlyList<Instrument> instruments, IReadOnlyList<MarketDepth> books,
        IReadOnlyList<DirectEntry<IMarketEventSink>> bookEntries, IReadOnlyList<DirectEntry<IMarketEventSink>> venueEntries, CoreLoop loop,
        GatewayStatistics statistics, IRawFrameRecorder? recorder = null)
    {
        _options = options;
        _instruments = instruments;
        _books = books;
        _bookEntries = bookEntries;
        _venueEntries = venueEntries;
        _loop = loop;
        _recorder = recorder;
        Statistics = statistics;
        _rest = new FuturesRestClient(new BinanceRestTransport(options.RestUrl, options.ApiKey, options.ApiSecret,
            new BinanceRateLimits(options.WeightPerMinute, options.OrdersPer10s, options.OrdersPerMinute), recvWindowMs: options.RecvWindowMs,
            handler: options.RestHandler));
        _ids = new ClientOrderIds(options.ClientOrderPrefix);
        _tracker = new OrderTracker(instruments);
        _sync = instruments.Select((_, i) => new FuturesDepthSynchronizer(i, this)).ToArray();
        _prices = instruments.Select(i => new DecimalText(i.TickSize)).ToArray();
        _quantities = instruments.Select(i => new DecimalText(i.LotSize)).ToArray();
        _marketStreams = new VenueStream?[instruments.Count];
        for (int i = 0; i < instruments.Count; i++) _bySymbol[instruments[i].Symbol] = i;

        Receive<StreamFrame>(OnFrame);
        Receive<StreamConnected>(OnConnected);
        Receive<StreamDisconnected>(d => _log.Warning("{0}: stream {1} lost ({2}); reconnecting", _options.Name, StreamName(d.Stream), d.Why));
        Receive<SnapshotAnswer>(OnSnapshot);
        Receive<Started>(OnStarted);
        Receive<ListenKeyAnswer>(OnListenKey);
        Receive<KeepListenKeyAlive>(_ => KeepAlive());
        Receive<VenueCommand>(OnCommand);
        Receive<OrderAnswer>(OnOrderAnswer);
        Receive<ResolveOrder>(r => Query(r.Command));
        Receive<StopTrading>(OnStopTrading);
        Receive<Finished>(OnFinished);
        Receive<DirectDeliveryFailed>(failed => failed.Rethrow());
    }

    /// <summary>What it saw so far.</summary>
    public GatewayStatistics Statistics { get; }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    private int PrivateStreamId => _instruments.Count;

    private string StreamName(int id) => id == PrivateStreamId ? "user data" : _instruments[id].Symbol + " market data";

    /// <inheritdoc />
    protected override void PreStart()
    {
        _log = Context.GetLogger();
        var self = Self;
        StartUp().PipeTo(self);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        foreach (var s in _marketStreams) s?.Dispose();
        _userStream?.Dispose();
        _rest.Dispose();
    }

    // ---- start-up: server time, symbol rules, listen key, streams ----

    private async Task<Started> StartUp()
    {
        try
        {
            var time = await _rest.SyncTime().ConfigureAwait(false);
            if (!time.IsOk) return new Started("cannot read the server time: " + time.Describe(), null);
            var problems = new List<string>();
            foreach (var instrument in _instruments)
            {
                var (response, rules) = await _rest.SymbolRules(instrument.Symbol).ConfigureAwait(false);
                if (!response.IsOk) return new Started("cannot read the symbol rules: " + response.Describe(), null);
                if (rules is null) problems.Add($"{instrument.Symbol}: the venue does not list it");
                else problems.AddRange(rules.Check(instrument.TickSize, instrument.LotSize));
            }
            if (problems.Count > 0) return new Started(string.Join("; ", problems), null);
            if (!_options.Trading) return new Started(null, null);
            var key = await _rest.CreateListenKey().ConfigureAwait(false);
            if (!key.IsOk) return new Started("cannot create a listen key: " + key.Describe(), null);
            using var doc = key.Json();
            return new Started(null, String(doc.RootElement, "listenKey"));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return new Started("unexpected answer from the venue: " + e.Message, null);
        }
    }

    private void OnStarted(Started started)
    {
        if (started.Problem is { } problem)
        {
            _loop.Fail(new VenueStartException($"{_options.Name}: {problem}"));
            return;
        }
        _log.Info("{0}: server time offset {1} ms; symbol rules match the configuration", _options.Name, _rest.Transport.TimeOffsetMs);
        if (!_options.ConnectStreams) return;
        for (int i = 0; i < _instruments.Count; i++)
        {
            string symbol = _instruments[i].Symbol.ToLowerInvariant();
            var url = new Uri(_options.WsUrl, $"/public/stream?streams={symbol}{_options.DepthStream}/{symbol}@trade");
            _marketStreams[i] = new VenueStream(i, url, Self, _loop.Clock, new VenueStreamOptions { SilenceTimeout = _options.MarketSilenceTimeout });
            _ = _marketStreams[i]!.Start();
        }
        if (started.ListenKey is { } listenKey) ConnectUserStream(listenKey);
        if (_options.Trading) Timers.StartPeriodicTimer("listen-key", KeepListenKeyAlive.Instance, _options.ListenKeyKeepAlive);
    }

    private void ConnectUserStream(string listenKey)
    {
        _listenKey = listenKey;
        _userStream?.Dispose();
        // The events list is an allow-list: without listenKeyExpired the expiry would never be told.
        var url = new Uri(_options.WsUrl, $"/private/ws?listenKey={Uri.EscapeDataString(listenKey)}&events=ORDER_TRADE_UPDATE/ACCOUNT_UPDATE/listenKeyExpired");
        _userStream = new VenueStream(PrivateStreamId, url, Self, _loop.Clock, new VenueStreamOptions { SilenceTimeout = null });
        _ = _userStream.Start();
    }

    private void KeepAlive()
    {
        var self = Self;
        _rest.KeepAliveListenKey().ContinueWith(t => new ListenKeyAnswer(t.Result, Renewed: true), TaskScheduler.Default).PipeTo(self);
    }

    private void RenewListenKey()
    {
        var self = Self;
        _rest.CreateListenKey().ContinueWith(t => new ListenKeyAnswer(t.Result, Renewed: false), TaskScheduler.Default).PipeTo(self);
    }

    private void OnListenKey(ListenKeyAnswer answer)
    {
        var r = answer.Response;
        if (answer.Renewed)
        {
            if (r.IsOk) return;
            _log.Warning("{0}: listen key keep-alive failed ({1}); creating a new one", _options.Name, r.Describe());
            RenewListenKey();
            return;
        }
        if (!r.IsOk)
        {
            _log.Error("{0}: cannot create a listen key ({1}); user data stopped", _options.Name, r.Describe());
            return;
        }
        using var doc = r.Json();
        string key = String(doc.RootElement, "listenKey");
        // The same key comes back while it is still active: then the open stream goes on.
        if (key != _listenKey || _userStream is null) ConnectUserStream(key);
    }

    // ---- market data ----

    private void OnConnected(StreamConnected connected)
    {
        if (connected.Reconnect) Statistics.Reconnects++;
        if (connected.Stream == PrivateStreamId)
        {
            _log.Info("{0}: user data stream {1}", _options.Name, connected.Reconnect ? "reconnected" : "connected");
            return;
        }
        _log.Info("{0}: {1} stream {2}", _options.Name, _instruments[connected.Stream].Symbol, connected.Reconnect ? "reconnected" : "connected");
        // Whatever came before a reconnect may be missing from the stream: rebuild from a new snapshot.
        if (connected.Reconnect) Resync(connected.Stream, "reconnect");
        else RequestSnapshotIfWanted(connected.Stream);
    }

    private void OnFrame(StreamFrame frame)
    {
        try
        {
            Statistics.Frames++;
            if (frame.Stream == PrivateStreamId) OnUserFrame(frame);
            else OnMarketFrame(frame.Stream, frame);
        }
        finally
        {
            frame.Release();
        }
    }

    private void OnMarketFrame(int instrument, StreamFrame frame)
    {
        _recorder?.Record(instrument, frame.ReceivedAt, frame.Bytes);
        _rows.Clear();
        RawMessageKind kind;
        try
        {
            kind = _parser.ParseMessage(frame.Bytes, frame.ReceivedAt, _rows);
        }
        catch (FormatException e)
        {
            BadMessage(StreamName(instrument), e.Message, frame.Bytes);
            Resync(instrument, "bad message");
            return;
        }
        switch (kind)
        {
            case RawMessageKind.DepthUpdate:
                var ids = _parser.LastUpdate;
                if (!ids.HasIds || !ids.HasPreviousId)
                {
                    BadMessage(StreamName(instrument), "depthUpdate without U, u and pu", frame.Bytes);
                    Resync(instrument, "bad message");
                    return;
                }
                _sync[instrument].OnDiff(in ids, RowsSpan());
                CheckCrossed(instrument);
                RequestSnapshotIfWanted(instrument);
                break;
            case RawMessageKind.Trade:
                Apply(instrument, RowsSpan());
                break;
            case RawMessageKind.VenueError:
                _log.Warning("{0}: {1}: {2}", _options.Name, StreamName(instrument), _parser.LastVenueError);
                break;
        }
    }

    private ReadOnlySpan<MarketEvent> RowsSpan() => _rows.Count == 0 ? default : _rows.Chunk(0);

    private void CheckCrossed(int instrument)
    {
        var book = _books[instrument];
        if (_sync[instrument].IsSynced && book.HasBothSides && book.BestBidTick >= book.BestAskTick)
            Resync(instrument, $"crossed book (bid {book.BestBid} >= ask {book.BestAsk})");
    }

    private void Resync(int instrument, string reason)
    {
        var sync = _sync[instrument];
        bool wasSynced = sync.IsSynced;
        sync.Resync(reason);
        if (wasSynced)
        {
            Statistics.Resyncs++;
            _log.Warning("{0}: {1} book resync: {2}", _options.Name, _instruments[instrument].Symbol, reason);
        }
        RequestSnapshotIfWanted(instrument);
    }

    private void RequestSnapshotIfWanted(int instrument)
    {
        if (!_sync[instrument].TakeSnapshotRequest()) return;
        var self = Self;
        var clock = _loop.Clock;
        _rest.Depth(_instruments[instrument].Symbol, _options.SnapshotLevels)
            .ContinueWith(t => new SnapshotAnswer(instrument, t.Result, clock.Now), TaskScheduler.Default).PipeTo(self);
    }

    private void OnSnapshot(SnapshotAnswer answer)
    {
        int i = answer.Instrument;
        if (!answer.Response.IsOk)
        {
            _log.Warning("{0}: {1} depth snapshot failed ({2}); asking again", _options.Name, _instruments[i].Symbol, answer.Response.Describe());
            _sync[i].SnapshotFailed();
            return;
        }
        byte[] body = Encoding.UTF8.GetBytes(answer.Response.Body);
        _recorder?.Record(i, answer.ReceivedAt, body);
        _rows.Clear();
        long lastUpdateId;
        try
        {
            using (var doc = JsonDocument.Parse(body)) lastUpdateId = Int64(doc.RootElement, "lastUpdateId");
            if (_parser.ParseMessage(body, answer.ReceivedAt, _rows) != RawMessageKind.Snapshot) throw new FormatException("not a depth snapshot");
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            BadMessage(_instruments[i].Symbol + " depth snapshot", e.Message, body);
            _sync[i].SnapshotFailed();
            return;
        }
        _sync[i].OnSnapshot(lastUpdateId, RowsSpan());
        if (_sync[i].IsSynced) _log.Info("{0}: {1} book synced at update {2} ({3})", _options.Name, _instruments[i].Symbol, _sync[i].LastUpdateId, _sync[i].LastResyncReason);
        CheckCrossed(i);
        RequestSnapshotIfWanted(i);
    }

    /// <inheritdoc />
    public void Apply(int instrument, ReadOnlySpan<MarketEvent> rows)
    {
        var book = _bookEntries[instrument];
        var venue = _venueEntries.Count > 0 ? _venueEntries[instrument] : null;
        foreach (ref readonly var row in rows)
        {
            // As a converted recording has them: seen by the venue side and the local side.
            var flagged = row.WithFlags(row.Flags | EventFlags.Both);
            venue?.Deliver(instrument, in flagged);
            book.Deliver(instrument, in flagged);
        }
        Statistics.Rows += rows.Length;
    }

    private void BadMessage(string where, string problem, ReadOnlySpan<byte> bytes)
    {
        Statistics.BadMessages++;
        if (Statistics.BadMessages <= MaxLoggedBadMessages)
            _log.Warning("{0}: bad message on {1}: {2}: {3}", _options.Name, where, problem, FuturesUserDataParser.Preview(bytes));
    }

    // ---- orders ----

    private void OnCommand(VenueCommand command)
    {
        if (!_reportTo.Equals(Sender) && !Sender.IsNobody()) _reportTo = Sender;
        if (!_options.Trading || _halted is not null || _stopping)
        {
            string why = !_options.Trading ? "this gateway carries market data only" : _stopping ? "the session is stopping" : "trading halted: " + _halted;
            _reportTo.Tell(_tracker.Rejected(command, why), Self);
            return;
        }
        int i = command.Instrument;
        string symbol = _instruments[i].Symbol;
        string id = _ids.For(command.OrderId);
        if (command.Kind != VenueCommandKind.New && _tracker.InstrumentOf(command.OrderId) < 0)
        {
            _reportTo.Tell(_tracker.Rejected(command, "unknown order"), Self);
            return;
        }
        _tracker.OnCommand(command);
        Task<BinanceResponse> call;
        switch (command.Kind)
        {
            case VenueCommandKind.New:
                Statistics.OrdersSent++;
                call = _rest.NewOrder(symbol, id, command, _prices[i], _quantities[i]);
                break;
            case VenueCommandKind.Cancel:
                call = _rest.CancelOrder(symbol, id);
                break;
            default:
                call = _rest.ModifyOrder(symbol, id, command, _prices[i], _quantities[i]);
                break;
        }
        var self = Self;
        call.ContinueWith(t => new OrderAnswer(command, t.Result), TaskScheduler.Default).PipeTo(self);
    }

    private void OnOrderAnswer(OrderAnswer answer)
    {
        var command = answer.Command;
        var r = answer.Response;
        switch (r.Outcome)
        {
            case BinanceOutcome.Ok:
                ApplyOrderBody(command, r);
                break;
            case BinanceOutcome.Rejected when answer.IsQuery && r.Code == -2013:
                // The venue never took it: the new order ended without reaching the book.
                Statistics.Rejected++;
                Report(_tracker.Rejected(command, "the venue has no such order (after an unknown outcome): " + r.Describe()));
                break;
            case BinanceOutcome.Rejected:
            case BinanceOutcome.RateLimited:
                if (r.Outcome == BinanceOutcome.RateLimited) Statistics.RateLimited++;
                Statistics.Rejected++;
                if (!answer.IsQuery) Report(_tracker.Rejected(command, r.Describe()));
                if (r.Outcome == BinanceOutcome.RateLimited)
                    _log.Warning("{0}: rate limited ({1}); requests wait for Retry-After", _options.Name, r.Describe());
                break;
            case BinanceOutcome.Banned:
                Halt("the venue banned this IP (HTTP 418): " + r.Message);
                if (!answer.IsQuery) Report(_tracker.Rejected(command, r.Describe()));
                break;
            default:
                // Unknown outcome: the venue may have acted. Ask it (and listen to the user stream); never send again.
                Statistics.UnknownOutcomes++;
                _log.Warning("{0}: outcome of {1} {2} unknown ({3}); querying it", _options.Name, command.Kind, _ids.For(command.OrderId), r.Describe());
                Timers.StartSingleTimer("resolve-" + command.OrderId, new ResolveOrder(command), _options.UnknownOutcomeQueryDelay);
                break;
        }
    }

    private void Query(VenueCommand command)
    {
        if (!_tracker.IsOpen(command.OrderId)) return;
        var self = Self;
        _rest.QueryOrder(_instruments[command.Instrument].Symbol, _ids.For(command.OrderId))
            .ContinueWith(t => new OrderAnswer(command, t.Result, IsQuery: true), TaskScheduler.Default).PipeTo(self);
    }

    private void ApplyOrderBody(VenueCommand command, BinanceResponse r)
    {
        try
        {
            using var doc = r.Json();
            var (_, update) = FuturesUserDataParser.OrderResponse(doc.RootElement);
            if (_tracker.OnUpdate(command.OrderId, update) is { } report) Report(report);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            BadMessage("order answer", e.Message, Encoding.UTF8.GetBytes(r.Body));
        }
    }

    private void OnUserFrame(StreamFrame frame)
    {
        FuturesUserEvent ev;
        try
        {
            ev = FuturesUserDataParser.Parse(frame.Bytes);
        }
        catch (FormatException e)
        {
            BadMessage("user data", e.Message, frame.Bytes);
            return;
        }
        switch (ev)
        {
            case FuturesOrderEvent order when _ids.TryParse(order.Update.ClientOrderId, out ulong id):
                if (_tracker.OnUpdate(id, order.Update) is { } report) Report(report);
                break;
            case FuturesAccountEvent account:
                foreach (var (symbol, position) in account.Positions) Statistics.VenuePositions[symbol] = position;
                break;
            case FuturesListenKeyExpired:
                _log.Warning("{0}: listen key expired; creating a new one", _options.Name);
                _listenKey = null;
                RenewListenKey();
                break;
        }
    }

    private void Report(OrderReport report) => _reportTo.Tell(report, Self);

    private void Halt(string why)
    {
        if (_halted is not null) return;
        _halted = why;
        _log.Error("{0}: trading halted: {1}", _options.Name, why);
    }

    // ---- stop ----

    private void OnStopTrading(StopTrading stop)
    {
        _stopping = true;
        var replyTo = Sender;
        if (!_options.Trading)
        {
            replyTo.Tell(new TradingStopped(0), Self);
            return;
        }
        var self = Self;
        FinishTrading(stop.CancelOpenOrders).ContinueWith(
            t => t.IsCompletedSuccessfully ? t.Result with { ReplyTo = replyTo } : new Finished(replyTo, -1, []), TaskScheduler.Default).PipeTo(self);
    }

    private void OnFinished(Finished finished)
    {
        foreach (var (symbol, position) in finished.Positions) Statistics.VenuePositions[symbol] = position;
        Statistics.OpenOrdersAtExit = finished.OpenOrders;
        finished.ReplyTo.Tell(new TradingStopped(finished.OpenOrders), Self);
    }

    private async Task<Finished> FinishTrading(bool cancel)
    {
        var symbols = _instruments.Select(i => i.Symbol).ToArray();
        if (cancel)
        {
            foreach (var symbol in symbols) await _rest.CancelAll(symbol).ConfigureAwait(false);
        }
        int open = 0;
        var positions = new List<KeyValuePair<string, decimal>>();
        foreach (var symbol in symbols)
        {
            var r = await _rest.OpenOrders(symbol).ConfigureAwait(false);
            if (!r.IsOk) return new Finished(ActorRefs.Nobody, -1, positions);
            using (var doc = r.Json()) open += doc.RootElement.GetArrayLength();
            var p = await _rest.PositionRisk(symbol).ConfigureAwait(false);
            if (!p.IsOk) continue;
            using var pd = p.Json();
            positions.Add(new(symbol, FuturesRestClient.PositionOf(pd.RootElement, symbol)));
        }
        return new Finished(ActorRefs.Nobody, open, positions);
    }

    private sealed record Finished(IActorRef ReplyTo, int OpenOrders, IReadOnlyList<KeyValuePair<string, decimal>> Positions);

    private sealed record Started(string? Problem, string? ListenKey);

    private sealed record SnapshotAnswer(int Instrument, BinanceResponse Response, long ReceivedAt);

    private sealed record ListenKeyAnswer(BinanceResponse Response, bool Renewed);

    private sealed record OrderAnswer(VenueCommand Command, BinanceResponse Response, bool IsQuery = false);

    private sealed record ResolveOrder(VenueCommand Command);

    private sealed class KeepListenKeyAlive
    {
        public static readonly KeepListenKeyAlive Instance = new();
    }
}
