using Akka.Actor;
using Akka.Event;

namespace Hft.Core.Runtime;

/// <summary>
/// Counts the dead letters addressed to one graph (actors under <paramref name="root"/>'s path): messages sent to
/// an actor that had stopped. It runs on the graph's core loop, and Akka publishes a dead letter on the sender's
/// thread, so the count is exact and the same in every run.
/// </summary>
public sealed class DeadLetterCounter(ActorPath root, Action<long> report) : UntypedActor
{
    private long _count;

    /// <inheritdoc />
    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(DeadLetter));

    /// <inheritdoc />
    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        if (message is DeadLetter letter && IsUnder(letter.Recipient.Path)) report(++_count);
    }

    private bool IsUnder(ActorPath path)
    {
        for (var p = path; p is not null && p.Elements.Count >= root.Elements.Count; p = p.Parent)
            if (p == root) return true;
        return false;
    }
}
