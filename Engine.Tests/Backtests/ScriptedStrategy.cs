using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Strategies;

namespace Hft.Engine.Tests.Backtests;

/// <summary>Runs given actions at given virtual times and records every order update it receives.</summary>
internal sealed class ScriptedStrategy : Strategy
{
    private readonly (long At, Action<IStrategyContext> Act)[] _script;

    public ScriptedStrategy(List<string> log, params (long At, Action<IStrategyContext> Act)[] script)
    {
        Log = log;
        _script = script;
    }

    public List<string> Log { get; }

    public override void OnStart()
    {
        for (int i = 0; i < _script.Length; i++) Context.After(TimeSpan.FromTicks((_script[i].At - Context.Now) / 100), i);
    }

    public override void OnTimer(int timerId) => _script[timerId].Act(Context);

    public override void OnOrder(Order order, Fill? fill) =>
        Log.Add($"{Context.Now}:#{order.Id} {order.Status} req={order.Request}" + (fill is null ? "" : $" fill {fill.Quantity}@{fill.Price}"));
}
