using System.Globalization;
using Akka.Actor;
using Akka.Event;
using Hft.Core.Journal;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Time;
using Hft.Core.Venues;

namespace Hft.Exchanges.Common.Reconciliation;

/// <summary>
/// A gateway's reconciliation with its venue, run on the gateway's own mailbox (the venue calls' answers come back as
/// <see cref="ReconciliationStep"/>s): (1) the venue's open orders: ours that the engine knows are brought up to date,
/// ours that it does not know are adopted (their local id is in the client id), anyone else's are reported; (2) every
/// order the engine holds open that the venue no longer lists is looked up by client id, so orders that filled or were
/// cancelled while the engine was away (or its stream was down) end with their fills counted once; (3) the venue's
/// positions are compared with the engine's by the order-state actor, after those reports. A difference is looked at
/// twice (a fill may be on its way) and then handled by the <see cref="ReconciliationPolicy"/>; a venue that cannot be
/// asked halts trading until a later reconciliation completes.
/// </summary>
public sealed class VenueReconciler
{
    private readonly string _name;
    private readonly ReconciliationOptions _options;
    private readonly IReconciliationVenue _venue;
    private readonly IReadOnlyList<Instrument> _instruments;
    private readonly OrderTracker _tracker;
    private readonly ClientOrderIds _ids;
    private readonly IClock _clock;
    private readonly ILoggingAdapter _log;
    private readonly IActorRef _self;
    private readonly Func<IActorRef> _reportTo;
    private readonly Action _firstFinished;
    private readonly ITimerScheduler _timers;
    private readonly double[] _tolerance;
    // Recovered orders the journal holds no client id for: matched to the venue's orders by local id at the first run.
    private readonly List<RecoveredOrder> _withoutClientId = new();
    private Run? _current;
    private int _runs;
    private bool _firstDone;
    private readonly HashSet<string> _reportedForeign = new(StringComparer.Ordinal);

    /// <summary>A reconciler for the gateway whose mailbox is <paramref name="self"/>.</summary>
    /// <param name="name">The venue's name, for the log.</param>
    /// <param name="options">When and how.</param>
    /// <param name="venue">What it asks the venue.</param>
    /// <param name="instruments">The gateway's instruments.</param>
    /// <param name="tracker">The gateway's order tracker.</param>
    /// <param name="ids">The gateway's client ids (its prefix tells ours).</param>
    /// <param name="clock">The loop's clock.</param>
    /// <param name="log">The gateway's log.</param>
    /// <param name="self">The gateway.</param>
    /// <param name="timers">The gateway's timers (the periodic reconciliation runs on one).</param>
    /// <param name="reportTo">The order-state actor (known once the graph is built).</param>
    /// <param name="firstFinished">Called once, when the start reconciliation finished (or was skipped): order entry may open.</param>
    /// <param name="statistics">Where the counts go.</param>
    public VenueReconciler(string name, ReconciliationOptions options, IReconciliationVenue venue, IReadOnlyList<Instrument> instruments,
        OrderTracker tracker, ClientOrderIds ids, IClock clock, ILoggingAdapter log, IActorRef self, ITimerScheduler timers, Func<IActorRef> reportTo,
        Action firstFinished, ReconciliationCounts statistics)
    {
        _timers = timers;
        _name = name;
        _options = options;
        _venue = venue;
        _instruments = instruments;
        _tracker = tracker;
        _ids = ids;
        _clock = clock;
        _log = log;
        _self = self;
        _reportTo = reportTo;
        _firstFinished = firstFinished;
        Counts = statistics;
        _tolerance = instruments.Select(i => Math.Max(options.PositionToleranceLots * i.LotSize, i.LotSize * 1e-6)).ToArray();
    }

    /// <summary>The counts.</summary>
    public ReconciliationCounts Counts { get; }

    /// <summary>Why reconciliation halted trading (null: it did not).</summary>
    public string? HaltReason
    {
        get => Counts.HaltReason;
        private set => Counts.HaltReason = value;
    }

    /// <summary>True while a reconciliation is under way.</summary>
    public bool IsRunning => _current is not null;

