using Akka.Actor;
using Hft.Backtest.Runs;
using Hft.Core.Markets;
using Hft.Core.Risk;

namespace Hft.Engine.Live;

/// <summary>What a live or paper session runs.</summary>
internal sealed record LiveSessionSetup
{
    /// <summary>The instruments, in configuration order (all on <see cref="VenueName"/>).</summary>
    public required IReadOnlyList<Instrument> Instruments { get; init; }

    /// <summary>The strategies.</summary>
    public required IReadOnlyList<StrategySetup> Strategies { get; init; }

    /// <summary>The venue's name: the gateway's actor name.</summary>
    public required string VenueName { get; init; }

    /// <summary>Makes the gateway actor (each start of it) from the graph's books and loop.</summary>
    public required Func<GatewayContext, ActorBase> Gateway { get; init; }

    /// <summary>Pre-trade limits.</summary>
    public RiskLimits Risk { get; init; } = RiskLimits.None;

    /// <summary>Paper mode: the simulated venue's models that fill the orders; null in live mode.</summary>
    public VenueModels? Paper { get; init; }

    /// <summary>The shadow venue's models and comparison (null: no shadow trading).</summary>
    public Hft.Engine.Shadow.ShadowOptions? Shadow { get; init; }

    /// <summary>Where every order change, fill and trading-state change is appended (null: no journal).</summary>
    public Hft.Core.Journal.JournalWriter? Journal { get; init; }

    /// <summary>What earlier sessions left in the journal, replayed into the session's state before it starts (null: nothing).</summary>
    public Hft.Core.Journal.JournalContents? EarlierJournal { get; init; }

    /// <summary>
    /// The run's samples and statistics (<c>/recorder</c>, as a backtest's <c>--out</c>; null: none): the summary's
    /// <see cref="Hft.Backtest.Runs.BacktestResult.Recording"/> is then set, so the run can be written and compared.
    /// </summary>
    public Hft.Backtest.Recording.RecorderOptions? Recorder { get; init; }

    /// <summary>Receives every order change and fill besides the journal (the run's <c>orders.csv</c> and <c>fills.csv</c>); null: none.</summary>
    public Hft.Core.Orders.ITradeJournal? TradeLog { get; init; }

    /// <summary>How the loop waits for work (null: the defaults, which block at once; a bench spins).</summary>
    public Hft.Core.Runtime.CoreLoopOptions? LoopOptions { get; init; }
}
