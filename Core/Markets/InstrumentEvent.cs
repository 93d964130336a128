namespace Hft.Core.Markets;

/// <summary>A market event tagged with the index of its instrument in the run's configuration.</summary>
/// <remarks>Fields, not properties, so handlers taking it by reference can read the event without copying it.</remarks>
public readonly struct InstrumentEvent
{
    /// <summary>Creates the tagged event.</summary>
    public InstrumentEvent(int instrument, in MarketEvent ev)
    {
        Instrument = instrument;
        Event = ev;
    }

    /// <summary>Instrument index.</summary>
    public readonly int Instrument;

    /// <summary>The event.</summary>
    public readonly MarketEvent Event;
}
