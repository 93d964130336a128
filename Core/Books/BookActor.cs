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
    // Local subscribers resolved once: a Tell through the interface is a generic virtual call, too slow per event.
    private ActorCell?[] _cells;
    private IActorRef? _self;

    /// <summary>Creates the actor.</summary>
    public BookActor(int instrument, MarketDepth depth, IEnumerable<IActorRef> subscribers)
    {
        _instrument = instrument;
        _depth = depth;
        _subscribers = subscribers.ToArray();
        _cells = Resolve(_subscribers);
        Receive<MarketEvent>(OnEvent);
        Receive<SubscribeMarketData>(m =>
        {
            _subscribers = [.. _subscribers, m.Subscriber];
            _cells = Resolve(_subscribers);
        });
    }

    /// <inheritdoc />
    protected override void PreStart()
    {
        _self = Self;
        _onLoop = ((ActorCell)Context).CoreLoop is not null;
    }

    private bool _onLoop;

    private void OnEvent(in MarketEvent ev)
    {
        _depth.Apply(in ev);
        var cells = _cells;
        var self = _self;
        var message = new InstrumentEvent(_instrument, in ev);
        for (int i = 0; i < cells.Length; i++)
        {
            // The book runs on the core loop, so posting to a core-loop subscriber skips the thread check.
            if (cells[i] is { } cell)
            {
                if (_onLoop) cell.PostFromLoop(in message, self);
                else cell.Post(in message, self);
            }
            else _subscribers[i].Tell(message, self);
        }
    }

    private static ActorCell?[] Resolve(IActorRef[] refs) => refs.Select(r => (r as LocalActorRef)?.Cell).ToArray();
}

/// <summary>Asks a book actor to pass its events on to <paramref name="Subscriber"/>.</summary>
/// <param name="Subscriber">Who gets the events.</param>
public sealed record SubscribeMarketData(IActorRef Subscriber);
