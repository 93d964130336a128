using Hft.Core.Books;
using Hft.Core.Markets;
using Hft.Core.Orders;

namespace Hft.Core.Strategies;

/// <summary>
/// What a strategy can see and do. Everything here runs on the core loop: reads are direct and need no
/// locks; orders leave as messages (strategy → risk → orders → venue).
/// </summary>
public interface IStrategyContext
{
    /// <summary>Current time (virtual in a backtest), ns since epoch.</summary>
    long Now { get; }

    /// <summary>The instruments of the run, in configuration order; an instrument is named by its index.</summary>
    IReadOnlyList<Instrument> Instruments { get; }

    /// <summary>The local order book of an instrument.</summary>
    MarketDepth Depth(int instrument);

    /// <summary>Position, balance, fees and volumes of an instrument.</summary>
    StateValues State(int instrument);

    /// <summary>Signed position of an instrument.</summary>
    double Position(int instrument);

    /// <summary>The local orders of an instrument, in submission order.</summary>
    OrderTable Orders(int instrument);

    /// <summary>Sends a buy order. The id must be unique among the instrument's orders not yet cleared.</summary>
    OrderResult SubmitBuy(int instrument, ulong orderId, double price, double quantity,
        TimeInForce timeInForce = TimeInForce.Gtc, OrderType type = OrderType.Limit);

    /// <summary>Sends a sell order.</summary>
    OrderResult SubmitSell(int instrument, ulong orderId, double price, double quantity,
        TimeInForce timeInForce = TimeInForce.Gtc, OrderType type = OrderType.Limit);

    /// <summary>Cancels a resting order.</summary>
    OrderResult Cancel(int instrument, ulong orderId);

    /// <summary>
    /// Changes a resting order's price and/or quantity (the new total open quantity). A new price or a larger
    /// quantity loses the queue position; a smaller quantity at the same price keeps it.
    /// </summary>
    OrderResult Modify(int instrument, ulong orderId, double price, double quantity);

    /// <summary>Forgets ended orders (expired, filled, cancelled, rejected) of one instrument, or all with -1.</summary>
    void ClearInactiveOrders(int instrument = -1);

    /// <summary>Calls <see cref="Strategy.OnTimer"/> with <paramref name="timerId"/> every <paramref name="interval"/>, first after one interval.</summary>
    TimerHandle Every(TimeSpan interval, int timerId = 0);

    /// <summary>Calls <see cref="Strategy.OnTimer"/> once after <paramref name="delay"/>.</summary>
    TimerHandle After(TimeSpan delay, int timerId = 0);

    /// <summary>
    /// The state this strategy (by its name in the configuration) saved last with <see cref="SaveState"/> in an earlier
    /// live session, read back from the journal at start; null if it never saved any (and always in a backtest).
    /// </summary>
    byte[]? SavedState { get; }

    /// <summary>
    /// Saves the strategy's own state (bytes only it reads, at most 60,000): in a live session it is journaled and
    /// handed back as <see cref="SavedState"/> after a restart; in a backtest it is kept in memory only.
    /// </summary>
    void SaveState(ReadOnlySpan<byte> state);

    /// <summary>The engine's log, with the strategy's actor as the source.</summary>
    IStrategyLog Log { get; }
}
