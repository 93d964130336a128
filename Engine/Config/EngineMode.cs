namespace Hft.Engine.Config;

/// <summary>What a configuration file sets up; it decides which sections are required and which are allowed.</summary>
public enum EngineMode
{
    /// <summary>Replay recorded event files against the simulated venue on the virtual clock.</summary>
    Backtest,

    /// <summary>Trade on real venues with real orders on the real clock.</summary>
    Live,

    /// <summary>Live market data from real venues, orders filled by the simulated venue's models: nothing reaches a venue.</summary>
    Paper,
}
