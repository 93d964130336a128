using Hft.Core.Markets;

namespace Hft.Core.Runtime;

/// <summary>
/// What receives market events on the same-thread path (see <see cref="DirectEntry{THandler}"/>): the simulated
/// venue at exchange time, a book at local time, a strategy host after its book.
/// </summary>
public interface IMarketEventSink
{
    /// <summary>Handles one event of instrument <paramref name="instrument"/>, on the core loop's thread.</summary>
    void OnMarketEvent(int instrument, in MarketEvent ev);
}
