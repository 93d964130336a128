namespace Hft.Core.Risk;

/// <summary>
/// Tells the risk actor the kill switch was engaged: trading halts for the rest of the session (no breaker reset or
/// state change lifts it) and every open order is cancelled.
/// </summary>
/// <param name="Reason">Who engaged it and how, for the log and the strategies' rejections.</param>
public sealed record KillSwitchEngaged(string Reason);
