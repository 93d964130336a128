using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Event;
using Hft.Backtest.Conversion;
using Hft.Backtest.Conversion.Bybit;
using Hft.Core.Books;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Runtime;
using Hft.Core.Venues;
using Hft.Exchanges.Bybit.Book;
using Hft.Exchanges.Bybit.Http;
using Hft.Exchanges.Bybit.Parsing;
using Hft.Exchanges.Bybit.Streams;
using Hft.Exchanges.Common;
using Hft.Exchanges.Common.Reconciliation;

namespace Hft.Exchanges.Bybit;

/// <summary>
/// The Bybit v5 gateway (<c>/venues/bybit</c>, category linear) on the live core loop. Market data: one public stream
/// per instrument (its book and trades), each message turned into convert's rows and kept in step by a
/// <see cref="BybitBookSynchronizer"/>; a gap subscribes the book again (a fresh snapshot), a reconnect, a bad message
/// or a crossed book drops it until the next snapshot. Trading: signed REST order entry whose answers mean "accepted",
/// the authenticated private stream (orders, executions, positions) that says what the orders became, and an
/// <see cref="OrderTracker"/> that turns both into the order-state actor's reports.
/// </summary>
public sealed class BybitGateway : ReceiveActor, IDepthRowTarget, IWithTimers
{
    private const int MaxLoggedBadMessages = 20;
    private const int MaxLoggedRejections = 50;
    private const long AuthValidityMs = 5000;
    private readonly BybitGatewayOptions _options;
    private readonly BybitRestClient _rest;
    private readonly IReadOnlyList<Instrument> _instruments;
    private readonly IReadOnlyList<MarketDepth> _books;
    private readonly IReadOnlyList<DirectEntry<IMarketEventSink>> _bookEntries;
    private readonly IReadOnlyList<DirectEntry<IMarketEventSink>> _venueEntries;
    private readonly CoreLoop _loop;
    private readonly IRawFrameRecorder? _recorder;
    private readonly ClientOrderIds _ids;
    private readonly OrderTracker _tracker;
    private readonly PrivateStreamGate _privateReady = new();
    private readonly BybitMessageParser _parser;
    private readonly EventRowStore _rows = new();
    private readonly BybitBookSynchronizer[] _sync;
    private readonly DecimalText[] _prices;
    private readonly DecimalText[] _quantities;
    private readonly VenueStream?[] _publicStreams;
    // The fee already counted with each open order's fills: the order topic gives a cumulative fee, executions one each.
    private readonly Dictionary<string, decimal> _feesCounted = new(StringComparer.Ordinal);
    private VenueStream? _privateStream;
    private IActorRef _reportTo = ActorRefs.Nobody;
    private ILoggingAdapter _log = null!;
    private string? _halted;
    private bool _stopping;
    private int _requests;

