using System.Reflection;
using Akka.Actor;
using Akka.Event;
using Hft.Core.Books;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Portfolio;
using Hft.Core.Runtime;
using Hft.Core.Time;

namespace Hft.Core.Strategies;

/// <summary>
/// Hosts one <see cref="Strategy"/> (<c>/strategies/&lt;name&gt;</c>) and is its <see cref="IStrategyContext"/>:
/// market events arrive on the same-thread path from the books (only for the callbacks the strategy overrides),
/// order updates and timers as Akka messages; its order calls leave as messages to the risk actor. Everything
/// runs on the core loop, so the strategy needs no locks and never sees Akka.
/// </summary>
public sealed class StrategyActor : ReceiveActor, IStrategyContext, IStrategyEventSink
{
    private readonly Func<Strategy> _factory;
    private readonly TradingAccounts _accounts;
    private readonly IReadOnlyList<MarketDepth> _books;
    private readonly IActorRef _risk;
    private readonly IClock _clock;
    private readonly DirectEntry<IStrategyEventSink> _entry;
    private readonly List<ICancelable> _timers = new();
    private Strategy _strategy = null!;
    private IActorRef _self = ActorRefs.Nobody;
    private IScheduler _scheduler = null!;
    private IStrategyLog _log = null!;
    private readonly StrategySnapshots? _snapshots;

    /// <summary>Creates the host; <paramref name="factory"/> makes a fresh strategy at start and on every restart.</summary>
    /// <param name="factory">Makes the strategy.</param>
    /// <param name="accounts">The run's trading state.</param>
    /// <param name="books">The local books, by instrument index.</param>
    /// <param name="risk">Where orders go.</param>
    /// <param name="clock">The core loop's clock (virtual in a backtest).</param>
    /// <param name="entry">Where the books call this host.</param>
    /// <param name="snapshots">What the strategy saved before and where its saves go (null: a backtest, memory only).</param>
    public StrategyActor(Func<Strategy> factory, TradingAccounts accounts, IReadOnlyList<MarketDepth> books, IActorRef risk,
        IClock clock, DirectEntry<IStrategyEventSink> entry, StrategySnapshots? snapshots = null)
    {
        _snapshots = snapshots;
        SavedState = snapshots?.Earlier;
        _factory = factory;
        _accounts = accounts;
        _books = books;
        _risk = risk;
        _clock = clock;
        _entry = entry;
        Receive<OrderUpdated>(m => _strategy.OnOrder(m.Order, m.Fill));
        Receive<StrategyTimer>(m => _strategy.OnTimer(m.TimerId));
        Receive<DirectDeliveryFailed>(failed => failed.Rethrow());
    }

    /// <summary>The hosted strategy.</summary>
    public Strategy Strategy => _strategy;

    /// <inheritdoc />
    protected override void PreStart()
    {
        _self = Self;
        ClaimRecoveredOrders();
        _scheduler = Context.System.Scheduler;
        _log = new StrategyLog(Context.GetLogger());
        _strategy = _factory();
        var type = _strategy.GetType();
        int interest = (Overrides(type, nameof(Strategy.OnDepth)) ? MarketInterest.Depth : 0)
            | (Overrides(type, nameof(Strategy.OnTrade)) ? MarketInterest.Trades : 0);
        _strategy.Attach(this);
        _strategy.OnStart();
        _entry.Attach(_self, this, interest);
    }

    // Orders put back from a journal (or adopted from the venue) have no owner yet: the first strategy to start takes
    // them, so their updates reach a strategy that can cancel them.
    private void ClaimRecoveredOrders()
    {
        for (int i = 0; i < _accounts.Count; i++)
        {
            foreach (var order in _accounts[i].Orders.All)
            {
                if (order.Owner is null || order.Owner.IsNobody()) order.Owner = _self;
            }
        }
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        _entry.Detach(this);
        foreach (var timer in _timers) timer.Cancel();
        _timers.Clear();
        _strategy?.OnStop();
    }

    private static bool Overrides(Type type, string name) =>
        type.GetMethod(name, BindingFlags.Public | BindingFlags.Instance)?.DeclaringType != typeof(Strategy);

    /// <inheritdoc />
    public void OnDepth(int instrument, in MarketEvent update) => _strategy.OnDepth(instrument, in update);

    /// <inheritdoc />
    public void OnTrade(int instrument, in MarketEvent trade) => _strategy.OnTrade(instrument, in trade);

    /// <inheritdoc />
    public long Now => _clock.Now;

    /// <inheritdoc />
    public IReadOnlyList<Instrument> Instruments => _accounts.Instruments;

    /// <inheritdoc />
    public MarketDepth Depth(int instrument) => _books[instrument];

    /// <inheritdoc />
    public StateValues State(int instrument) => _accounts[instrument].State;

    /// <inheritdoc />
    public double Position(int instrument) => _accounts[instrument].State.Position;

    /// <inheritdoc />
    public OrderTable Orders(int instrument) => _accounts[instrument].Orders;

    /// <inheritdoc />
    public OrderResult SubmitBuy(int instrument, ulong orderId, double price, double quantity,
        TimeInForce timeInForce = TimeInForce.Gtc, OrderType type = OrderType.Limit) =>
        Submit(instrument, orderId, Side.Buy, price, quantity, timeInForce, type);

