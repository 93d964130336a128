namespace Hft.Core.Risk;

/// <summary>Tells the risk actor what to let through from now on (a breaker's trip, its reset, a command).</summary>
/// <param name="State">The new state.</param>
/// <param name="Why">Why, for the log and the report.</param>
public sealed record SetTradingState(TradingState State, string Why);
