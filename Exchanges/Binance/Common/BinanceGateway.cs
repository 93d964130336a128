using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Event;
using Hft.Backtest.Conversion;
using Hft.Core.Books;
using Hft.Core.Markets;
using Hft.Core.Runtime;
using Hft.Core.Venues;
using Hft.Exchanges.Common;
using Hft.Exchanges.Common.Reconciliation;
using static Hft.Exchanges.Common.JsonFields;

namespace Hft.Exchanges.Binance.Common;

/// <summary>
/// A Binance gateway (<c>/venues/binance-futures</c>, <c>/venues/binance-spot</c>) on the live core loop; what differs
/// between the markets is an <see cref="IBinanceMarket"/>. Market data: one combined stream per instrument (diff depth
/// and trades), each frame turned into convert's rows and kept in step with REST snapshots by the market's
/// <see cref="IDepthSynchronizer"/>; a gap, a reconnect, a bad message or a crossed book resyncs the book. Trading:
/// signed REST order entry, the user-data stream (kept alive where the market needs it), and an
/// <see cref="OrderTracker"/> that turns the venue's answers and events into the order-state actor's reports.
/// </summary>
public sealed class BinanceGateway : ReceiveActor, IDepthRowTarget, IWithTimers
{
    private const int MaxLoggedBadMessages = 20;
    private const int MaxLoggedRejections = 50;
    private readonly BinanceGatewayOptions _options;
    private readonly IBinanceMarket _market;
    private readonly IReadOnlyList<Instrument> _instruments;
    private readonly IReadOnlyList<MarketDepth> _books;
    private readonly IReadOnlyList<DirectEntry<IMarketEventSink>> _bookEntries;
    private readonly IReadOnlyList<DirectEntry<IMarketEventSink>> _venueEntries;
    private readonly CoreLoop _loop;
    private readonly IRawFrameRecorder? _recorder;
    private readonly ClientOrderIds _ids;
    private readonly OrderTracker _tracker;
    private readonly PrivateStreamGate _privateReady = new();
    private readonly BinanceMessageParser _parser;
    private readonly EventRowStore _rows = new();
    private readonly IDepthSynchronizer[] _sync;
    private readonly DecimalText[] _prices;
    private readonly DecimalText[] _quantities;
    private readonly VenueStream?[] _marketStreams;
    private VenueStream? _userStream;
    private string? _userDataKey;
    private IActorRef _reportTo = ActorRefs.Nobody;
    private ILoggingAdapter _log = null!;
    private string? _halted;
    private bool _stopping;
    private readonly GatewayRecovery _recovery;
    private VenueReconciler _reconciler = null!;

