using Akka.Actor;

namespace Hft.Core.Runtime;

/// <summary>
/// Props from a plain factory delegate. Akka's <c>Props.Create(() => new T(...))</c> compiles an expression tree,
/// which costs milliseconds per actor type on a cold start; a delegate costs nothing.
/// </summary>
public static class ActorFactory
{
    /// <summary>Props that make each instance (at start and on every restart) with <paramref name="make"/>.</summary>
    public static Props Props<TActor>(Func<TActor> make) where TActor : ActorBase =>
        Akka.Actor.Props.CreateBy(new Producer<TActor>(make ?? throw new ArgumentNullException(nameof(make))));

    private sealed class Producer<TActor>(Func<TActor> make) : IIndirectActorProducer where TActor : ActorBase
    {
        public Type ActorType => typeof(TActor);

        public ActorBase Produce() => make();

        public void Release(ActorBase actor)
        {
        }
    }
}
