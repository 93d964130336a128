using System.Runtime.CompilerServices;
using Akka.Actor;
using Hft.Core.Markets;
using Hft.Core.Runtime;

namespace Hft.Core.Books;

/// <summary>
/// The local order book of one instrument (<c>/books/&lt;symbol&gt;</c>). Market events reach it on the
/// same-thread path (its <see cref="DirectEntry{THandler}"/>, called by the feed at local time): it applies each
/// to the book and calls the subscribed strategy hosts directly, which read the book itself. No Akka message is
/// sent per event.
/// </summary>
public sealed class BookActor : ReceiveActor, IMarketEventSink
{
    private readonly int _instrument;
    private readonly MarketDepth _depth;
    private readonly DirectEntry<IMarketEventSink> _entry;
    private readonly DirectEntry<IStrategyEventSink>[] _subscribers;

    /// <summary>Creates the actor.</summary>
    /// <param name="instrument">The instrument's index.</param>
    /// <param name="depth">The book it keeps (shared with the strategies, which read it).</param>
    /// <param name="entry">Where the feed calls it.</param>
    /// <param name="subscribers">The strategy hosts it passes each event to, in this order.</param>
    public BookActor(int instrument, MarketDepth depth, DirectEntry<IMarketEventSink> entry, IReadOnlyList<DirectEntry<IStrategyEventSink>> subscribers)
    {
        _instrument = instrument;
        _depth = depth;
        _entry = entry;
        _subscribers = subscribers.ToArray();
        Receive<DirectDeliveryFailed>(failed => failed.Rethrow());
    }

    /// <inheritdoc />
    protected override void PreStart() => _entry.Attach(Self, this);

    /// <inheritdoc />
    protected override void PostStop() => _entry.Detach(this);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void OnMarketEvent(int instrument, in MarketEvent ev)
    {
        _depth.Apply(in ev);
        _depth.LastEventTime = ev.LocalTime;
        bool trade = (ev.Flags & 0xFF) == EventFlags.Trade;
        var subscribers = _subscribers;
        for (int i = 0; i < subscribers.Length; i++)
        {
            var entry = subscribers[i];
            var host = entry.Handler;
            if (host is null)
            {
                entry.CountDeadLetter();
                continue;
            }
            // Strategies that do not override the callback are not called at all.
            if ((entry.Interest & (trade ? MarketInterest.Trades : MarketInterest.Depth)) == 0) continue;
            try
            {
                if (trade) host.OnTrade(_instrument, in ev);
                else host.OnDepth(_instrument, in ev);
            }
            catch (Exception e)
            {
                entry.Fail(e);
            }
        }
    }
}
