using System.Diagnostics;
using Akka.Actor;
using Hft.Backtest.Feed;
using Hft.Backtest.Recording;
using Hft.Backtest.Venue;
using Hft.Core.Books;
using Hft.Core.Orders;
using Hft.Core.Portfolio;
using Hft.Core.Risk;
using Hft.Core.Risk.Breakers;
using Hft.Core.Runtime;
using Hft.Core.Strategies;
using Hft.Core.Time;

namespace Hft.Backtest.Runs;

/// <summary>
/// Composes the backtest actor graph on its own core loop (virtual clock) in an Akka.NET actor system and replays
/// the data through it:
/// <code>
/// /user/backtest                root of the run's graph
///   /venues/sim                 simulated exchange (exchange-time feed, latency, queue, fills)
///   /recorder                   samples and statistics (when <see cref="BacktestSetup.Recorder"/> is set)
///   /orders                     order state, positions, fills
///   /risk                       pre-trade checks
///   /strategies/&lt;name&gt;         strategies
///   /books/&lt;symbol&gt;            local books (local-time feed)
/// </code>
/// </summary>
public sealed class BacktestRun : IDisposable
{
    private static readonly TimeSpan StartStopTimeout = TimeSpan.FromSeconds(30);
    private readonly BacktestSetup _setup;
    private readonly ActorSystem _system;
    private readonly bool _ownsSystem;
    private readonly VirtualClock _clock = new();
    private readonly CoreLoop _loop;
    private readonly ActorFactory _props = new();
    private readonly List<InstrumentFeed> _feeds = new();
    private readonly MarketDepth[] _books;
    private readonly SimulatedExchange[] _exchanges;
    private readonly Recorder? _recorder;
    private readonly DirectEntry<IMarketEventSink> _venueEntry = new();
    private readonly DirectEntry<IMarketEventSink>[] _bookEntries;
    private readonly DirectEntry<IStrategyEventSink>[] _strategyEntries;
    private ClosableJournal? _journal;
    private readonly IActorRef _root;
    private readonly List<IActorRef> _strategyRefs = new();
    private IActorRef _venue = ActorRefs.Nobody;
    private IActorRef _orders = ActorRefs.Nobody;
    private IActorRef _risk = ActorRefs.Nobody;
    private CircuitBreakers? _breakers;
    private IActorRef _recorderRef = ActorRefs.Nobody;
    private DeadLetterCounter? _akkaDeadLetters;
    private volatile bool _built;
    private volatile bool _stopped;
    private bool _executed;