    /// <summary>Creates the gateway.</summary>
    /// <param name="options">Endpoints, keys and limits.</param>
    /// <param name="instruments">The instruments it carries (indexes are the session's).</param>
    /// <param name="books">The local books, read to catch a crossed book.</param>
    /// <param name="bookEntries">Where each instrument's rows go (its book actor).</param>
    /// <param name="venueEntries">Where rows also go at exchange time in paper mode (the simulated venue); empty otherwise.</param>
    /// <param name="loop">The live core loop.</param>
    /// <param name="statistics">Counts for the summary.</param>
    /// <param name="recorder">Raw frames for <c>record</c>, if recording.</param>
    /// <param name="recovery">The journal for client ids, the orders earlier sessions left open, who waits for the first reconciliation.</param>
    public BybitGateway(BybitGatewayOptions options, IReadOnlyList<Instrument> instruments, IReadOnlyList<MarketDepth> books,
        IReadOnlyList<DirectEntry<IMarketEventSink>> bookEntries, IReadOnlyList<DirectEntry<IMarketEventSink>> venueEntries, CoreLoop loop,
        GatewayStatistics statistics, GatewayRecovery recovery, IRawFrameRecorder? recorder = null)
    {
        _recovery = recovery;
        if (options.Category != "linear") throw new ArgumentException($"{options.Name}: category '{options.Category}' is not supported (only linear is)");
        _options = options;
        _rest = new BybitRestClient(BybitGatewayOptions.Transport(options), options.Category);
        _instruments = instruments;
        _books = books;
        _bookEntries = bookEntries;
        _venueEntries = venueEntries;
        _loop = loop;
        _recorder = recorder;
        Statistics = statistics;
        Statistics.RateLimits = _rest.Transport.Limits;
        _parser = new BybitMessageParser { Depth = options.Depth };
        _ids = new ClientOrderIds(options.ClientOrderPrefix);
        _tracker = new OrderTracker(instruments);
        // Without streams (a bench driving the gateway by hand) nothing would ever open it.
        if (!options.ConnectStreams) _privateReady.Open();
        _sync = instruments.Select((_, i) => new BybitBookSynchronizer(i, this)).ToArray();
        _prices = instruments.Select(i => new DecimalText(i.TickSize)).ToArray();
        _quantities = instruments.Select(i => new DecimalText(i.LotSize)).ToArray();
        _publicStreams = new VenueStream?[instruments.Count];
        statistics.TrackBooks(instruments.Count);

        Receive<StreamFrame>(OnFrame);
        Receive<StreamConnected>(OnConnected);
        Receive<StreamDisconnected>(d =>
        {
            Statistics.StreamDown(d.Stream, _loop.Clock.Now);
            _log.Warning("{0}: stream {1} lost ({2}); reconnecting", _options.Name, StreamName(d.Stream), d.Why);
        });
        Receive<Started>(OnStarted);
        Receive<PingStreams>(_ => Ping());
        Receive<VenueCommand>(OnCommand);
        Receive<OrderAnswer>(OnOrderAnswer);
        Receive<QueryAnswer>(OnQueryAnswer);
        Receive<ResolveOrder>(r => Query(r.Command, r.ClientOrderId, r.Confirming));
        Receive<StopTrading>(OnStopTrading);
        Receive<Finished>(OnFinished);
        Receive<ReportOrdersTo>(m => _reportTo = m.Orders);
        Receive<ReconciliationStep>(step => _reconciler.On(step));
        Receive<PositionsCompared>(compared => _reconciler.OnCompared(compared));
        Receive<DirectDeliveryFailed>(failed => failed.Rethrow());
    }

    private readonly GatewayRecovery _recovery;
    private VenueReconciler _reconciler = null!;

    /// <summary>What it saw so far.</summary>
    public GatewayStatistics Statistics { get; }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    private int PrivateStreamId => _instruments.Count;

    private string StreamName(int id) => id == PrivateStreamId ? "private" : _instruments[id].Symbol + " public";

    /// <inheritdoc />
    protected override void PreStart()
    {
        _log = Context.GetLogger();
        var self = Self;
        _reconciler = new VenueReconciler(_options.Name, _options.Reconciliation, new BybitReconciliationVenue(_rest, _options.Category), _instruments, _tracker, _ids,
            _loop.Clock, _log, self, Timers, () => _reportTo, OnReconciled, Statistics.Reconciliation);
        _reconciler.Seed(_recovery.OpenOrders);
        // Nothing to reconcile without trading, or without streams (a bench driving the gateway by hand).
        if (!_options.Trading || !_options.ConnectStreams || !_options.Reconciliation.OnStart) _reconciler.SkipStart();
        StartUp().PipeTo(self);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        foreach (var s in _publicStreams) s?.Dispose();
        _privateStream?.Dispose();
        _rest.Dispose();
    }

    // ---- start-up: server time, symbol rules, streams ----