    /// <summary>Creates the gateway.</summary>
    /// <param name="options">Endpoints, keys and limits.</param>
    /// <param name="market">What differs between futures and spot (the gateway disposes it).</param>
    /// <param name="instruments">The instruments it carries (indexes are the session's).</param>
    /// <param name="books">The local books, read to catch a crossed book.</param>
    /// <param name="bookEntries">Where each instrument's rows go (its book actor).</param>
    /// <param name="venueEntries">Where rows also go at exchange time in paper mode (the simulated venue); empty otherwise.</param>
    /// <param name="loop">The live core loop.</param>
    /// <param name="statistics">Counts for the summary.</param>
    /// <param name="recorder">Raw frames for <c>record</c>, if recording.</param>
    /// <param name="recovery">The journal for client ids, the orders earlier sessions left open, who waits for the first reconciliation.</param>
    public BinanceGateway(BinanceGatewayOptions options, IBinanceMarket market, IReadOnlyList<Instrument> instruments, IReadOnlyList<MarketDepth> books,
        IReadOnlyList<DirectEntry<IMarketEventSink>> bookEntries, IReadOnlyList<DirectEntry<IMarketEventSink>> venueEntries, CoreLoop loop,
        GatewayStatistics statistics, GatewayRecovery recovery, IRawFrameRecorder? recorder = null)
    {
        _recovery = recovery;
        _options = options;
        _instruments = instruments;
        _books = books;
        _bookEntries = bookEntries;
        _venueEntries = venueEntries;
        _loop = loop;
        _recorder = recorder;
        Statistics = statistics;
        _market = market;
        Statistics.RateLimits = market.Transport.Limits;
        _parser = new BinanceMessageParser(market.Rules);
        _ids = new ClientOrderIds(options.ClientOrderPrefix);
        _tracker = new OrderTracker(instruments);
        // Without streams (a bench driving the gateway by hand) nothing would ever open it.
        if (!options.ConnectStreams) _privateReady.Open();
        _sync = instruments.Select((_, i) => market.Synchronizer(i, this)).ToArray();
        _prices = instruments.Select(i => new DecimalText(i.TickSize)).ToArray();
        _quantities = instruments.Select(i => new DecimalText(i.LotSize)).ToArray();
        _marketStreams = new VenueStream?[instruments.Count];
        statistics.TrackBooks(instruments.Count);

        Receive<StreamFrame>(OnFrame);
        Receive<StreamConnected>(OnConnected);
        Receive<StreamDisconnected>(d =>
        {
            Statistics.StreamDown(d.Stream, _loop.Clock.Now);
            _log.Warning("{0}: stream {1} lost ({2}); reconnecting", _options.Name, StreamName(d.Stream), d.Why);
        });
        Receive<SnapshotAnswer>(OnSnapshot);
        Receive<Started>(OnStarted);
        Receive<KeepAliveAnswer>(OnKeepAlive);
        Receive<UserDataAccess>(OnUserDataOpened);
        Receive<KeepUserDataAlive>(_ => KeepAlive());
        Receive<VenueCommand>(OnCommand);
        Receive<OrderAnswer>(OnOrderAnswer);
        Receive<ResolveOrder>(r => Query(r.Command, r.ClientOrderId));
        Receive<StopTrading>(OnStopTrading);
        Receive<Finished>(OnFinished);
        Receive<ReportOrdersTo>(m => _reportTo = m.Orders);
        Receive<ReconciliationStep>(step => _reconciler.On(step));
        Receive<PositionsCompared>(compared => _reconciler.OnCompared(compared));
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
        _reconciler = new VenueReconciler(_options.Name, _options.Reconciliation, new BinanceReconciliationVenue(_market), _instruments, _tracker, _ids,
            _loop.Clock, _log, self, Timers, () => _reportTo, OnReconciled, Statistics.Reconciliation);
        _reconciler.Seed(_recovery.OpenOrders);
        // Nothing to reconcile without trading, or without streams (a bench driving the gateway by hand).
        if (!_options.Trading || !_options.ConnectStreams || !_options.Reconciliation.OnStart) _reconciler.SkipStart();
        StartUp().PipeTo(self);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        foreach (var s in _marketStreams) s?.Dispose();
        _userStream?.Dispose();
        _market.Dispose();
    }

    // ---- start-up: server time, symbol rules, user data, streams ----

