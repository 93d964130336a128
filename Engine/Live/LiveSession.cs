using System.Diagnostics;
using Akka.Actor;
using Hft.Backtest.Models.Latency;
using Hft.Backtest.Runs;
using Hft.Backtest.Venue;
using Hft.Core.Books;
using Hft.Backtest.Recording;
using Hft.Core.Journal;
using Hft.Core.Venues;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Portfolio;
using Hft.Core.Risk;
using Hft.Core.Risk.Breakers;
using Hft.Core.Runtime;
using Hft.Core.Strategies;
using Hft.Core.Time;
using Hft.Exchanges.Common;
using Hft.Exchanges.Common.Reconciliation;
using Hft.Engine.Metrics;
using Hft.Core.Health;
using Hft.Engine.Shadow;

namespace Hft.Engine.Live;

/// <summary>
/// A live or paper session: the same graph as a backtest (books, orders, risk, strategies) on a core loop driven by
/// the real clock, with a venue gateway at the edge instead of the recorded feed:
/// <code>
/// /user/live
///   /venues/&lt;venue&gt;     gateway: market data (and, live, order entry and user data)
///   /venues/sim           paper only: the backtest's simulated exchange fills the orders
///   /orders, /risk, /strategies/&lt;name&gt;, /books/&lt;symbol&gt;
/// </code>
/// The loop runs on its own thread; <see cref="Stop"/> stops the strategies, has the gateway cancel what is open, and
/// then stops the graph.
/// </summary>
internal sealed class LiveSession : IDisposable
{
    private static readonly TimeSpan StartStopTimeout = TimeSpan.FromSeconds(30);
    private readonly LiveSessionSetup _setup;
    private readonly ActorSystem _system;
    private readonly RealClock _clock = new();
    private readonly CoreLoop _loop;
    private readonly ActorFactory _props = new();
    private readonly MarketDepth[] _books;
    private readonly DirectEntry<IMarketEventSink>[] _bookEntries;
    private readonly DirectEntry<IStrategyEventSink>[] _strategyEntries;
    private readonly DirectEntry<IMarketEventSink> _simEntry = new();
    private readonly DirectEntry<IMarketEventSink> _shadowEntry = new();
    private readonly Recorder? _recorder;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _built = new(false);
    private readonly ManualResetEventSlim _stoppedGraph = new(false);
    private readonly Stopwatch _watch = new();
    private IActorRef _root = ActorRefs.Nobody;
    private IActorRef _gateway = ActorRefs.Nobody;
    private IActorRef _strategies = ActorRefs.Nobody;
    private IActorRef _risk = ActorRefs.Nobody;
    private IActorRef _probe = ActorRefs.Nobody;
    private long _startedAt;
    private int _stopped;

    /// <summary>Builds the graph and starts the loop; returns once every actor has started.</summary>
    public LiveSession(LiveSessionSetup setup, ActorSystem system)
    {
        _setup = setup;
        _system = system;
        var instruments = setup.Instruments;
        Accounts = new TradingAccounts(instruments);
        // Before anything runs: the state earlier sessions journaled (fills, positions, the orders left open).
        Recovered = setup.EarlierJournal is { } earlier ? JournalRecovery.Restore(earlier, Accounts) : RecoveredTrading.None;
        _books = instruments.Select(i => new MarketDepth(i.TickSize, i.LotSize)).ToArray();
        _bookEntries = instruments.Select(_ => new DirectEntry<IMarketEventSink>()).ToArray();
        _strategyEntries = setup.Strategies.Select(_ => new DirectEntry<IStrategyEventSink>()).ToArray();
        if (setup.Shadow is { } shadow) Shadow = new ShadowVenue(instruments, shadow);
        if (setup.Recorder is { } recorderOptions) _recorder = new Recorder(recorderOptions, Accounts, _books);
        _loop = new CoreLoop(_clock, setup.LoopOptions);
        _loop.AttachTo(system);
        _thread = new Thread(RunLoop) { Name = "hft-live-loop", IsBackground = true };
        _loop.Open();
        _startedAt = _clock.Now;
        _watch.Start();
        _root = system.ActorOf(_loop.On(_props.Props(() => new ActorGroup(BuildGraph, RootStrategy(), () => _stoppedGraph.Set()))), "live");
        _thread.Start();
        if (!_built.Wait(StartStopTimeout)) throw new TimeoutException("the live actor graph did not start within 30 s");
    }