    /// <summary>Hands the orders a journal left open to the tracker, to be checked at the first run.</summary>
    public void Seed(IReadOnlyList<RecoveredOrder> orders)
    {
        foreach (var o in orders)
        {
            if (o.ClientOrderId is null)
            {
                _withoutClientId.Add(o);
                continue;
            }
            _tracker.Adopt(o.Instrument, o.OrderId, o.Side, o.ClientOrderId, o.PriceTick, o.Quantity, o.Cumulative,
                o.Status == OrderStatus.None ? OrderStatus.New : o.Status);
        }
    }

    /// <summary>Starts a reconciliation (false if one is already running).</summary>
    public bool Begin(string reason) => Begin(reason, confirming: false);

    /// <summary>
    /// The private stream is ready (connected, authenticated, subscribed): the first time, the start reconciliation runs
    /// (order entry opens when it finishes); after a reconnect, what happened meanwhile is asked for.
    /// </summary>
    public void OnPrivateStreamReady()
    {
        if (!_firstDone) Begin("start");
        else if (_options.OnReconnect) Begin("reconnect");
    }

    /// <summary>No start reconciliation (a gateway that does not trade, or has no streams): order entry opens at once.</summary>
    public void SkipStart()
    {
        if (_firstDone) return;
        _firstDone = true;
        _firstFinished();
    }

    private bool Begin(string reason, bool confirming)
    {
        if (_current is not null) return false;
        var run = _current = new Run(++_runs, reason, confirming, _clock.Now);
        var symbols = _instruments.Select(i => i.Symbol).ToArray();
        Task.WhenAll(symbols.Select(s => _venue.OpenOrders(s)))
            .ContinueWith(t => t.IsCompletedSuccessfully ? (object)new OrdersFetched(run.Id, t.Result) : Failed(run, t), TaskScheduler.Default)
            .PipeTo(_self);
        return true;
    }

    /// <summary>Takes the next step of the running reconciliation.</summary>
    public void On(ReconciliationStep step)
    {
        if (step is ReconcileNow now)
        {
            Begin(now.Reason);
            return;
        }
        if (step is ConfirmDifferences confirm)
        {
            Begin(confirm.Reason, confirming: true);
            return;
        }
        if (_current is not { } run || run.Id != step.Run) return;
        switch (step)
        {
            case OrdersFetched fetched:
                OnOrders(run, fetched);
                break;
            case OrdersLookedUp looked:
                OnLookups(run, looked);
                break;
            case PositionsFetched positions:
                OnPositions(run, positions);
                break;
            case RunFailed failed:
                Fail(failed.Problem);
                break;
        }
    }

