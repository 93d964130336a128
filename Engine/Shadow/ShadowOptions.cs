using Hft.Engine.Live;

namespace Hft.Engine.Shadow;

/// <summary>How the shadow venue models and compares (the <c>[shadow]</c> table).</summary>
/// <param name="Models">The backtest's models it predicts with.</param>
/// <param name="Window">How many of the latest compared orders the divergence is the share of.</param>
/// <param name="FillTimeToleranceNs">Largest difference in first-fill time (exchange time) that still counts as the same fill.</param>
/// <param name="AnswerTimeoutNs">How long an order waits for the venue's answer before the model places it without one.</param>
/// <param name="ReorderNs">How far (exchange time) live rows are kept behind the newest, so rows that came late over another socket take their place.</param>
/// <param name="MinCompared">Orders compared before the divergence breaker is told anything (one early difference is not a trend).</param>
internal sealed record ShadowOptions(VenueModels Models, int Window, long FillTimeToleranceNs, long AnswerTimeoutNs, long ReorderNs, int MinCompared);