    private async Task<Started> StartUp()
    {
        try
        {
            var time = await _rest.SyncTime().ConfigureAwait(false);
            if (!time.IsOk) return new Started("cannot read the server time: " + time.Describe());
            var problems = new List<string>();
            foreach (var instrument in _instruments)
            {
                var (response, rules) = await _rest.SymbolRules(instrument.Symbol).ConfigureAwait(false);
                if (!response.IsOk) return new Started("cannot read the symbol rules: " + response.Describe());
                if (rules is null) problems.Add($"{instrument.Symbol}: the venue does not list it in category {_options.Category}");
                else problems.AddRange(rules.Check(instrument.TickSize, instrument.LotSize));
            }
            return new Started(problems.Count > 0 ? string.Join("; ", problems) : null);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return new Started("unexpected answer from the venue: " + e.Message);
        }
    }

    private void OnStarted(Started started)
    {
        if (started.Problem is { } problem)
        {
            _loop.Fail(new VenueStartException($"{_options.Name}: {problem}"));
            return;
        }
        _log.Info("{0}: server time offset {1} ms; symbol rules match the configuration; staying under {2} orders/s",
            _options.Name, _rest.Transport.TimeOffsetMs, _rest.Transport.Limits.OrdersPerSecond);
        if (!_options.ConnectStreams) return;
        for (int i = 0; i < _instruments.Count; i++)
        {
            var topics = BybitStreamFrames.PublicTopics(_instruments[i].Symbol, _options.Depth);
            _publicStreams[i] = new VenueStream(i, _options.PublicWsUrl, Self, _loop.Clock,
                new VenueStreamOptions { SilenceTimeout = _options.MarketSilenceTimeout }, () => [BybitStreamFrames.Subscribe(topics, "book")]);
            _ = _publicStreams[i]!.Start();
        }
        if (_options.Trading)
        {
            var transport = _rest.Transport;
            // Authentication first; the topics are subscribed once it is answered.
            _privateStream = new VenueStream(PrivateStreamId, _options.PrivateWsUrl, Self, _loop.Clock, new VenueStreamOptions { SilenceTimeout = null },
                () => [BybitSignature.AuthFrame(transport.ApiKey!, transport.Signer!, transport.ServerNowMs() + AuthValidityMs)]);
            _ = _privateStream.Start();
        }
        Timers.StartPeriodicTimer("ping", PingStreams.Instance, _options.PingInterval);
    }

    private void Ping()
    {
        foreach (var s in _publicStreams) s?.Send(BybitStreamFrames.Ping);
        _privateStream?.Send(BybitStreamFrames.Ping);
    }

    // ---- market data ----

    private void OnConnected(StreamConnected connected)
    {
        Statistics.StreamUp(connected.Stream);
        if (connected.Reconnect) Statistics.Reconnects++;
        if (connected.Stream == PrivateStreamId)
        {
            _log.Info("{0}: private stream {1}", _options.Name, connected.Reconnect ? "reconnected" : "connected");
            return;
        }
        int i = connected.Stream;
        _log.Info("{0}: {1} stream {2}", _options.Name, _instruments[i].Symbol, connected.Reconnect ? "reconnected" : "connected");
        // Whatever came before a reconnect may be missing: the subscription sent again brings a fresh snapshot.
        if (connected.Reconnect) Drop(i, "reconnect", resubscribe: false);
    }

    private void OnFrame(StreamFrame frame)
    {
        try
        {
            Statistics.Frames++;
            if (frame.Stream == PrivateStreamId)
            {
                OnPrivateFrame(frame);
            }
            else
            {
                OnPublicFrame(frame.Stream, frame);
                PublishBook(frame.Stream);
            }
        }
        finally
        {
            frame.Release();
        }
    }

    private void PublishBook(int instrument) => Statistics.SetBook(instrument, _sync[instrument].IsSynced, _sync[instrument].LastUpdateId);

