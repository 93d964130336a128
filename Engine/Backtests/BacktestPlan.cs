using Hft.Backtest.Models.Fees;
using Hft.Backtest.Recording;
using Hft.Backtest.Runs;
using Hft.Backtest.Venue;
using Hft.Core.Markets;
using Hft.Core.Orders;
using Hft.Core.Strategies;
using Hft.Engine.Cli;
using Hft.Engine.Config;
using Hft.Engine.Plugins;
using Directive = Akka.Actor.Directive;

namespace Hft.Engine.Backtests;

/// <summary>
/// One backtest's graph setup from resolved settings: strategies bound to their parameters, models, limits. Both
/// <c>backtest</c> and every run of <c>sweep</c> are built here, so a sweep's run is exactly the backtest run alone.
/// Creating a plan binds the strategies' parameters, so a bad value fails before anything runs.
/// </summary>
internal sealed class BacktestPlan
{
    private readonly Strategy?[] _instances;

    private BacktestPlan(EngineSettings settings, BacktestSetup setup, Strategy?[] instances)
    {
        Settings = settings;
        Setup = setup;
        _instances = instances;
    }

    /// <summary>The settings the plan was made from.</summary>
    public EngineSettings Settings { get; }

    /// <summary>The run's setup (without an actor system: the caller adds the one it runs in).</summary>
    public BacktestSetup Setup { get; }

    /// <summary>The strategies' names joined by commas, as the summary's <c>strategy</c> key shows them.</summary>
    public string StrategyNames => string.Join(",", Settings.Strategies.Select(s => s.Name));

    /// <summary>The configured instruments, checked.</summary>
    public static Instrument[] Instruments(EngineSettings settings) =>
        settings.Instruments.Select(i => i.ToInstrument().Validate()).ToArray();

    /// <summary>Fails with a clear message when an instrument has no data or a data file is missing.</summary>
    public static void RequireData(EngineSettings settings)
    {
        foreach (var i in settings.Instruments)
        {
            if (i.Data.Count == 0)
                throw new ArgumentException($"instrument {i.Symbol} has no data: give event files on the command line or data = [...] in the config");
            foreach (var p in i.Data)
            {
                if (!File.Exists(p)) throw new FileNotFoundException($"{p}: no such file");
            }
        }
    }

    /// <summary>
    /// Binds the strategies of <paramref name="settings"/> through <paramref name="registry"/> and puts the setup
    /// together with the given data, journal and recorder.
    /// </summary>
    public static BacktestPlan Create(EngineSettings settings, StrategyRegistry registry, IReadOnlyList<InstrumentSetup> instruments,
        ITradeJournal? journal, RecorderOptions? recorder)
    {
        // The latest instance of each strategy is kept, so that the summary can say why one never quoted.
        var instances = new Strategy?[settings.Strategies.Count];
        var strategies = settings.Strategies
            .Select((s, k) =>
            {
                var factory = registry.Resolve(s.Kind, s.ToParameters());
                return new StrategySetup(s.Name, () => instances[k] = factory(), s.OnError);
            })
            .ToList();
        var b = settings.Backtest;
        var setup = new BacktestSetup
        {
            Instruments = instruments,
            Strategies = strategies,
            Latency = BacktestCommand.CreateLatency(b.Latency),
            QueueModel = BacktestCommand.QueueModelFactory(b.Queue.Model),
            Exchange = ExchangeModels.Parse(b.Exchange),
            Fees = FeeModels.Create(b.Fees.Model, b.Fees.Maker, b.Fees.Taker),
            Risk = settings.Risk,
            OnStrategyError = Directive.Restart,
            Journal = journal,
            Recorder = recorder,
        };
        return new BacktestPlan(settings, setup, instances);
    }

    /// <summary>Why strategies of a finished run never quoted (empty when all did).</summary>
    public IReadOnlyList<NotQuoting> NotQuoting(BacktestResult result) =>
        Cli.NotQuoting.Collect(Settings.Strategies.Select(s => s.Name).ToArray(), _instances, result.Orders);
}
