using Hft.Backtest.Recording;

namespace Hft.Backtest.Runs;

/// <summary>What a backtest did.</summary>
/// <param name="Events">Rows replayed.</param>
/// <param name="WallSeconds">Wall time of the replay.</param>
/// <param name="Messages">Messages and feed items the core loop delivered during the replay (the graph's start-up is left out).</param>
/// <param name="FirstTime">Virtual time at the start.</param>
/// <param name="LastTime">Virtual time at the end.</param>
/// <param name="Instruments">Per-instrument outcome, in configuration order.</param>
/// <param name="DeadLetters">Messages that could not be delivered.</param>
public sealed record BacktestResult(
    long Events,
    double WallSeconds,
    long Messages,
    long FirstTime,
    long LastTime,
    IReadOnlyList<InstrumentResult> Instruments,
    long DeadLetters)
{
    /// <summary>The recorder's statistics and charts; null when the run had no recorder.</summary>
    public RecordingResult? Recording { get; init; }

    /// <summary>Every circuit-breaker trip and reset, in order (empty without breakers).</summary>
    public IReadOnlyList<Hft.Core.Risk.Breakers.BreakerTrip> BreakerTrips { get; init; } = [];

    /// <summary>Rows per second of wall time.</summary>
    public double EventsPerSecond => WallSeconds > 0 ? Events / WallSeconds : 0;

    /// <summary>Orders sent, all instruments.</summary>
    public long Orders => Instruments.Sum(i => i.OrdersSent);

    /// <summary>Fills, all instruments.</summary>
    public long Fills => Instruments.Sum(i => i.Fills);
}