    private void OnPublicFrame(int instrument, StreamFrame frame)
    {
        _recorder?.Record(instrument, frame.ReceivedAt, frame.Bytes);
        _rows.Clear();
        BybitMessageKind kind;
        try
        {
            kind = _parser.ParseMessage(frame.Bytes, frame.ReceivedAt, _rows);
        }
        catch (FormatException e)
        {
            BadMessage(StreamName(instrument), e.Message, frame.Bytes);
            Drop(instrument, "bad message", resubscribe: true);
            return;
        }
        var sync = _sync[instrument];
        switch (kind)
        {
            case BybitMessageKind.Snapshot or BybitMessageKind.Delta:
                if (!_parser.LastUpdate.HasIds)
                {
                    BadMessage(StreamName(instrument), "an order book message without its update id 'u'", frame.Bytes);
                    Drop(instrument, "bad message", resubscribe: true);
                    return;
                }
                bool wasSynced = sync.IsSynced;
                int resyncs = sync.Resyncs;
                long u = _parser.LastUpdate.LastId;
                if (kind == BybitMessageKind.Snapshot) sync.OnSnapshot(u, RowsSpan());
                else sync.OnDelta(u, RowsSpan());
                if (sync.Resyncs != resyncs)
                {
                    Statistics.Resyncs++;
                    _log.Warning("{0}: {1} book resync: {2}", _options.Name, _instruments[instrument].Symbol, sync.LastResyncReason);
                }
                if (!wasSynced && sync.IsSynced) _log.Info("{0}: {1} book synced at u={2} ({3})", _options.Name, _instruments[instrument].Symbol, u, sync.LastResyncReason);
                CheckCrossed(instrument);
                ResubscribeIfWanted(instrument);
                break;
            case BybitMessageKind.Trades:
                Apply(instrument, RowsSpan());
                break;
            case BybitMessageKind.VenueError:
                _log.Warning("{0}: {1}: {2}", _options.Name, StreamName(instrument), _parser.LastVenueError);
                break;
        }
    }

    private ReadOnlySpan<MarketEvent> RowsSpan() => _rows.Count == 0 ? default : _rows.Chunk(0);

    private void CheckCrossed(int instrument)
    {
        var book = _books[instrument];
        if (_sync[instrument].IsSynced && book.HasBothSides && book.BestBidTick >= book.BestAskTick)
            Drop(instrument, $"crossed book (bid {book.BestBid} >= ask {book.BestAsk})", resubscribe: true);
    }

    private void Drop(int instrument, string reason, bool resubscribe)
    {
        var sync = _sync[instrument];
        bool wasSynced = sync.IsSynced;
        sync.Drop(reason, resubscribe);
        if (wasSynced)
        {
            Statistics.Resyncs++;
            _log.Warning("{0}: {1} book resync: {2}", _options.Name, _instruments[instrument].Symbol, reason);
        }
        ResubscribeIfWanted(instrument);
    }

