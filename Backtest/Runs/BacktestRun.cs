using System.Diagnostics;
using Hft.Backtest.Feed;
using Hft.Backtest.Recording;
using Hft.Backtest.Venue;
using Hft.Core.Actors;
using Hft.Core.Actors.Supervision;
using Hft.Core.Books;
using Hft.Core.Orders;
using Hft.Core.Portfolio;
using Hft.Core.Risk;
using Hft.Core.Strategies;
using Hft.Core.Time;

namespace Hft.Backtest.Runs;

/// <summary>
/// Composes the backtest actor graph on a virtual clock and replays the data through it:
/// <code>
/// /user/venues/sim              simulated exchange (exchange-time feed, latency, queue, fills)
/// /user/orders                  order state, positions, fills
/// /user/risk                    pre-trade checks
/// /user/strategies/&lt;name&gt;      strategies
/// /user/books/&lt;symbol&gt;         local books (local-time feed)
/// /user/recorder                samples and statistics (when <see cref="BacktestSetup.Recorder"/> is set)
/// </code>
/// </summary>
public sealed class BacktestRun : IDisposable
{
    private readonly BacktestSetup _setup;
    private readonly ActorSystem _system;
    private readonly VirtualClock _clock = new();
    private readonly List<InstrumentFeed> _feeds = new();
    private readonly MarketDepth[] _books;
    private readonly SimulatedExchange[] _exchanges;
    private readonly Recorder? _recorder;

    /// <summary>Builds the graph; nothing runs until <see cref="Execute"/>.</summary>
    public BacktestRun(BacktestSetup setup)
    {
        _setup = setup;
        if (setup.Instruments.Count == 0) throw new ArgumentException("A backtest needs at least one instrument.");
        var instruments = setup.Instruments.Select(i => i.Instrument).ToArray();
        Accounts = new TradingAccounts(instruments);
        _system = new ActorSystem("backtest", _clock, setup.Log);
        _books = instruments.Select(i => new MarketDepth(i.TickSize, i.LotSize)).ToArray();
        _exchanges = instruments.Select((inst, i) => ExchangeModels.Create(setup.Exchange, i, inst, setup.QueueModel(), setup.Fees)).ToArray();
        for (int i = 0; i < instruments.Length; i++)
        {
            var snapshot = setup.Instruments[i].InitialSnapshot;
            if (snapshot is null) continue;
            _books[i].ApplySnapshot(snapshot);
            _exchanges[i].ApplyInitialSnapshot(snapshot);
        }

        var venues = _system.ActorOf(Props.Create(() => new GroupActor()), "venues");
        var latencies = instruments.Select(_ => setup.Latency).ToArray();
        Venue = _system.ActorOf(venues, Props.Create(() => new SimulatedVenueActor(_exchanges, latencies)), "sim");
        var journal = setup.Journal;
        if (setup.Recorder is { } recorderOptions)
        {
            var recorder = _recorder = new Recorder(recorderOptions, Accounts, _books);
            journal = new RecordingJournal(journal, _system.ActorOf(Props.Create(() => new RecorderActor(recorder)), "recorder"));
        }
        Orders = _system.ActorOf(Props.Create(() => new OrderStateActor(Accounts, Venue, journal)), "orders");
        Risk = _system.ActorOf(Props.Create(() => new RiskActor(setup.Risk, Accounts, Orders)), "risk");

        // Each strategy follows its own directive (restart at most 10 times a minute, then stop).
        var directives = setup.Strategies.Where(s => s.OnError is not null).ToDictionary(s => s.Name, s => s.OnError!.Value, StringComparer.Ordinal);
        var strategiesProps = Props.Create(() => new GroupActor())
            .WithSupervisorStrategy(new PerChildStrategy(directives, setup.OnStrategyError, 10, TimeSpan.FromMinutes(1)));
        var strategies = _system.ActorOf(strategiesProps, "strategies");
        var strategyRefs = new List<IActorRef>();
        foreach (var s in setup.Strategies)
        {
            var factory = s.Factory;
            strategyRefs.Add(_system.ActorOf(strategies, Props.Create(() => new StrategyActor(factory, Accounts, _books, Risk)), s.Name));
        }
        StrategyRefs = strategyRefs;

        var books = _system.ActorOf(Props.Create(() => new GroupActor()), "books");
        var loop = _system.CoreLoop;
        var venueRecipient = loop.DirectRecipientFor(Venue);
        for (int i = 0; i < instruments.Length; i++)
        {
            int index = i;
            var book = _system.ActorOf(books, Props.Create(() => new BookActor(index, _books[index], strategyRefs)), instruments[i].Symbol);
            var feed = new InstrumentFeed(setup.Instruments[i].Data(), i, venueRecipient, loop.DirectRecipientFor(book));
            feed.AttachTo(loop);
            _feeds.Add(feed);
        }
    }

    /// <summary>The local trading state, readable after (and during) the run.</summary>
    public TradingAccounts Accounts { get; }

    /// <summary>The actor system (for inspection in tests).</summary>
    public ActorSystem System => _system;

    /// <summary>The simulated venue.</summary>
    public IActorRef Venue { get; }

    /// <summary>The order-state actor.</summary>
    public IActorRef Orders { get; }

    /// <summary>The risk actor.</summary>
    public IActorRef Risk { get; }

    /// <summary>The strategy actors, in setup order.</summary>
    public IReadOnlyList<IActorRef> StrategyRefs { get; }

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

    /// <summary>Replays everything, stops the strategies, and reports.</summary>
    public BacktestResult Execute()
    {
        var watch = Stopwatch.StartNew();
        _system.Run();
        long first = _system.CoreLoop.StartedAt;
        long end = _clock.Now;
        var recording = _system.Failure is null ? _recorder?.Finish(end) : null;
        _system.Dispose();
        watch.Stop();
        if (_system.Failure is { } failure) throw new BacktestFailedException(failure);
        var results = new List<InstrumentResult>();
        for (int i = 0; i < Accounts.Count; i++)
        {
            var account = Accounts[i];
            var state = account.State;
            double mid = _books[i].MidPrice;
            double equity = double.IsNaN(mid) ? double.NaN : state.Equity(account.Instrument, mid);
            results.Add(new InstrumentResult(account.Instrument, account.OrdersSent, account.OrdersRejectedByRisk, state.NumTrades,
                state.Position, state.Balance, state.Fee, state.TradingVolume, state.TradingValue, mid, equity));
        }
        return new BacktestResult(_feeds.Sum(f => f.RowsRead), watch.Elapsed.TotalSeconds, _system.CoreLoop.Delivered,
            first, end, results, _system.DeadLetters.Count) { Recording = recording };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var feed in _feeds) feed.Dispose();
    }
}
