using Hft.Core.Risk;
namespace Hft.Engine.Config;

/// <summary>
/// Everything a configuration file says, bound and checked (see <see cref="SettingsBinder"/>): the root of the
/// schema documented in <c>docs/configuration.md</c>. Defaults are filled in and relative paths are already
/// resolved against the file's directory, so consumers never look back at the TOML.
/// </summary>
public sealed record EngineSettings
{
    /// <summary>What the file sets up (<c>mode</c>).</summary>
    public required EngineMode Mode { get; init; }

    /// <summary>Log level and optional log file (<c>[logging]</c>).</summary>
    public LoggingSettings Logging { get; init; } = new();

    /// <summary>Venues by name (<c>[[venues]]</c>); empty in a backtest that relies on the implicit simulated venue.</summary>
    public IReadOnlyList<VenueSettings> Venues { get; init; } = [];

    /// <summary>Instruments in file order (<c>[[instruments]]</c>); this order breaks ties in a backtest.</summary>
    public required IReadOnlyList<InstrumentSettings> Instruments { get; init; }

    /// <summary>Pre-trade limits (<c>[risk]</c>).</summary>
    public RiskLimits Risk { get; init; } = RiskLimits.None;

    /// <summary>Strategies to run (<c>[[strategies]]</c>).</summary>
    public required IReadOnlyList<StrategySettings> Strategies { get; init; }

    /// <summary>Simulated venue models, used by backtest and paper modes (<c>[backtest]</c>).</summary>
    public BacktestSettings Backtest { get; init; } = new();

    /// <summary>Where results are written (<c>[output]</c>).</summary>
    public OutputSettings Output { get; init; } = new();

    /// <summary>How a live or paper session trades and stops (<c>[live]</c>).</summary>
    public LiveSettings Live { get; init; } = new();

    /// <summary>The live session's journal.</summary>
    public JournalSettings Journal { get; init; } = new();

    /// <summary>How a live session reconciles with its venue.</summary>
    public ReconciliationSettings Reconciliation { get; init; } = new();

    /// <summary>Shadow trading (<c>[shadow]</c>): the backtest's models beside the venue, compared order by order.</summary>
    public ShadowSettings Shadow { get; init; } = new();

    /// <summary>The live session's metrics and health endpoint (<c>[metrics]</c>; off by default).</summary>
    public MetricsSettings Metrics { get; init; } = new();

    /// <summary>A sweep over several processes (<c>[cluster]</c>); null when the file has none.</summary>
    public ClusterSettings? Cluster { get; init; }

    /// <summary>
    /// The plugins folder strategies are loaded from (<c>plugins_dir</c>, or <c>--plugins</c>), as a full path; when
    /// neither gives one, <c>plugins/</c> beside the file or in the working directory if it exists; null for none.
    /// </summary>
    public string? PluginsDir { get; init; }
}
