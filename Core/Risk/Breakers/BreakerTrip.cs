namespace Hft.Core.Risk.Breakers;

/// <summary>One trip or reset of a breaker, for the log and the report.</summary>
/// <param name="Time">The loop clock's time, ns.</param>
/// <param name="Breaker">The breaker's name (<c>reset</c> for a reset).</param>
/// <param name="Reason">Why, with the figures.</param>
/// <param name="State">The trading state it moved to.</param>
public sealed record BreakerTrip(long Time, string Breaker, string Reason, TradingState State);