    /// <summary>The session's trading state (read it after <see cref="Stop"/>).</summary>
    public TradingAccounts Accounts { get; }

    /// <summary>The shadow venue (null without shadow trading); read it after <see cref="Stop"/>, or on the loop.</summary>
    public ShadowVenue? Shadow { get; }

    /// <summary>What was rebuilt from the journal of earlier sessions.</summary>
    public RecoveredTrading Recovered { get; }

    /// <summary>Set once the venue was reconciled at start and the strategies were told to start.</summary>
    public bool StrategiesStarted => Volatile.Read(ref _strategiesCued) != 0;

    private int _strategiesCued;

    // On the loop, from the gateway: the venue was reconciled, the strategies may start (and send orders).
    private void OnVenueReconciled()
    {
        if (Interlocked.Exchange(ref _strategiesCued, 1) != 0) return;
        _strategies.Tell(DeferredActorGroup.CreateChildren.Instance, ActorRefs.NoSender);
    }

    /// <summary>The venue gateway actor.</summary>
    public IActorRef GatewayActor => _gateway;

    /// <summary>What the gateway saw.</summary>
    public GatewayStatistics Gateway { get; } = new();

    private CircuitBreakers? _breakers;

    /// <summary>Health reasons raised from outside the graph (reconciliation), reported by <c>/health</c>.</summary>
    public HealthSignals Health { get; } = new();

