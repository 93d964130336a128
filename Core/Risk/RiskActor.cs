using Akka.Actor;
using Akka.Event;
using Hft.Core.Books;
using Hft.Core.Journal;
using Hft.Core.Orders;
using Hft.Core.Portfolio;
using Hft.Core.Risk.Breakers;
using Hft.Core.Risk.Limits;
using Hft.Core.Time;

namespace Hft.Core.Risk;

/// <summary>
/// Pre-trade checks (<c>/risk</c>): every new or modified order passes here on its way from a strategy to the
/// order-state actor, through each configured <see cref="IPreTradeLimit"/> in turn; the first that refuses it says why,
/// and the order never reaches the venue. Cancels always pass (a strategy can always pull its quotes) but count towards
/// the request rate. In <see cref="TradingState.Halted"/> nothing but cancels passes; in
/// <see cref="TradingState.Reducing"/> only orders that reduce the position. With circuit breakers configured it looks at
/// their conditions on a timer of the loop's clock; a trip cancels every open order and moves trading to the configured
/// state (while halted, orders that land afterwards are cancelled at each check too). The kill switch
/// (<see cref="KillSwitchEngaged"/>) halts it for good.
/// </summary>
public sealed class RiskActor : ReceiveActor, IWithTimers
{
    private const long OneSecond = 1_000_000_000;
    private readonly TradingAccounts _accounts;
    private readonly IReadOnlyList<MarketDepth>? _books;
    private readonly IActorRef _orders;
    private readonly IClock _clock;
    private readonly IReadOnlyList<IPreTradeLimit> _limits;
    // Send times of the requests of the last second, oldest first (the clock is the loop's: virtual in a backtest).
    private readonly Queue<long> _recent = new();
    private readonly bool _countRequests;
    private readonly CircuitBreakers? _breakers;
    private ILoggingAdapter? _log;
    private string? _killed;
    private readonly JournalWriter? _journal;

    /// <summary>Creates the actor.</summary>
    /// <param name="limits">The limits to apply.</param>
    /// <param name="accounts">Positions and orders.</param>
    /// <param name="orders">The order-state actor.</param>
    /// <param name="clock">The loop's clock (for the request rate).</param>
    /// <param name="books">The local books by instrument (for mids), or null.</param>
    /// <param name="breakers">The run's circuit breakers, or null for none.</param>
    /// <param name="journal">Where trading-state changes are appended (live), or null.</param>
    public RiskActor(RiskLimits limits, TradingAccounts accounts, IActorRef orders, IClock clock, IReadOnlyList<MarketDepth>? books = null,
        CircuitBreakers? breakers = null, JournalWriter? journal = null)
    {
        _journal = journal;
        _breakers = breakers is { Any: true } ? breakers : null;
        _accounts = accounts;
        _books = books;
        _orders = orders;
        _clock = clock;
        _limits = limits.Build(Mid);
        _countRequests = limits.MaxOrdersPerSecond > 0;
        Receive<SubmitOrder>(m => Pass(m.Order, isNew: true, m));
        Receive<ModifyOrder>(m => Pass(m.Order, isNew: false, m));
        Receive<CancelOrder>(m =>
        {
            CountRequest();
            _orders.Tell(m, Sender);
        });
        Receive<SetTradingState>(m =>
        {
            if (_killed is null) State = m.State;
        });
        Receive<KillSwitchEngaged>(m =>
        {
            if (_killed is not null) return;
            _killed = m.Reason;
            State = TradingState.Halted;
            _journal?.OnTradingState(_clock.Now, TradingState.Halted, "kill_switch", m.Reason);
            (_log ??= Context.GetLogger()).Warning("kill switch engaged ({0}): cancelling every open order; trading halted for the rest of the session", m.Reason);
            CancelOpenOrders();
        });
        Receive<CheckBreakers>(_ => OnCheckBreakers());
        Receive<ResetBreakers>(m =>
        {
            if (_breakers?.Reset(_clock.Now, m.Why) is { } reset) Apply(reset);
            else (_log ??= Context.GetLogger()).Info("breaker reset asked ({0}): no breaker is tripped", m.Why);
        });
        Receive<DivergenceObserved>(m =>
        {
            if (_breakers is not null) _breakers.Inputs.Divergence = m.Divergence;
        });
    }