    /// <inheritdoc />
    public OrderResult SubmitSell(int instrument, ulong orderId, double price, double quantity,
        TimeInForce timeInForce = TimeInForce.Gtc, OrderType type = OrderType.Limit) =>
        Submit(instrument, orderId, Side.Sell, price, quantity, timeInForce, type);

    private OrderResult Submit(int instrument, ulong orderId, Side side, double price, double quantity, TimeInForce tif, OrderType type)
    {
        if ((uint)instrument >= (uint)_accounts.Count) return OrderResult.InvalidOrderRequest;
        if (!(quantity > 0) || double.IsInfinity(quantity)) return OrderResult.InvalidOrderRequest;
        if (type == OrderType.Limit && !double.IsFinite(price)) return OrderResult.InvalidOrderRequest;
        var account = _accounts[instrument];
        if (account.Orders.Contains(orderId)) return OrderResult.OrderIdExists;
        var tickSize = account.Instrument.TickSize;
        long priceTick = double.IsFinite(price) ? PriceMath.ToTick(price, tickSize) : 0;
        var order = new Order(instrument, orderId, side, priceTick, tickSize, quantity, tif, type, Now) { Owner = _self };
        account.Orders.TryAdd(order);
        _risk.Tell(new SubmitOrder(order), _self);
        return OrderResult.Ok;
    }

    /// <inheritdoc />
    public OrderResult Cancel(int instrument, ulong orderId)
    {
        if ((uint)instrument >= (uint)_accounts.Count) return OrderResult.InvalidOrderRequest;
        var order = _accounts[instrument].Orders.Find(orderId);
        if (order is null) return OrderResult.OrderNotFound;
        if (order.Request != OrderRequest.None) return OrderResult.OrderRequestInProcess;
        // Unlike the reference, an order that has ended cannot be cancelled: that is what let it count a fill twice.
        if (!order.IsActive) return OrderResult.InvalidOrderStatus;
        order.Request = OrderRequest.Canceled;
        order.LocalTime = Now;
        _risk.Tell(new CancelOrder(order), _self);
        return OrderResult.Ok;
    }

    /// <inheritdoc />
    public OrderResult Modify(int instrument, ulong orderId, double price, double quantity)
    {
        if ((uint)instrument >= (uint)_accounts.Count) return OrderResult.InvalidOrderRequest;
        var order = _accounts[instrument].Orders.Find(orderId);
        if (order is null) return OrderResult.OrderNotFound;
        if (order.Request != OrderRequest.None) return OrderResult.OrderRequestInProcess;
        if (!order.IsActive) return OrderResult.InvalidOrderStatus;
        if (order.Type != OrderType.Limit || !double.IsFinite(price) || !(quantity > 0) || double.IsInfinity(quantity))
            return OrderResult.InvalidOrderRequest;
        order.PreviousPriceTick = order.PriceTick;
        order.PreviousQuantity = order.Quantity;
        order.PriceTick = PriceMath.ToTick(price, order.TickSize);
        order.Quantity = quantity;
        order.Request = OrderRequest.Replaced;
        order.LocalTime = Now;
        _risk.Tell(new ModifyOrder(order), _self);
        return OrderResult.Ok;
    }

    /// <inheritdoc />
    public byte[]? SavedState { get; private set; }

    /// <inheritdoc />
    public void SaveState(ReadOnlySpan<byte> state)
    {
        if (state.Length > IStrategySnapshotJournal.MaxStateBytes)
            throw new ArgumentException($"a saved state holds at most {IStrategySnapshotJournal.MaxStateBytes} bytes, not {state.Length}", nameof(state));
        _snapshots?.Journal?.OnStrategySnapshot(_snapshots.Name, state, _clock.Now);
        // A restart of this actor (after a strategy's failure) hands the latest save to the new strategy.
        SavedState = state.ToArray();
    }

    /// <inheritdoc />
    public void ClearInactiveOrders(int instrument = -1)
    {
        if (instrument >= 0)
        {
            _accounts[instrument].Orders.ClearInactive();
            return;
        }
        for (int i = 0; i < _accounts.Count; i++) _accounts[i].Orders.ClearInactive();
    }

    /// <inheritdoc />
    public TimerHandle Every(TimeSpan interval, int timerId = 0)
    {
        var cancelable = new Cancelable(_scheduler);
        _scheduler.ScheduleTellRepeatedly(interval, interval, _self, new StrategyTimer(timerId), _self, cancelable);
        _timers.Add(cancelable);
        return new TimerHandle(cancelable);
    }

    /// <inheritdoc />
    public TimerHandle After(TimeSpan delay, int timerId = 0)
    {
        // One-off timers end by themselves; only repeating ones are tracked for cancellation at stop.
        var cancelable = new Cancelable(_scheduler);
        _scheduler.ScheduleTellOnce(delay, _self, new StrategyTimer(timerId), _self, cancelable);
        return new TimerHandle(cancelable);
    }

    /// <inheritdoc />
    public IStrategyLog Log => _log;
}
