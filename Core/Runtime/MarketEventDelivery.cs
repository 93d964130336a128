using System.Runtime.CompilerServices;
using Hft.Core.Markets;

namespace Hft.Core.Runtime;

/// <summary>
/// Hands one market event to the actor behind a <see cref="DirectEntry{THandler}"/> on the core loop's thread: the
/// one rule for the same-thread path, shared by the backtest's feeds and the live gateways (no handler: a dead
/// letter; a handler that throws: detached and its actor told, so supervision decides).
/// </summary>
public static class MarketEventDelivery
{
    /// <summary>Delivers <paramref name="row"/> of <paramref name="instrument"/> through <paramref name="entry"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Deliver(this DirectEntry<IMarketEventSink> entry, int instrument, in MarketEvent row)
    {
        var handler = entry.Handler;
        if (handler is null)
        {
            entry.CountDeadLetter();
            return;
        }
        try
        {
            handler.OnMarketEvent(instrument, in row);
        }
        catch (Exception e)
        {
            entry.Fail(e);
        }
    }
}
