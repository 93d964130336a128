
using Hft.Core.Books;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Portfolio;
using Hft.Core.Strategies;

namespace Hft.Engine.Tests.Strategies;

/// <summary>A strategy context over a hand-built book that records the order calls, for testing quoting logic alone.</summary>
internal sealed class FakeStrategyContext : IStrategyContext
{
    private readonly TradingAccounts _accounts;

    public FakeStrategyContext(Instrument instrument, MarketDepth depth)
    {
        _accounts = new TradingAccounts([instrument]);
        Book = depth;
    }

    public MarketDepth Book { get; }
    public double CurrentPosition { get; set; }
    public List<string> Calls { get; } = new();
    public List<(Side Side, ulong Id, double Price, TimeInForce Tif, double Quantity)> Submitted { get; } = new();

    public long Now { get; set; }
    public IReadOnlyList<Instrument> Instruments => _accounts.Instruments;
    public MarketDepth Depth(int instrument) => Book;
    public StateValues State(int instrument) => _accounts[instrument].State;
    public double Position(int instrument) => CurrentPosition;
    public OrderTable Orders(int instrument) => _accounts[instrument].Orders;

    public OrderResult SubmitBuy(int instrument, ulong orderId, double price, double quantity, TimeInForce timeInForce = TimeInForce.Gtc, OrderType type = OrderType.Limit) =>
        Submit(instrument, Side.Buy, orderId, price, quantity, timeInForce, type);

    public OrderResult SubmitSell(int instrument, ulong orderId, double price, double quantity, TimeInForce timeInForce = TimeInForce.Gtc, OrderType type = OrderType.Limit) =>
        Submit(instrument, Side.Sell, orderId, price, quantity, timeInForce, type);

    private OrderResult Submit(int instrument, Side side, ulong id, double price, double qty, TimeInForce tif, OrderType type)
    {
        var orders = _accounts[instrument].Orders;
        if (orders.Contains(id)) return OrderResult.OrderIdExists;
        var order = new Order(instrument, id, side, PriceMath.ToTick(price, Book.TickSize), Book.TickSize, qty, tif, type, Now);
        orders.TryAdd(order);
        Submitted.Add((side, id, price, tif, qty));
        Calls.Add($"submit {side} {id}");
        return OrderResult.Ok;
    }

    /// <summary>Marks every order as acknowledged by the venue (resting, nothing in flight).</summary>
    public void AcknowledgeAll()
    {
        foreach (var o in _accounts[0].Orders.All)
        {
            o.Status = OrderStatus.New;
            o.Request = OrderRequest.None;
        }
    }

    /// <summary>Ends every order with a cancel in flight, as the venue's answer would.</summary>
    public void CompleteCancels()
    {
        foreach (var o in _accounts[0].Orders.All)
        {
            if (o.Request != OrderRequest.Canceled) continue;
            o.Status = OrderStatus.Canceled;
            o.Request = OrderRequest.None;
        }
    }

    /// <summary>Forgets the recorded calls and submissions (the orders stay).</summary>
    public void ForgetCalls()
    {
        Calls.Clear();
        Submitted.Clear();
    }

    public OrderResult Cancel(int instrument, ulong orderId)
    {
        Calls.Add($"cancel {orderId}");
        var order = _accounts[instrument].Orders.Find(orderId);
        if (order is null) return OrderResult.OrderNotFound;
        order.Request = OrderRequest.Canceled;
        return OrderResult.Ok;
    }

    public OrderResult Modify(int instrument, ulong orderId, double price, double quantity)
    {
        Calls.Add($"modify {orderId} {price} {quantity}");
        return _accounts[instrument].Orders.Contains(orderId) ? OrderResult.Ok : OrderResult.OrderNotFound;
    }

    public void ClearInactiveOrders(int instrument = -1) => _accounts[0].Orders.ClearInactive();

    public TimerHandle Every(TimeSpan interval, int timerId = 0) => throw new InvalidOperationException("timers are driven by the test");
    public TimerHandle After(TimeSpan delay, int timerId = 0) => throw new InvalidOperationException("timers are driven by the test");
    public IStrategyLog Log { get; } = new SilentLog();

    public byte[]? SavedState { get; set; }

    public void SaveState(ReadOnlySpan<byte> state) => SavedState = state.ToArray();

    private sealed class SilentLog : IStrategyLog
    {
        public void Info(string message) { }
        public void Warning(string message) { }
        public void Error(Exception? exception, string message) { }
    }
}
