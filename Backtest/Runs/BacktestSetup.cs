using Hft.Backtest.Models.Fees;
using Hft.Backtest.Models.Latency;
using Hft.Backtest.Models.Queue;
using Hft.Backtest.Recording;
using Akka.Actor;
using Hft.Core.Orders;
using Hft.Core.Risk;

namespace Hft.Backtest.Runs;

/// <summary>Everything a backtest needs: instruments and their data, models, limits, strategies.</summary>
public sealed record BacktestSetup
{
    /// <summary>Instruments in configuration order (this order breaks ties between instruments).</summary>
    public required IReadOnlyList<InstrumentSetup> Instruments { get; init; }

    /// <summary>Strategies to run.</summary>
    public required IReadOnlyList<StrategySetup> Strategies { get; init; }

    /// <summary>Order latency; default 1 ms each way.</summary>
    public IOrderLatency Latency { get; init; } = new ConstantLatency(1_000_000, 1_000_000);

    /// <summary>Makes one queue model per instrument; default risk-averse.</summary>
    public Func<IQueueModel> QueueModel { get; init; } = () => new RiskAverseQueueModel();

    /// <summary>Fill rules of the simulated exchange; default no partial fills.</summary>
    public Venue.ExchangeModel Exchange { get; init; } = Venue.ExchangeModel.NoPartialFill;

    /// <summary>Fees; default none.</summary>
    public IFeeModel Fees { get; init; } = new TradingValueFeeModel(0, 0);

    /// <summary>Pre-trade limits; default none.</summary>
    public RiskLimits Risk { get; init; } = RiskLimits.None;

    /// <summary>What happens to a strategy that throws, unless its setup says otherwise; default restart (at most 10 times in a run, then stop).</summary>
    public Directive OnStrategyError { get; init; } = Directive.Restart;

    /// <summary>
    /// The actor system the run's graph is created in. A long-lived system can run many backtests one after another
    /// (each with a fresh graph on its own core loop); null for a system of the run's own, terminated at the end.
    /// </summary>
    public ActorSystem? System { get; init; }

    /// <summary>
    /// The dispatcher id of the run's core loop (see <see cref="Hft.Core.Runtime.CoreLoopOptions.DispatcherId"/>); null
    /// for an id of its own. A sweep worker gives each of its runs the same id, so a long-lived system keeps one
    /// dispatcher a worker rather than one a run.
    /// </summary>
    public string? LoopDispatcherId { get; init; }

    /// <summary>Receives every order change and fill.</summary>
    public ITradeJournal? Journal { get; init; }

    /// <summary>Samples the run and computes its statistics (<c>/recorder</c>); none by default.</summary>
    public RecorderOptions? Recorder { get; init; }
}