    // The gateway's reconciliation halts trading on a failure or (policy halt) a difference: critical while it does.
    private IReadOnlyList<HealthReason> SignalsNow()
    {
        var raised = Health.Current;
        if (Gateway.Reconciliation.HaltReason is not { } halt || raised.Any(r => r.Code == HealthReasons.ReconciliationFailed)) return raised;
        return raised.Append(new HealthReason(HealthReasons.ReconciliationFailed, halt, HealthStatus.Critical)).OrderBy(r => r.Code, StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// What the session stands at now, copied on the loop (asked through a probe actor, waiting at most
    /// <paramref name="timeout"/>), or read directly once the loop has ended; null if the loop did not answer in time.
    /// Safe from any thread.
    /// </summary>
    public SessionSnapshot? Snapshot(TimeSpan timeout)
    {
        if (HasEnded) return TakeSnapshot();
        try
        {
            return _probe.Ask<SessionSnapshot>(TakeSessionSnapshot.Instance, timeout).GetAwaiter().GetResult();
        }
        catch (Exception) when (HasEnded)
        {
            return TakeSnapshot();
        }
        catch (Exception)
        {
            // Not answered in time (a busy or stopping loop): the caller reports the loop as unavailable.
            return null;
        }
    }

    // On the loop (the probe), or after it ended: nothing else reads these then.
    private SessionSnapshot TakeSnapshot()
    {
        var instruments = new InstrumentSnapshot[Accounts.Count];
        for (int i = 0; i < instruments.Length; i++)
        {
            var account = Accounts[i];
            var state = account.State;
            double mid = _books[i].MidPrice;
            instruments[i] = new InstrumentSnapshot
            {
                Symbol = account.Instrument.Symbol,
                OrdersSent = account.OrdersSent,
                Fills = state.NumTrades,
                Position = state.Position,
                Pnl = double.IsNaN(mid) ? double.NaN : state.Equity(account.Instrument, mid),
                LastEventTime = _books[i].LastEventTime,
                BookSynced = Gateway.IsBookSynced(i),
                RiskRejections = RiskReasons.All.Where(r => account.RiskRejections[(int)r] > 0)
                    .Select(r => new KeyValuePair<string, long>(r.Code(), account.RiskRejections[(int)r])).ToArray(),
            };
        }
        var breakers = _breakers;
        var lastTrip = breakers is { Tripped: not null } && breakers.Trips.Count > 0 ? breakers.Trips[^1] : null;
        return new SessionSnapshot
        {
            Now = _clock.Now,
            StartedAt = _startedAt,
            LoopMessages = _loop.Delivered,
            QueueDepth = _loop.QueueDepth,
            MarketEvents = Gateway.Rows,
            Frames = Gateway.Frames,
            BadMessages = Gateway.BadMessages,
            Resyncs = Gateway.Resyncs,
            Reconnects = Gateway.Reconnects,
            VenueRejects = Gateway.Rejected,
            UnknownOutcomes = Gateway.UnknownOutcomes,
            RateLimited = Gateway.RateLimited,
            DisconnectedSince = Gateway.DisconnectedSince,
            RateLimits = Gateway.RateLimits?.Usage() ?? [],
            Instruments = instruments,
            VenueRejectsByReason = Accounts.OrderFlow.RejectionsByReason.OrderBy(r => r.Key, StringComparer.Ordinal).ToArray(),
            Breakers = breakers?.Names.ToArray() ?? [],
            TrippedBreaker = breakers?.Tripped,
            TripReason = lastTrip?.Reason,
            BreakerTrips = breakers?.Trips.Count(t => t.Breaker != "reset") ?? 0,
            AckLatency = LatencySnapshot.Of(Accounts.OrderFlow.AnswerLatency),
            TickToOrder = LatencySnapshot.Of(Accounts.OrderFlow.TickToOrder),
            Signals = SignalsNow(),
            Shadow = Shadow is { } shadow ? ShadowSnapshot.Of(shadow.Statistics) : null,
            Failure = _loop.Failure?.Message,
        };
    }

    /// <summary>
    /// Halts trading for the rest of the session and cancels what is open through the graph (from any thread; the
    /// kill switch's own REST cancels do not wait for this).
    /// </summary>
    public void EngageKillSwitch(string reason) => _risk.Tell(new KillSwitchEngaged(reason));

    /// <summary>
    /// Replaces the running strategy <paramref name="name"/> with one made by <paramref name="factory"/> (hot swap):
    /// the old one stops, its open orders are cancelled or handed over, the new one starts with the same positions;
    /// the venue's connections, the books and the other strategies go on. From any thread.
    /// </summary>
    public Task<StrategyReplaced> ReplaceStrategyAsync(string name, Func<Strategy> factory, bool cancelOpenOrders, TimeSpan timeout) =>
        _strategies.Ask<StrategyReplaced>(new ReplaceStrategy(name, factory, cancelOpenOrders), timeout);

    /// <summary>Clears a tripped circuit breaker so trading resumes (from any thread; the kill switch is not lifted).</summary>
    public void ResetBreakers(string why) => _risk.Tell(new ResetBreakers(why));

    /// <summary>The books, in instrument order.</summary>
    public IReadOnlyList<MarketDepth> Books => _books;

    /// <summary>The failure that stopped the loop (a venue that could not start, an escalation), if any.</summary>
    public Exception? Failure => _loop.Failure;

    /// <summary>True once the loop stopped by itself (a failure).</summary>
    public bool HasEnded => !_thread.IsAlive;

    /// <summary>
    /// Waits until <paramref name="until"/> fires, the loop fails, or <paramref name="timeout"/> passes
    /// (<see cref="Timeout.InfiniteTimeSpan"/>: no time limit).
    /// </summary>
    public void Wait(WaitHandle until, TimeSpan timeout)
    {
        var slice = TimeSpan.FromMilliseconds(200);
        var watch = Stopwatch.StartNew();
        while (!HasEnded)
        {
            var wait = slice;
            if (timeout != Timeout.InfiniteTimeSpan)
            {
                var left = timeout - watch.Elapsed;
                if (left <= TimeSpan.Zero) return;
                if (left < wait) wait = left;
            }
            if (until.WaitOne(wait)) return;
        }
    }

    private void RunLoop()
    {
        try
        {
            _loop.Run();
        }
        catch (Exception e)
        {
            _loop.Fail(e);
        }
    }

    private SupervisorStrategy RootStrategy() => new OneForOneStrategy(cause =>
    {
        if (cause is not ActorInitializationException) return Directive.Restart;
        _loop.Fail(cause.InnerException ?? cause);
        return Directive.Stop;
    });

    private void BuildGraph(IUntypedActorContext root)
    {
        IActorRef orders = ActorRefs.Nobody;
        IActorRef venueForOrders = ActorRefs.Nobody;
        IActorRef? shadow = null;
        if (Shadow is { } shadowVenue)
        {
            // Before /venues and /orders: the gateway feeds it rows and the order-state actor copies it the order flow.
            shadow = root.ActorOf(_loop.On(_props.Props(() => new ShadowActor(shadowVenue, _clock, _shadowEntry,
                _setup.Paper is null ? null : _simEntry, () => _risk))), "shadow");
        }
        root.ActorOf(Group(venues =>
        {
            IReadOnlyList<DirectEntry<IMarketEventSink>> exchangeSide = [];
            if (_setup.Paper is { } paper)
            {
                var exchanges = _setup.Instruments.Select((inst, i) => ExchangeModels.Create(paper.Exchange, i, inst, paper.QueueModel(), paper.Fees)).ToArray();
                var latencies = exchanges.Select(_ => paper.Latency).ToArray();
                venueForOrders = venues.ActorOf(_loop.On(_props.Props(() => new SimulatedVenueActor(exchanges, latencies, _loop, _simEntry))), "sim");
                exchangeSide = _setup.Instruments.Select(_ => _simEntry).ToArray();
            }
            // The shadow sees the rows first (and, paper, hands them on to the simulated venue).
            if (shadow is not null) exchangeSide = _setup.Instruments.Select(_ => _shadowEntry).ToArray();
            var recovery = new GatewayRecovery { Journal = _setup.Journal, OpenOrders = Recovered.OpenOrders, Reconciled = OnVenueReconciled };
            var context = new GatewayContext(_books, _bookEntries, exchangeSide, _loop, Gateway, recovery);
            _gateway = venues.ActorOf(_loop.On(_props.Props(() => _setup.Gateway(context))), _setup.VenueName);
            if (_setup.Paper is null) venueForOrders = _gateway;
            // The group's children start after the root's: /orders exists by now. Reconciliation at start reports to it
            // before any order was sent.
            _gateway.Tell(new ReportOrdersTo(orders), ActorRefs.NoSender);
        }), "venues");
        ITradeJournal? orderJournal = PairedTradeJournal.Of(_setup.Journal, _setup.TradeLog);
        if (_recorder is not null)
        {
            var recorder = root.ActorOf(_loop.On(_props.Props(() => new RecorderActor(_recorder, _clock))), "recorder");
            orderJournal = new RecordingJournal(orderJournal, recorder);
        }
        orders = root.ActorOf(_loop.On(_props.Props(() => new OrderStateActor(Accounts, venueForOrders, orderJournal, _clock, shadow))), "orders");
        var breakers = _breakers = new CircuitBreakers(_setup.Risk.Breakers, new BreakerInputs(Accounts, _books, Gateway));
        var risk = _risk = root.ActorOf(_loop.On(_props.Props(() => new RiskActor(_setup.Risk, Accounts, orders, _clock, _books, breakers, _setup.Journal))), "risk");
        _probe = root.ActorOf(_loop.On(_props.Props(() => new SessionProbeActor(TakeSnapshot))), "probe");
        var directives = _setup.Strategies.Where(s => s.OnError is not null).ToDictionary(s => s.Name, s => s.OnError!.Value, StringComparer.Ordinal);
        // On the real clock a restart limit may count within a window, as Akka's strategies usually do.
        var perStrategy = new PerChildStrategy(directives, Directive.Restart, 10, window: TimeSpan.FromMinutes(1));
        // The strategies start once the gateway reconciled the venue: no order goes out on a state the venue contradicts.
        var names = _setup.Strategies.Select(s => s.Name).ToArray();
        _strategies = root.ActorOf(_loop.On(_props.Props(() => new StrategyGroup(names,
            name => _setup.Strategies.First(s => s.Name == name).Factory,
            (i, factory, props) =>
            {
                var entry = _strategyEntries[i];
                string name = names[i];
                var snapshots = new StrategySnapshots(name, Recovered.Snapshots.GetValueOrDefault(name), _setup.Journal);
                return _loop.On(props.Props(() => new StrategyActor(factory, Accounts, _books, risk, _clock, entry, snapshots)));
            },
            Accounts, risk, _clock, perStrategy))), "strategies");
        if (Volatile.Read(ref _strategiesCued) != 0) _strategies.Tell(DeferredActorGroup.CreateChildren.Instance, ActorRefs.NoSender);
        root.ActorOf(Group(books =>
        {
            for (int i = 0; i < _books.Length; i++)
            {
                int index = i;
                books.ActorOf(_loop.On(_props.Props(() => new BookActor(index, _books[index], _bookEntries[index], _strategyEntries))),
                    Accounts[i].Instrument.Symbol);
            }
            _built.Set();
        }), "books");
    }

    private Props Group(Action<IUntypedActorContext> children, SupervisorStrategy? strategy = null) =>
        _loop.On(_props.Props(() => new ActorGroup(children, strategy)));

    /// <summary>
    /// Stops the session: the strategies first (nothing new is sent), then the gateway cancels what is open (if asked)
    /// and counts what the venue still holds, then the graph stops. Returns the summary.
    /// </summary>
    public BacktestResult Stop(bool cancelOpenOrders, TimeSpan venueTimeout)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0) throw new InvalidOperationException("the session was already stopped");
        if (!HasEnded)
        {
            StopAndWait(_strategies);
            try
            {
                // The gateway records what the venue still holds in its statistics; the answer only says it is done.
                _gateway.Ask<TradingStopped>(new StopTrading(cancelOpenOrders), venueTimeout).Wait(venueTimeout);
                // Cancels are confirmed on the user stream shortly after the REST answers: let them land.
                Thread.Sleep(300);
            }
            catch (Exception)
            {
                Gateway.OpenOrdersAtExit = -1;
            }
        }
        StopGraph();
        _watch.Stop();
        var results = InstrumentResult.Of(Accounts, _books);
        // The loop has ended: the recorder's state is this thread's to read.
        var recording = _recorder?.Finish(_clock.Now);
        return new BacktestResult(Gateway.Rows, _watch.Elapsed.TotalSeconds, _loop.Delivered, _startedAt, _clock.Now, results,
            _bookEntries.Sum(e => e.DeadLetters) + _strategyEntries.Sum(e => e.DeadLetters)) { BreakerTrips = _breakers?.Trips.ToArray() ?? [], Recording = recording };
    }