    /// <inheritdoc />
    protected override void PreStart()
    {
        if (_breakers is null) return;
        _log = Context.GetLogger();
        var interval = TimeSpan.FromTicks(BreakerSettings.Nanos(_breakers.Settings.CheckIntervalMs) / 100);
        Timers.StartPeriodicTimer("breakers", CheckBreakers.Instance, interval);
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    private void OnCheckBreakers()
    {
        var breakers = _breakers!;
        if (breakers.Check(_clock.Now) is { } change) Apply(change);
        // Orders that were on their way when trading halted land afterwards: they go too.
        else if ((breakers.Tripped is not null || _killed is not null) && State == TradingState.Halted) CancelOpenOrders();
    }

    private void Apply(BreakerTrip change)
    {
        if (_killed is not null) return;
        State = change.State;
        _journal?.OnTradingState(_clock.Now, change.State, change.Breaker, change.Reason);
        if (change.State == TradingState.Active)
        {
            _log?.Info("circuit breaker {0}: {1}; trading resumes", change.Breaker, change.Reason);
            return;
        }
        _log?.Warning("circuit breaker {0} tripped: {1}; cancelling every open order, trading {2}", change.Breaker, change.Reason,
            change.State == TradingState.Halted ? "halted" : "only reduces positions");
        CancelOpenOrders();
    }

    private void CancelOpenOrders()
    {
        long now = _clock.Now;
        for (int i = 0; i < _accounts.Count; i++)
        {
            foreach (var order in _accounts[i].Orders.All)
            {
                // An order with a request in flight is cancelled at a later check, once the venue has answered.
                if (!order.IsActive || order.Request != OrderRequest.None) continue;
                order.Request = OrderRequest.Canceled;
                order.LocalTime = now;
                CountRequest();
                _orders.Tell(new CancelOrder(order), order.Owner ?? Self);
            }
        }
    }

    private sealed class CheckBreakers
    {
        public static readonly CheckBreakers Instance = new();
    }

    /// <summary>What it lets through now.</summary>
    public TradingState State { get; private set; } = TradingState.Active;

    private double Mid(int instrument) =>
        _books is not null && _books[instrument] is { HasBothSides: true } book ? book.MidPrice : double.NaN;

    private void Pass(Order order, bool isNew, object message)
    {
        var account = _accounts[order.Instrument];
        (RiskReason Reason, string Text)? refusal = null;
        if (State == TradingState.Halted)
        {
            refusal = (RiskReason.Halted, _killed is null ? "trading is halted" : "trading is halted by the kill switch (" + _killed + ")");
        }
        else
        {
            var check = new PreTradeCheck(order, isNew, account, _accounts, _books?[order.Instrument], State, RecentRequests());
            foreach (var limit in _limits)
            {
                if (limit.Refuse(in check) is { } why)
                {
                    refusal = (limit.Reason, why);
                    break;
                }
            }
        }
        if (refusal is not { } r)
        {
            CountRequest();
            // Tick to order: from the instrument's latest market event to here (for the metrics; no allocation).
            if (isNew && _books is not null && _books[order.Instrument].LastEventTime is > 0 and var tick)
                _accounts.OrderFlow.TickToOrder.Observe(_clock.Now - tick);
            _orders.Tell(message, Sender);
            return;
        }
        // Only the added quantity of a modify can take the position further; it was checked as if it were new.
        _orders.Tell(new OrderRejectedByRisk(order, r.Text, r.Reason), Sender);
    }

    private int RecentRequests()
    {
        if (!_countRequests) return 0;
        long since = _clock.Now - OneSecond;
        while (_recent.Count > 0 && _recent.Peek() <= since) _recent.Dequeue();
        return _recent.Count;
    }

    private void CountRequest()
    {
        if (_countRequests) _recent.Enqueue(_clock.Now);
    }
}
