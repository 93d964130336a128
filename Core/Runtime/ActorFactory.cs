using Akka.Actor;

namespace Hft.Core.Runtime;

/// <summary>
/// Props from plain factory delegates, for the actors of one graph. Akka's <c>Props.Create(() => new T(...))</c>
/// compiles an expression tree (milliseconds per actor type on a cold start); a delegate costs nothing. And since a
/// long-lived actor system may keep a reference to a stopped actor's props for a while (watchers, event-stream
/// bookkeeping), <see cref="Forget"/> drops the factories once the graph has stopped, so they no longer keep the
/// run's state, or a plugin's strategy, alive.
/// </summary>
public sealed class ActorFactory
{
    private readonly List<IReleasable> _producers = new();

    /// <summary>Props that make each instance (at start and on every restart) with <paramref name="make"/>.</summary>
    public Props Props<TActor>(Func<TActor> make) where TActor : ActorBase
    {
        var producer = new Producer<TActor>(make ?? throw new ArgumentNullException(nameof(make)));
        lock (_producers) _producers.Add(producer);
        return Akka.Actor.Props.CreateBy(producer);
    }

    /// <summary>Drops every factory; actors of these props can no longer be created or restarted.</summary>
    public void Forget()
    {
        lock (_producers)
        {
            foreach (var p in _producers) p.Release();
            _producers.Clear();
        }
    }

    private interface IReleasable
    {
        void Release();
    }

    private sealed class Producer<TActor>(Func<TActor> make) : IIndirectActorProducer, IReleasable where TActor : ActorBase
    {
        private Func<TActor>? _make = make;

        public Type ActorType => typeof(TActor);

        public ActorBase Produce() =>
            (_make ?? throw new InvalidOperationException($"The graph that {typeof(TActor).Name} belonged to has stopped."))();

        public void Release(ActorBase actor)
        {
        }

        public void Release() => _make = null;
    }
}