    private async Task<Started> StartUp()
    {
        try
        {
            var time = await _market.SyncTime().ConfigureAwait(false);
            if (!time.IsOk) return new Started("cannot read the server time: " + time.Describe(), null);
            var problems = new List<string>();
            foreach (var instrument in _instruments)
            {
                var (response, rules) = await _market.SymbolRules(instrument.Symbol).ConfigureAwait(false);
                if (!response.IsOk) return new Started("cannot read the symbol rules: " + response.Describe(), null);
                if (rules is null) problems.Add($"{instrument.Symbol}: the venue does not list it");
                else problems.AddRange(rules.Check(instrument.TickSize, instrument.LotSize));
            }
            if (problems.Count > 0) return new Started(string.Join("; ", problems), null);
            if (!_options.Trading) return new Started(null, null);
            var access = await _market.OpenUserData().ConfigureAwait(false);
            if (access.Url is null) return new Started("cannot open the user-data stream: " + access.Response.Describe(), null);
            return new Started(null, access);
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
        var limits = _market.Transport.Limits;
        _log.Info("{0}: server time offset {1} ms; symbol rules match the configuration; staying under {2} weight/min, {3} orders/10 s, {4} orders/min",
            _options.Name, _market.Transport.TimeOffsetMs, limits.WeightPerMinute, limits.OrdersPer10s, limits.OrdersPerMinute);
        if (!_options.ConnectStreams) return;
        for (int i = 0; i < _instruments.Count; i++)
        {
            var url = _market.MarketStream(_instruments[i].Symbol);
            _marketStreams[i] = new VenueStream(i, url, Self, _loop.Clock, new VenueStreamOptions { SilenceTimeout = _options.MarketSilenceTimeout });
            _ = _marketStreams[i]!.Start();
        }
        if (started.UserData is { } access) ConnectUserStream(access);
        if (_options.Trading && _market.KeepAliveInterval is { } every) Timers.StartPeriodicTimer("keep-alive", KeepUserDataAlive.Instance, every);
    }

    private void ConnectUserStream(UserDataAccess access)
    {
        _userDataKey = access.Key;
        _userStream?.Dispose();
        _userStream = new VenueStream(PrivateStreamId, access.Url!, Self, _loop.Clock, new VenueStreamOptions { SilenceTimeout = null }, access.OnConnect);
        _ = _userStream.Start();
    }

    private void KeepAlive()
    {
        var self = Self;
        _market.KeepAlive().ContinueWith(t => new KeepAliveAnswer(t.Result), TaskScheduler.Default).PipeTo(self);
    }

    private void OnKeepAlive(KeepAliveAnswer answer)
    {
        if (answer.Response.IsOk) return;
        _log.Warning("{0}: user-data keep-alive failed ({1}); opening it again", _options.Name, answer.Response.Describe());
        ReopenUserData();
    }

    private void ReopenUserData()
    {
        var self = Self;
        _market.OpenUserData().ContinueWith(t => t.Result, TaskScheduler.Default).PipeTo(self);
    }

    private void OnUserDataOpened(UserDataAccess access)
    {
        if (access.Url is null)
        {
            _log.Error("{0}: cannot open the user-data stream ({1}); user data stopped", _options.Name, access.Response.Describe());
            return;
        }
        // Futures returns the same listen key while it is active: then the open stream goes on.
        if (access.Key is null || access.Key != _userDataKey || _userStream is null) ConnectUserStream(access);
    }

    // ---- market data ----

    private void OnConnected(StreamConnected connected)
    {
        Statistics.StreamUp(connected.Stream);
        if (connected.Reconnect) Statistics.Reconnects++;
        if (connected.Stream == PrivateStreamId)
        {
            _log.Info("{0}: user data stream {1}", _options.Name, connected.Reconnect ? "reconnected" : "connected");
            _reconciler.OnPrivateStreamReady();
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
            if (frame.Stream == PrivateStreamId)
            {
                OnUserFrame(frame);
            }
            else
            {
                OnMarketFrame(frame.Stream, frame);
                PublishBook(frame.Stream);
            }
        }
        finally
        {
            frame.Release();
        }
    }

    private void PublishBook(int instrument) => Statistics.SetBook(instrument, _sync[instrument].IsSynced, _sync[instrument].LastUpdateId);

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
                if (!_market.HasUpdateIds(in ids))
                {
                    BadMessage(StreamName(instrument), "depthUpdate without the update ids the book procedure needs", frame.Bytes);
                    Resync(instrument, "bad message");
                    return;
                }
                var sync = _sync[instrument];
                bool wasSynced = sync.IsSynced;
                int resyncs = sync.Resyncs;
                sync.OnDiff(in ids, RowsSpan());
                if (sync.Resyncs != resyncs)
                {
                    // The synchronizer found a gap itself.
                    Statistics.Resyncs++;
                    _log.Warning("{0}: {1} book resync: {2}", _options.Name, _instruments[instrument].Symbol, sync.LastResyncReason);
                }
                if (!wasSynced) LogIfSynced(instrument);
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

    private void LogIfSynced(int instrument)
    {
        var sync = _sync[instrument];
        if (sync.IsSynced) _log.Info("{0}: {1} book synced at update {2} ({3})", _options.Name, _instruments[instrument].Symbol, sync.LastUpdateId, sync.LastResyncReason);
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
        _market.Depth(_instruments[instrument].Symbol, _options.SnapshotLevels)
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
        LogIfSynced(i);
        PublishBook(i);
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
            _log.Warning("{0}: bad message on {1}: {2}: {3}", _options.Name, where, problem, FramePreview.Of(bytes));
    }

    // ---- orders ----

    private void OnCommand(VenueCommand command)
    {
        if (!_reportTo.Equals(Sender) && !Sender.IsNobody()) _reportTo = Sender;
        string? why = OrderGate.Refusal(command.Kind, _options.Trading, _halted ?? _reconciler.HaltReason, _stopping, _options.Kill)
                      ?? (_privateReady.IsFull ? "the private stream has not come up: too many orders waiting for it" : null);
        if (why is not null)
        {
            _reportTo.Tell(_tracker.Rejected(command, why), Self);
            return;
        }
        if (_privateReady.TryHold(command)) return;
        int i = command.Instrument;
        string symbol = _instruments[i].Symbol;
        string id;
        if (command.Kind == VenueCommandKind.New)
        {
            // A fresh client id for every new order, even when the strategy reuses its local id.
            id = _ids.For(command.OrderId, command.LocalTime);
            _tracker.OnNew(command, id);
            _recovery.Journal?.OnClientOrder(i, command.OrderId, id, _loop.Clock.Now);
        }
        else if (_tracker.ClientIdOf(command.OrderId) is { } sent)
        {
            id = sent;
            _tracker.OnRequest(command);
        }
        else
        {
            _reportTo.Tell(_tracker.Rejected(command, "unknown order"), Self);
            return;
        }
        Task<BinanceResponse> call;
        switch (command.Kind)
        {
            case VenueCommandKind.New:
                call = _market.NewOrder(symbol, id, command, _prices[i], _quantities[i]);
                break;
            case VenueCommandKind.Cancel:
                call = _market.CancelOrder(symbol, id);
                break;
            default:
                var (restingTick, restingQuantity) = _tracker.Resting(command.OrderId);
                call = _market.ModifyOrder(symbol, id, command, restingTick, restingQuantity, _prices[i], _quantities[i]);
                break;
        }
        var self = Self;
        call.ContinueWith(t => new OrderAnswer(command, id, t.Result), TaskScheduler.Default).PipeTo(self);
    }

    // Order entry opens once the venue was reconciled at start; only then may the session's strategies start.
    private void OnReconciled()
    {
        OpenOrderEntry();
        _recovery.Reconciled?.Invoke();
    }

    private void OpenOrderEntry()
    {
        if (_privateReady.IsOpen) return;
        var held = _privateReady.Open();
        if (held.Count > 0) _log.Info("{0}: private stream ready; sending the {1} order requests that waited for it", _options.Name, held.Count);
        foreach (var command in held) OnCommand(command);
    }

    private void OnOrderAnswer(OrderAnswer answer)
    {
        var command = answer.Command;
        var r = answer.Response;
        switch (r.Outcome)
        {
            case RestOutcome.Ok:
                ApplyOrderBody(answer.ClientOrderId, r);
                break;
            case RestOutcome.Rejected when answer.IsQuery && r.Code == -2013:
                // The venue never took it: the new order ended without reaching the book.
                Statistics.Rejected++;
                Report(_tracker.Rejected(command, "the venue has no such order (after an unknown outcome): " + r.Describe()));
                break;
            case RestOutcome.Rejected:
            case RestOutcome.RateLimited:
                if (r.Outcome == RestOutcome.RateLimited) Statistics.RateLimited++;
                Statistics.Rejected++;
                // Every refusal says why (a bad key, signature or timestamp among them), but a flood is thinned out.
                if (Statistics.Rejected <= MaxLoggedRejections || Statistics.Rejected % 100 == 0)
                    _log.Warning("{0}: {1} of {2} refused: {3}{4}", _options.Name, command.Kind, answer.ClientOrderId, r.Describe(),
                        Statistics.Rejected == MaxLoggedRejections ? " (further refusals: every 100th is logged)" : "");
                if (!answer.IsQuery) Report(_tracker.Rejected(command, r.Describe()));
                if (r.Outcome == RestOutcome.RateLimited)
                    _log.Warning("{0}: rate limited ({1}); requests wait for Retry-After", _options.Name, r.Describe());
                break;
            case RestOutcome.Banned:
                Halt("the venue banned this IP (HTTP 418): " + r.Message);
                if (!answer.IsQuery) Report(_tracker.Rejected(command, r.Describe()));
                break;
            default:
                // Unknown outcome: the venue may have acted. Ask it (and listen to the user stream); never send again.
                Statistics.UnknownOutcomes++;
                _log.Warning("{0}: outcome of {1} {2} unknown ({3}); querying it", _options.Name, command.Kind, answer.ClientOrderId, r.Describe());
                Timers.StartSingleTimer("resolve-" + answer.ClientOrderId, new ResolveOrder(command, answer.ClientOrderId), _options.UnknownOutcomeQueryDelay);
                break;
        }
    }

    private void Query(VenueCommand command, string clientOrderId)
    {
        if (!_tracker.IsOpen(command.OrderId)) return;
        var self = Self;
        _market.QueryOrder(_instruments[command.Instrument].Symbol, clientOrderId)
            .ContinueWith(t => new OrderAnswer(command, clientOrderId, t.Result, IsQuery: true), TaskScheduler.Default).PipeTo(self);
    }

    private void ApplyOrderBody(string clientOrderId, BinanceResponse r)
    {
        try
        {
            using var doc = r.Json();
            foreach (var update in _market.OrderAnswer(doc.RootElement))
            {
                if (_tracker.OnUpdate(clientOrderId, update) is { } report) Report(report);
            }
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            BadMessage("order answer", e.Message, Encoding.UTF8.GetBytes(r.Body));
        }
    }

    private void OnUserFrame(StreamFrame frame)
    {
        BinanceUserEvent ev;
        try
        {
            ev = _market.ParseUserFrame(frame.Bytes);
        }
        catch (FormatException e)
        {
            BadMessage("user data", e.Message, frame.Bytes);
            return;
        }
        switch (ev)
        {
            case BinanceOrderEvent order when _ids.TryParse(order.Update.ClientOrderId, out _):
                if (_tracker.OnUpdate(order.Update.ClientOrderId, order.Update) is { } report) Report(report);
                break;
            case BinanceAccountEvent account:
                foreach (var (symbol, position) in account.Positions) Statistics.VenuePositions[symbol] = position;
                break;
            case BinanceUserStreamEnded ended:
                _log.Warning("{0}: user-data stream ended ({1}); opening it again", _options.Name, ended.Why);
                _userDataKey = null;
                ReopenUserData();
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
        _market.Transport.StopOrders();
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
        var positions = new List<KeyValuePair<string, decimal>>();
        var (open, _) = await OwnOpenOrders.CancelAndCount(new BinanceReconciliationVenue(_market), _ids, symbols, cancel, (symbol, id) => _market.CancelOrder(symbol, id))
            .ConfigureAwait(false);
        if (open is null) return new Finished(ActorRefs.Nobody, -1, positions);
        foreach (var symbol in symbols)
        {
            if (await _market.Position(symbol).ConfigureAwait(false) is { } position) positions.Add(new(symbol, position));
        }
        return new Finished(ActorRefs.Nobody, open.Value, positions);
    }

    private sealed record Finished(IActorRef ReplyTo, int OpenOrders, IReadOnlyList<KeyValuePair<string, decimal>> Positions);

    private sealed record Started(string? Problem, UserDataAccess? UserData);

    private sealed record SnapshotAnswer(int Instrument, BinanceResponse Response, long ReceivedAt);

    private sealed record KeepAliveAnswer(BinanceResponse Response);

    private sealed record OrderAnswer(VenueCommand Command, string ClientOrderId, BinanceResponse Response, bool IsQuery = false);

    private sealed record ResolveOrder(VenueCommand Command, string ClientOrderId);

    private sealed class KeepUserDataAlive
    {
        public static readonly KeepUserDataAlive Instance = new();
    }
}
