namespace Hft.Core.Markets;

/// <summary>A market event tagged with the index of its instrument in the run's configuration.</summary>
/// <param name="Instrument">Instrument index.</param>
/// <param name="Event">The event.</param>
public readonly record struct InstrumentEvent(int Instrument, MarketEvent Event);