    /// <summary>Builds the graph and starts its actors (at the time of the first event); nothing is replayed until <see cref="Execute"/>.</summary>
    public BacktestRun(BacktestSetup setup)
    {
        _setup = setup;
        if (setup.Instruments.Count == 0) throw new ArgumentException("A backtest needs at least one instrument.");
        var instruments = setup.Instruments.Select(i => i.Instrument).ToArray();
        Accounts = new TradingAccounts(instruments);
        _books = instruments.Select(i => new MarketDepth(i.TickSize, i.LotSize)).ToArray();
        _exchanges = instruments.Select((inst, i) => ExchangeModels.Create(setup.Exchange, i, inst, setup.QueueModel(), setup.Fees)).ToArray();
        for (int i = 0; i < instruments.Length; i++)
        {
            var snapshot = setup.Instruments[i].InitialSnapshot;
            if (snapshot is null) continue;
            _books[i].ApplySnapshot(snapshot);
            _exchanges[i].ApplyInitialSnapshot(snapshot);
        }
        if (setup.Recorder is { } recorderOptions) _recorder = new Recorder(recorderOptions, Accounts, _books);
        _bookEntries = instruments.Select(_ => new DirectEntry<IMarketEventSink>()).ToArray();
        _strategyEntries = setup.Strategies.Select(_ => new DirectEntry<IStrategyEventSink>()).ToArray();

        _loop = new CoreLoop(_clock, new CoreLoopOptions(DispatcherId: setup.LoopDispatcherId));
        for (int i = 0; i < instruments.Length; i++)
        {
            var feed = new InstrumentFeed(setup.Instruments[i].Data(), i, _venueEntry, _bookEntries[i]);
            feed.AttachTo(_loop);
            _feeds.Add(feed);
        }

        _ownsSystem = setup.System is null;
        _system = setup.System ?? EngineActorSystem.Create("backtest");
        try
        {
            _loop.AttachTo(_system);
            // The clock moves to the first event before any actor starts, so timers set in PreStart count from there.
            _loop.Open();
            var rootProps = _loop.On(_props.Props(() => new ActorGroup(BuildGraph, RootStrategy(), () => _stopped = true)));
            _root = CreateRoot(rootProps);
            _akkaDeadLetters = new DeadLetterCounter(_system, _root.Path);
            // Built, and the root fully started: until the guardian (on the thread pool) has swapped the root's cell
            // in, what its children send it waits in the unstarted cell, and the guardian hands it in later, so that
            // one more mailbox run would fall, now and then, inside the replay.
            _loop.RunUntil(() => _built && _root is ActorRefWithCell { Underlying: ActorCell }, StartStopTimeout, andIdle: true);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The local trading state, readable after (and during) the run.</summary>
    public TradingAccounts Accounts { get; }

    /// <summary>The actor system the graph runs in.</summary>
    public ActorSystem System => _system;

    /// <summary>The core loop that runs the graph.</summary>
    public CoreLoop Loop => _loop;

    /// <summary>The root of the run's graph.</summary>
    public IActorRef Root => _root;

    /// <summary>The simulated venue.</summary>
    public IActorRef Venue => _venue;

    /// <summary>The order-state actor.</summary>
    public IActorRef Orders => _orders;

    /// <summary>The risk actor.</summary>
    public IActorRef Risk => _risk;

    /// <summary>The strategy actors, in setup order.</summary>
    public IReadOnlyList<IActorRef> StrategyRefs => _strategyRefs;

    /// <summary>The local books, in instrument order.</summary>
    public IReadOnlyList<MarketDepth> Books => _books;

    /// <summary>Rows taken from the data so far; may be read from another thread while the run goes (for progress).</summary>
    public long RowsRead
    {
        get
        {
            long rows = 0;
            foreach (var feed in _feeds) rows += feed.RowsRead;
            return rows;
        }
    }

    /// <summary>Event time reached so far; may be read from another thread while the run goes (for progress).</summary>
    public long EventTime => _clock.Now;

    private IActorRef CreateRoot(Props props)
    {
        // A long-lived system may still be removing the previous run's root; its name is then taken for a moment.
        for (int attempt = 0; ; attempt++)
        {
            string name = attempt == 0 ? "backtest" : "backtest-" + attempt.ToString(global::System.Globalization.CultureInfo.InvariantCulture);
            try
            {
                return _system.ActorOf(props, name);
            }
            catch (InvalidActorNameException) when (attempt < 1000)
            {
            }
        }
    }

    private SupervisorStrategy RootStrategy() => new OneForOneStrategy(cause =>
    {
        // A part of the graph that cannot even be created ends the run; anything else is restarted, as by default.
        if (cause is not ActorInitializationException) return Directive.Restart;
        _loop.Fail(cause.InnerException ?? cause);
        return Directive.Stop;
    });

    private void BuildGraph(IUntypedActorContext root)
    {
        var latencies = _exchanges.Select(_ => _setup.Latency).ToArray();
        root.ActorOf(Group(venues => _venue = venues.ActorOf(
            _loop.On(_props.Props(() => new SimulatedVenueActor(_exchanges, latencies, _loop, _venueEntry))), "sim")), "venues");
        if (_recorder is { } recorder)
            _recorderRef = root.ActorOf(_loop.On(_props.Props(() => new RecorderActor(recorder, _clock))), "recorder");
        ITradeJournal? inner = _recorder is null ? _setup.Journal : new RecordingJournal(_setup.Journal, _recorderRef);
        var journal = _journal = inner is null ? null : new ClosableJournal(inner);
        _orders = root.ActorOf(_loop.On(_props.Props(() => new OrderStateActor(Accounts, _venue, journal, _clock))), "orders");
        var breakers = _breakers = new CircuitBreakers(_setup.Risk.Breakers, new BreakerInputs(Accounts, _books, venue: null));
        _risk = root.ActorOf(_loop.On(_props.Props(() => new RiskActor(_setup.Risk, Accounts, _orders, _clock, _books, breakers))), "risk");

        // Each strategy follows its own directive (restarted at most 10 times in a run, then stopped).
        var directives = _setup.Strategies.Where(s => s.OnError is not null).ToDictionary(s => s.Name, s => s.OnError!.Value, StringComparer.Ordinal);
        var perStrategy = new PerChildStrategy(directives, _setup.OnStrategyError, 10, window: null);
        root.ActorOf(Group(strategies =>
        {
            for (int i = 0; i < _setup.Strategies.Count; i++)
            {
                var s = _setup.Strategies[i];
                var entry = _strategyEntries[i];
                var factory = s.Factory;
                _strategyRefs.Add(strategies.ActorOf(
                    _loop.On(_props.Props(() => new StrategyActor(factory, Accounts, _books, _risk, _clock, entry))), s.Name));
            }
        }, perStrategy), "strategies");

        root.ActorOf(Group(books =>
        {
            for (int i = 0; i < _books.Length; i++)
            {
                int index = i;
                books.ActorOf(_loop.On(_props.Props(() => new BookActor(index, _books[index], _bookEntries[index], _strategyEntries))),
                    Accounts[i].Instrument.Symbol);
            }
            _built = true;
        }), "books");
    }

    private Props Group(Action<IUntypedActorContext> children, SupervisorStrategy? strategy = null) =>
        _loop.On(_props.Props(() => new ActorGroup(children, strategy)));

    /// <summary>Replays everything, stops the graph, and reports.</summary>
    public BacktestResult Execute()
    {
        if (_executed) throw new InvalidOperationException("A backtest runs once; build a new BacktestRun to run again.");
        _executed = true;
        var watch = Stopwatch.StartNew();
        // Only the replay's deliveries count: while the graph starts, Akka's guardians (on the thread pool) hand in
        // system messages whose timing decides how many mailbox runs they take, so that part would vary by run.
        long deliveredBefore = _loop.Delivered;
        _loop.Run();
        long delivered = _loop.Delivered - deliveredBefore;
        long first = _loop.StartedAt;
        long end = _clock.Now;
        var failure = _loop.Failure;
        var recording = failure is null ? _recorder?.Finish(end) : null;
        // What the actors do while they stop (a strategy's OnStop) is not part of the replay.
        _journal?.Close();
        var results = InstrumentResult.Of(Accounts, _books);
        long deadLetters = DeadLetters;
        StopGraph();
        watch.Stop();
        if (failure is not null) throw new BacktestFailedException(failure);
        return new BacktestResult(_feeds.Sum(f => f.RowsRead), watch.Elapsed.TotalSeconds, delivered,
            first, end, results, deadLetters) { Recording = recording, BreakerTrips = _breakers?.Trips.ToArray() ?? [] };
    }

    /// <summary>Messages and market events that reached a stopped actor of this graph so far.</summary>
    public long DeadLetters =>
        (_akkaDeadLetters?.Count ?? 0) + _venueEntry.DeadLetters + _bookEntries.Sum(e => e.DeadLetters) + _strategyEntries.Sum(e => e.DeadLetters);

    private void StopGraph()
    {
        if (_stopped || _root is null) return;
        _root.Tell(PoisonPill.Instance, ActorRefs.NoSender);
        _loop.RunUntil(() => _stopped, StartStopTimeout);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            if (!_loop.IsRunning) StopGraph();
        }
        finally
        {
            foreach (var feed in _feeds) feed.Dispose();
            if (!_loop.IsRunning) _loop.Close();
            _akkaDeadLetters?.Dispose();
            _props.Forget();
            if (_ownsSystem) _system?.Terminate().Wait(StartStopTimeout);
        }
    }
}