    private static void StopAndWait(IActorRef actor)
    {
        if (actor.IsNobody()) return;
        try
        {
            actor.GracefulStop(TimeSpan.FromSeconds(5)).Wait(TimeSpan.FromSeconds(6));
        }
        catch (Exception)
        {
            // A strategy stuck in its OnStop does not keep the session from cancelling its orders.
        }
    }

    /// <summary>
    /// Stops every actor of the graph and then the loop. The actors must stop on the loop (an actor system cannot
    /// terminate while actors wait on a loop nobody runs), so after a failure ended the loop's thread this thread runs it.
    /// </summary>
    private void StopGraph()
    {
        if (!_stoppedGraph.IsSet && !_root.IsNobody())
        {
            _root.Tell(PoisonPill.Instance, ActorRefs.NoSender);
            if (_thread.IsAlive) _stoppedGraph.Wait(StartStopTimeout);
            else
            {
                try
                {
                    _loop.RunUntil(() => _stoppedGraph.IsSet, StartStopTimeout);
                }
                catch (TimeoutException)
                {
                    // Left to the actor system's own termination.
                }
            }
        }
        _loop.RequestStop();
        _thread.Join(StartStopTimeout);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        StopGraph();
        if (!_thread.IsAlive) _loop.Close();
        _props.Forget();
        _built.Dispose();
        _stoppedGraph.Dispose();
    }
}