    private void ResubscribeIfWanted(int instrument)
    {
        if (!_sync[instrument].TakeResubscribeRequest() || _publicStreams[instrument] is not { } stream) return;
        // Only the book: trades go on. If the socket is down, its reconnect subscribes again anyway.
        IReadOnlyList<string> book = [BybitStreamFrames.PublicTopics(_instruments[instrument].Symbol, _options.Depth)[0]];
        if (stream.Send(BybitStreamFrames.Unsubscribe(book, "resync"))) stream.Send(BybitStreamFrames.Subscribe(book, "resync"));
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

    // ---- private stream ----

    private void OnPrivateFrame(StreamFrame frame)
    {
        BybitPrivateMessage message;
        try
        {
            message = BybitPrivateParser.Parse(frame.Bytes);
        }
        catch (FormatException e)
        {
            BadMessage("private stream", e.Message, frame.Bytes);
            return;
        }
        switch (message)
        {
            case BybitOrderMessage orders:
                foreach (var update in orders.Updates) OnOrderUpdate(update, orders.FromExecutions);
                break;
            case BybitPositionMessage positions:
                foreach (var (symbol, size) in positions.Positions) Statistics.VenuePositions[symbol] = size;
                break;
            case BybitOperationReply { Op: "auth", Success: true }:
                _log.Info("{0}: private stream authenticated", _options.Name);
                if (_privateStream?.Send(BybitStreamFrames.Subscribe(BybitStreamFrames.PrivateTopics, "private")) != true)
                    _log.Warning("{0}: private stream closed before its subscription; it is sent again on reconnect", _options.Name);
                break;
            case BybitOperationReply { Op: "subscribe", Success: true }:
                _reconciler.OnPrivateStreamReady();
                break;
            case BybitOperationReply { Op: "auth" } failed:
                Halt("the private stream refused authentication: " + failed.Message);
                break;
            case BybitOperationReply { Success: false } failed:
                _log.Error("{0}: private stream: {1} failed: {2}", _options.Name, failed.Op, failed.Message);
                break;
        }
    }

    private void OnOrderUpdate(VenueOrderUpdate update, bool fromExecution)
    {
        string id = update.ClientOrderId;
        if (!_ids.TryParse(id, out _)) return;
        _feesCounted.TryGetValue(id, out decimal counted);
        // The order topic's fee is cumulative: what is new since the fills already counted.
        var shown = fromExecution ? update : update with { Fee = Math.Max(0, update.Fee - counted) };
        if (_tracker.OnUpdate(id, shown) is not { } report) return;
        if (report.FillQuantity > 0) _feesCounted[id] = fromExecution ? counted + update.Fee : update.Fee;
        if (OrderTracker.IsFinal(report.Status)) _feesCounted.Remove(id);
        Report(report);
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
            // A fresh orderLinkId for every new order (Bybit refuses a repeated one, 110072).
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
        _requests++;
        Task<BybitResponse> call;
        switch (command.Kind)
        {
            case VenueCommandKind.New:
                call = _rest.NewOrder(symbol, id, command, _prices[i], _quantities[i]);
                break;
            case VenueCommandKind.Cancel:
                call = _rest.CancelOrder(symbol, id);
                break;
            default:
                var (restingTick, restingQuantity) = _tracker.Resting(command.OrderId);
                call = _rest.AmendOrder(symbol, id, command, restingTick, restingQuantity, _prices[i], _quantities[i]);
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
            case RestOutcome.Ok when command.Kind == VenueCommandKind.New:
                // Accepted: the order rests unless the private stream says otherwise (a post-only that would cross ends there).
                // Price and quantity 0: as sent.
                var accepted = new VenueOrderUpdate(answer.ClientOrderId, OrderStatus.New, 0, 0, 0, 0, 0, 0, 0, false, _rest.Transport.ServerNowMs());
                if (_tracker.OnUpdate(answer.ClientOrderId, accepted) is { } report) Report(report);
                break;
            case RestOutcome.Ok:
                // "Accepted", not "done": if the private stream does not tell the result soon, ask.
                Timers.StartSingleTimer("confirm-" + answer.ClientOrderId, new ResolveOrder(command, answer.ClientOrderId, Confirming: true), _options.ConfirmQueryDelay);
                break;
            case RestOutcome.Rejected:
            case RestOutcome.RateLimited:
                if (r.Outcome == RestOutcome.RateLimited) Statistics.RateLimited++;
                Statistics.Rejected++;
                if (Statistics.Rejected <= MaxLoggedRejections || Statistics.Rejected % 100 == 0)
                    _log.Warning("{0}: {1} of {2} refused: {3}{4}", _options.Name, command.Kind, answer.ClientOrderId, r.Describe(),
                        Statistics.Rejected == MaxLoggedRejections ? " (further refusals: every 100th is logged)" : "");
                Report(_tracker.Rejected(command, r.Describe()));
                break;
            case RestOutcome.Banned:
                Halt("Bybit refused this IP (HTTP 403): " + r.Message);
                Report(_tracker.Rejected(command, r.Describe()));
                break;
            default:
                // Unknown outcome: the venue may have acted. Ask it (and listen to the private stream); never send again.
                Statistics.UnknownOutcomes++;
                _log.Warning("{0}: outcome of {1} {2} unknown ({3}); querying it", _options.Name, command.Kind, answer.ClientOrderId, r.Describe());
                Timers.StartSingleTimer("resolve-" + answer.ClientOrderId, new ResolveOrder(command, answer.ClientOrderId, Confirming: false),
                    _options.UnknownOutcomeQueryDelay);
                break;
        }
    }

    private void Query(VenueCommand command, string clientOrderId, bool confirming)
    {
        if (!_tracker.IsOpen(command.OrderId) || _tracker.ClientIdOf(command.OrderId) != clientOrderId) return;
        var self = Self;
        _rest.QueryOrder(_instruments[command.Instrument].Symbol, clientOrderId)
            .ContinueWith(t => new QueryAnswer(command, clientOrderId, t.Result.Response, t.Result.Update, confirming), TaskScheduler.Default).PipeTo(self);
    }

    private void OnQueryAnswer(QueryAnswer answer)
    {
        var r = answer.Response;
        if (r.IsOk && answer.Update is { } update)
        {
            OnOrderUpdate(update, fromExecution: false);
            return;
        }
        if (r.IsOk && answer.Command.Kind == VenueCommandKind.New && !answer.Confirming)
        {
            // Neither open nor in the history: the venue never took it.
            Statistics.Rejected++;
            Report(_tracker.Rejected(answer.Command, "the venue has no such order (after an unknown outcome)"));
            return;
        }
        if (r.IsOk) return;
        _log.Warning("{0}: query of {1} failed ({2}); asking again", _options.Name, answer.ClientOrderId, r.Describe());
        if (r.Outcome is RestOutcome.Unknown or RestOutcome.RateLimited)
            Timers.StartSingleTimer("resolve-" + answer.ClientOrderId, new ResolveOrder(answer.Command, answer.ClientOrderId, answer.Confirming),
                _options.UnknownOutcomeQueryDelay);
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
        _rest.Transport.StopOrders();
        var replyTo = Sender;
        if (!_options.Trading)
        {
            replyTo.Tell(new TradingStopped(0), Self);
            return;
        }
        var self = Self;
        FinishTrading(stop.CancelOpenOrders).ContinueWith(
            t => t.IsCompletedSuccessfully ? t.Result with { ReplyTo = replyTo } : new Finished(replyTo, -1, [], t.Exception?.GetBaseException().Message), TaskScheduler.Default).PipeTo(self);
    }

    private void OnFinished(Finished finished)
    {
        foreach (var (symbol, position) in finished.Positions) Statistics.VenuePositions[symbol] = position;
        Statistics.OpenOrdersAtExit = finished.OpenOrders;
        if (finished.OpenOrders >= 0) _log.Info("{0}: {1} order requests sent; {2} open orders at exit", _options.Name, _requests, finished.OpenOrders);
        else _log.Error("{0}: {1} order requests sent; open orders at exit unknown: {2}", _options.Name, _requests, finished.Problem);
        finished.ReplyTo.Tell(new TradingStopped(finished.OpenOrders), Self);
    }

    private async Task<Finished> FinishTrading(bool cancel)
    {
        var symbols = _instruments.Select(i => i.Symbol).ToArray();
        var venue = new BybitReconciliationVenue(_rest, _options.Category);
        var positions = new List<KeyValuePair<string, decimal>>();
        var (open, problem) = await OwnOpenOrders.CancelAndCount(venue, _ids, symbols, cancel, (symbol, id) => _rest.CancelOrder(symbol, id)).ConfigureAwait(false);
        if (open is null) return new Finished(ActorRefs.Nobody, -1, positions, "the open-orders query failed: " + problem);
        foreach (var symbol in symbols)
        {
            if (await _rest.Position(symbol).ConfigureAwait(false) is { } position) positions.Add(new(symbol, position));
        }
        return new Finished(ActorRefs.Nobody, open.Value, positions);
    }

    private sealed record Finished(IActorRef ReplyTo, int OpenOrders, IReadOnlyList<KeyValuePair<string, decimal>> Positions, string? Problem = null);

    private sealed record Started(string? Problem);

    private sealed record OrderAnswer(VenueCommand Command, string ClientOrderId, BybitResponse Response);

    private sealed record QueryAnswer(VenueCommand Command, string ClientOrderId, BybitResponse Response, VenueOrderUpdate? Update, bool Confirming);

    private sealed record ResolveOrder(VenueCommand Command, string ClientOrderId, bool Confirming);

    private sealed class PingStreams
    {
        public static readonly PingStreams Instance = new();
    }
}
