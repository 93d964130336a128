using Akka.Actor;
using Akka.Event;

namespace Hft.Core.Runtime;

/// <summary>
/// Counts the dead letters addressed to one graph (actors under a root's path): messages sent to an actor that had
/// stopped. It is an event-stream subscriber without a mailbox: Akka publishes a dead letter on the sender's thread,
/// and the count is taken right there, so it is exact and the same in every run. (An actor would receive each dead
/// letter of every graph in the system through its loop's inbox, and Akka's watch of a new subscriber would arrive
/// from the thread pool at any moment, so graphs running side by side in one system would disturb each other's loops.)
/// </summary>
public sealed class DeadLetterCounter : MinimalActorRef, IDisposable
{
    private readonly ActorSystem _system;
    private readonly ActorPath _root;
    private long _count;
    private bool _disposed;

    /// <summary>Starts counting the dead letters of actors under <paramref name="root"/> in <paramref name="system"/>.</summary>
    public DeadLetterCounter(ActorSystem system, ActorPath root)
    {
        _system = system;
        _root = root;
        Provider = ((ExtendedActorSystem)system).Provider;
        Path = Provider.TempPath();
        system.EventStream.Subscribe(this, typeof(DeadLetter));
    }

    /// <inheritdoc />
    public override ActorPath Path { get; }

    /// <inheritdoc />
    public override IActorRefProvider Provider { get; }

    /// <summary>Dead letters counted so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <inheritdoc />
    protected override void TellInternal(object message, IActorRef sender)
    {
        if (message is DeadLetter letter && IsUnder(letter.Recipient.Path)) Interlocked.Increment(ref _count);
    }

    /// <summary>Stops counting.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _system.EventStream.Unsubscribe(this);
    }

    private bool IsUnder(ActorPath path)
    {
        for (var p = path; p is not null && p.Elements.Count >= _root.Elements.Count; p = p.Parent)
            if (p == _root) return true;
        return false;
    }
}
