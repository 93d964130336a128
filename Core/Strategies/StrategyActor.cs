using System.Runtime.CompilerServices;
using Hft.Core.Actors;
using Hft.Core.Actors.Scheduling;
using Hft.Core.Books;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Portfolio;

namespace Hft.Core.Strategies;

/// <summary>
/// Hosts one <see cref="Strategy"/> (<c>/user/strategies/&lt;name&gt;</c>) and is its
/// <see cref="IStrategyContext"/>: turns market events, order updates and timers into the strategy's
/// callbacks, and its order calls into messages to the risk actor.
/// </summary>
public sealed class StrategyActor : ActorBase, IStrategyContext
{
    private readonly Func<Strategy> _factory;
    private readonly TradingAccounts _accounts;
    private readonly IReadOnlyList<MarketDepth> _books;
    private readonly IActorRef _risk;
    private readonly List<ICancelable> _timers = new();
    private Strategy _strategy = null!;

    /// <summary>Creates the host; <paramref name="factory"/> makes a fresh strategy at start and on every restart.</summary>
    public StrategyActor(Func<Strategy> factory, TradingAccounts accounts, IReadOnlyList<MarketDepth> books, IActorRef risk)
    {
        _factory = factory;
        _accounts = accounts;
        _books = books;
        _risk = risk;
        Receive<InstrumentEvent>(OnMarketEvent);
        Receive<OrderUpdated>(m => _strategy.OnOrder(m.Order, m.Fill));
        Receive<StrategyTimer>(m => _strategy.OnTimer(m.TimerId));
    }

    /// <summary>The hosted strategy.</summary>
    public Strategy Strategy => _strategy;

    /// <inheritdoc />
    protected override void PreStart()
    {
        _strategy = _factory();
        _strategy.Attach(this);
        _strategy.OnStart();
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        foreach (var timer in _timers) timer.Cancel();
        _timers.Clear();
        _strategy?.OnStop();
    }

    private void OnMarketEvent(in InstrumentEvent message)
    {
        ref readonly var ev = ref message.Event;
        if ((ev.Flags & 0xFF) == EventFlags.Trade) _strategy.OnTrade(message.Instrument, in ev);
        else _strategy.OnDepth(message.Instrument, in ev);
    }

    /// <inheritdoc />
    public long Now => Context.Now;

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
        var order = new Order(instrument, orderId, side, priceTick, tickSize, quantity, tif, type, Now) { Owner = Self };
        account.Orders.TryAdd(order);
        _risk.Tell(new SubmitOrder(order), Self);
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
        _risk.Tell(new CancelOrder(order), Self);
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
        _risk.Tell(new ModifyOrder(order), Self);
        return OrderResult.Ok;
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
    public ICancelable Every(TimeSpan interval, int timerId = 0)
    {
        var timer = Context.Scheduler.ScheduleTellRepeatedly(interval, interval, Self, new StrategyTimer(timerId), Self);
        _timers.Add(timer);
        return timer;
    }

    /// <inheritdoc />
    public ICancelable After(TimeSpan delay, int timerId = 0)
    {
        // One-off timers end by themselves; only repeating ones are tracked for cancellation at stop.
        return Context.Scheduler.ScheduleTellOnce(delay, Self, new StrategyTimer(timerId), Self);
    }

    /// <inheritdoc />
    public IKernelLog Log => Context.System.Log;
}
