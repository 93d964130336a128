using Hft.Core.Venues;

namespace Hft.Backtest.Venue;

/// <summary>An order request reaching the simulated exchange after its entry latency.</summary>
/// <param name="Command">The request.</param>
public sealed record ExchangeArrival(VenueCommand Command);
