using Hft.Core.Markets;
using Hft.Core.Orders;

namespace Hft.Core.Strategies;

/// <summary>
/// Base class of trading strategies, built in or loaded from plugins. The engine calls these methods on the
/// core loop, one at a time, in the same order in a backtest and live. Override what you need. To run a strategy by
/// name (<c>--strategy</c>, <c>kind</c>), mark it with <see cref="StrategyAttribute"/> and give it a public constructor
/// taking its settings (see <see cref="StrategyDescriptor"/>); built-in and plugin strategies follow the same rules.
/// </summary>
public abstract class Strategy
{
    private IStrategyContext? _context;

    /// <summary>The strategy's view of the market and its order entry; set before <see cref="OnStart"/>.</summary>
    public IStrategyContext Context => _context ?? throw new InvalidOperationException("The strategy has not been started yet.");

    internal void Attach(IStrategyContext context) => _context = context;

    /// <summary>Called once before any market data arrives.</summary>
    public virtual void OnStart() { }

    /// <summary>Called when the strategy stops (end of a backtest, shutdown).</summary>
    public virtual void OnStop() { }

    /// <summary>Called after a depth event (update, snapshot row, clear) was applied to the local book.</summary>
    public virtual void OnDepth(int instrument, in MarketEvent update) { }

    /// <summary>Called for every public trade.</summary>
    public virtual void OnTrade(int instrument, in MarketEvent trade) { }

    /// <summary>Called when one of the strategy's orders changed; <paramref name="fill"/> is set for executions.</summary>
    public virtual void OnOrder(Order order, Fill? fill) { }

    /// <summary>Called by timers set with <see cref="IStrategyContext.Every"/> or <see cref="IStrategyContext.After"/>.</summary>
    public virtual void OnTimer(int timerId) { }

    /// <summary>
    /// Why the strategy has not quoted at all so far, in a few words a user can act on (for example
    /// "calibration window not reached: 1,370 of 6,000 steps"), or null once it has quoted, or if it cannot tell.
    /// The engine reads it when a run ends and prints it in the summary, so that a run without orders says why.
    /// </summary>
    public virtual string? NotQuotingReason => null;
}
