using Hft.Core.Actors;
using Hft.Core.Markets;

namespace Hft.Core.Books;

/// <summary>
/// The local order book of one instrument (<c>/user/books/&lt;symbol&gt;</c>): applies the market events
/// it receives from its venue and passes each on to the subscribed strategies, which read the book itself
/// directly.
/// </summary>
public sealed class BookActor : ActorBase
{
    private readonly int _instrument;
    private readonly MarketDepth _depth;
    private IActorRef[] _subscribers;

    /// <summary>Creates the actor.</summary>
    public BookActor(int instrument, MarketDepth depth, IEnumerable<IActorRef> subscribers)
    {
        _instrument = instrument;
        _depth = depth;
        _subscribers = subscribers.ToArray();
        Receive<MarketEvent>(OnEvent);
        Receive<SubscribeMarketData>(m => _subscribers = [.. _subscribers, m.Subscriber]);
    }

    private void OnEvent(MarketEvent ev)
    {
        _depth.Apply(in ev);
        var subscribers = _subscribers;
        for (int i = 0; i < subscribers.Length; i++) subscribers[i].Tell(new InstrumentEvent(_instrument, ev), Self);
    }
}

/// <summary>Asks a book actor to pass its events on to <paramref name="Subscriber"/>.</summary>
/// <param name="Subscriber">Who gets the events.</param>
public sealed record SubscribeMarketData(IActorRef Subscriber);
