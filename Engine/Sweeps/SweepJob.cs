using Hft.Engine.Config;

namespace Hft.Engine.Sweeps;

/// <summary>One run to do: its point of the grid and the settings <c>backtest</c> would resolve for it.</summary>
internal sealed record SweepJob(SweepPoint Point, EngineSettings Settings);