    private void OnOrders(Run run, OrdersFetched fetched)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < fetched.Orders.Count; i++)
        {
            var answer = fetched.Orders[i];
            if (answer.Problem is { } problem)
            {
                Fail($"{_instruments[i].Symbol} open orders: {problem}");
                return;
            }
            foreach (var update in answer.Orders)
            {
                if (!_ids.TryParse(update.ClientOrderId, out ulong localId))
                {
                    // Each foreign order is reported once a session, not at every look.
                    if (!_reportedForeign.Add(update.ClientOrderId)) continue;
                    Counts.UnknownOrders++;
                    _log.Warning("{0}: reconciliation: open order {1} on {2} ({3} {4} @ {5}) is not ours (no '{6}' prefix); left alone",
                        new object[] { _name, update.ClientOrderId, _instruments[i].Symbol, update.Side, update.Quantity, update.Price, _ids.Prefix });
                    continue;
                }
                seen.Add(update.ClientOrderId);
                if (_tracker.Knows(update.ClientOrderId))
                {
                    if (_tracker.OnUpdate(update.ClientOrderId, update) is { } report) Report(report);
                    continue;
                }
                Adopt(i, localId, update);
            }
        }
        // What the journal had without a client id and the venue does not list open: its id is worked out from the
        // submission time and asked for below like any other (it may have filled while the engine was down); without a
        // submission time it cannot be asked for, and is taken as never placed.
        foreach (var o in _withoutClientId)
        {
            if (o.SubmittedAt > 0)
            {
                string id = _ids.Of(o.OrderId, o.SubmittedAt / 1000);
                _log.Info("{0}: reconciliation: order {1} on {2} has no journaled client id; asking the venue for {3}, the id its submission time gives",
                    _name, o.OrderId, _instruments[o.Instrument].Symbol, id);
                _tracker.Adopt(o.Instrument, o.OrderId, o.Side, id, o.PriceTick, o.Quantity, o.Cumulative, OrderStatus.New);
                continue;
            }
            Counts.Resolved++;
            _log.Warning("{0}: reconciliation: order {1} on {2} was sent in an earlier session but its client id was never journaled and the venue " +
                         "does not list it: taken as never placed", _name, o.OrderId, _instruments[o.Instrument].Symbol);
            Report(new OrderReport
            {
                Instrument = o.Instrument, OrderId = o.OrderId, Side = o.Side, Status = OrderStatus.Expired, PriceTick = o.PriceTick, Quantity = o.Quantity,
                LeavesQuantity = 0, RejectReason = "not on the venue after a restart",
            });
        }
        _withoutClientId.Clear();
        // Before the first reconciliation finished nothing was sent, so no answer can be on its way.
        long quietBefore = !_firstDone ? long.MaxValue : run.StartedAt - (long)_options.QuietFor.TotalMilliseconds * 1_000_000;
        var missing = _tracker.OpenOrders(quietBefore).Where(o => !seen.Contains(o.ClientOrderId)).ToArray();
        if (missing.Length == 0)
        {
            FetchPositions(run);
            return;
        }
        Task.WhenAll(missing.Select(async o => (o.Instrument, o.ClientOrderId, await _venue.Lookup(_instruments[o.Instrument].Symbol, o.ClientOrderId).ConfigureAwait(false))))
            .ContinueWith(t => t.IsCompletedSuccessfully ? (object)new OrdersLookedUp(run.Id, t.Result) : Failed(run, t), TaskScheduler.Default)
            .PipeTo(_self);
    }

    private void Adopt(int instrument, ulong localId, VenueOrderUpdate update)
    {
        var rules = _instruments[instrument];
        // A recovered order without a client id is this one if the local ids match: the journal's fills of it count.
        int known = _withoutClientId.FindIndex(o => o.Instrument == instrument && o.OrderId == localId);
        double cumulative = (double)update.CumulativeQuantity;
        bool adopted = known < 0;
        if (known >= 0)
        {
            cumulative = _withoutClientId[known].Cumulative;
            _withoutClientId.RemoveAt(known);
        }
        long tick = rules.ToTick((double)update.Price);
        _tracker.Adopt(instrument, localId, update.Side, update.ClientOrderId, tick, (double)update.Quantity, cumulative, OrderStatus.New);
        var report = _tracker.OnUpdate(update.ClientOrderId, update) ?? new OrderReport
        {
            Instrument = instrument, OrderId = localId, Side = update.Side, Status = update.Status, PriceTick = tick, Quantity = (double)update.Quantity,
            LeavesQuantity = Math.Max(0, (double)(update.Quantity - update.CumulativeQuantity)),
        };
        if (adopted)
        {
            Counts.Adopted++;
            _log.Warning("{0}: reconciliation: adopted order {1} on {2} ({3} {4} @ {5}, {6} filled): ours by its prefix, unknown to the engine",
                new object[] { _name, update.ClientOrderId, rules.Symbol, update.Side, update.Quantity, update.Price, update.CumulativeQuantity });
        }
        Report(report with { Adopted = adopted });
    }

    private void OnLookups(Run run, OrdersLookedUp looked)
    {
        foreach (var (instrument, clientId, lookup) in looked.Lookups)
        {
            if (lookup.Problem is { } problem)
            {
                Fail($"looking up {clientId}: {problem}");
                return;
            }
            var update = lookup.Update ?? new VenueOrderUpdate(clientId, OrderStatus.Expired, 0, 0, 0, 0, 0, 0, 0, false, 0, "the venue has no such order");
            if (_tracker.OnUpdate(clientId, update) is not { } report) continue;
            if (OrderTracker.IsFinal(report.Status))
            {
                Counts.Resolved++;
                _log.Warning("{0}: reconciliation: order {1} on {2} ended while the engine was not listening: {3}, {4} filled",
                    _name, clientId, _instruments[instrument].Symbol, report.Status, update.CumulativeQuantity);
            }
            Report(report);
        }
        FetchPositions(run);
    }

    private void FetchPositions(Run run)
    {
        if (!_venue.HasPositions)
        {
            OnPositions(run, new PositionsFetched(run.Id, _instruments.Select(_ => (VenuePosition?)null).ToArray()));
            return;
        }
        Task.WhenAll(_instruments.Select(i => _venue.Position(i.Symbol)))
            .ContinueWith(t => t.IsCompletedSuccessfully ? (object)new PositionsFetched(run.Id, t.Result) : Failed(run, t), TaskScheduler.Default)
            .PipeTo(_self);
    }

    private void OnPositions(Run run, PositionsFetched fetched)
    {
        var positions = new double?[fetched.Positions.Count];
        for (int i = 0; i < positions.Length; i++)
        {
            if (fetched.Positions[i] is not { } p) continue;
            if (p.Problem is { } problem)
            {
                Fail($"{_instruments[i].Symbol} position: {problem}");
                return;
            }
            positions[i] = (double)p.Position;
        }
        bool adjust = _options.Policy == ReconciliationPolicy.Adjust && run.Confirming;
        // After the reports above: the order-state actor compares once they are applied.
        _reportTo().Tell(new VenuePositionCheck(positions, _tolerance, adjust, run.Reason), _self);
    }

    /// <summary>The order-state actor's comparison: finishes the reconciliation (or looks again at a difference).</summary>
    public void OnCompared(PositionsCompared compared)
    {
        if (_current is not { } run) return;
        if (compared.Differences.Count == 0)
        {
            Finish(run, problem: null);
            return;
        }
        if (!run.Confirming)
        {
            // Maybe a fill on its way (the venue's position already has it, its event is not here yet): look again later.
            _current = null;
            var self = _self;
            Task.Delay(_options.ConfirmAfter).ContinueWith(_ => new ConfirmDifferences(0, run.Reason), TaskScheduler.Default).PipeTo(self);
            return;
        }
        var text = string.Join("; ", compared.Differences.Select(d => string.Create(CultureInfo.InvariantCulture,
            $"{_instruments[d.Instrument].Symbol}: engine {d.Local}, venue {d.Venue}")));
        Counts.PositionDifferences += compared.Differences.Count;
        if (compared.Adjusted) Counts.Adjusted += compared.Differences.Count;
        switch (_options.Policy)
        {
            case ReconciliationPolicy.Warn:
                _log.Warning("{0}: reconciliation ({1}): positions differ: {2}; policy warn: trading goes on", _name, run.Reason, text);
                Finish(run, "positions differ: " + text);
                break;
            case ReconciliationPolicy.Adjust:
                _log.Warning("{0}: reconciliation ({1}): positions differ: {2}; policy adjust: the engine's positions are now the venue's", _name, run.Reason, text);
                Finish(run, "positions differed (adjusted): " + text);
                break;
            default:
                HaltReason = "reconciliation found positions that differ: " + text;
                _log.Error("{0}: reconciliation ({1}): positions differ: {2}; policy halt: trading halted", new object[] { _name, run.Reason, text });
                Finish(run, "positions differ: " + text, failed: true);
                break;
        }
    }

    private void Fail(string problem)
    {
        if (_current is not { } run) return;
        Counts.Failures++;
        HaltReason = "reconciliation failed: " + problem;
        _log.Error("{0}: reconciliation ({1}) failed: {2}; trading halted until a reconciliation completes", new object[] { _name, run.Reason, problem });
        Finish(run, problem, failed: true);
    }

    private void Finish(Run run, string? problem, bool failed = false)
    {
        _current = null;
        bool first = !_firstDone;
        _firstDone = true;
        Counts.Runs++;
        Counts.LastProblem = problem;
        if (!failed && HaltReason is not null)
        {
            _log.Info("{0}: reconciliation ({1}) completed: the halt it caused is lifted", _name, run.Reason);
            HaltReason = null;
        }
        if (problem is null)
            _log.Info("{0}: reconciliation ({1}): open orders and positions equal the venue's", _name, run.Reason);
        if (!first) return;
        if (_options.Every is { } every) _timers.StartPeriodicTimer("reconcile", new ReconcileNow("periodic"), every);
        _firstFinished();
    }

    private void Report(OrderReport report) => _reportTo().Tell(report, _self);

    private static RunFailed Failed(Run run, Task t) =>
        new(run.Id, t.Exception?.GetBaseException().Message ?? "cancelled");

    private sealed record RunFailed(int Run, string Problem) : ReconciliationStep(Run);

    private sealed record Run(int Id, string Reason, bool Confirming, long StartedAt);
}
