using System.Threading;

namespace Hft.Core.Actors;

/// <summary>
/// Counts and logs every message that could not be delivered. Nothing is dropped silently: the first
/// few dead letters are logged one by one, then a line every power of two so a flood cannot drown the log.
/// </summary>
public sealed class DeadLetterOffice
{
    private readonly IKernelLog _log;
    private long _count;
    private DeadLetter? _last;

    internal DeadLetterOffice(IKernelLog log) => _log = log;

    /// <summary>How many messages went to dead letters.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>The most recent dead letter, if any.</summary>
    public DeadLetter? Last => Volatile.Read(ref _last);

    internal void Publish(object message, IActorRef? sender, IActorRef recipient)
    {
        var letter = new DeadLetter(message, sender, recipient);
        Volatile.Write(ref _last, letter);
        long n = Interlocked.Increment(ref _count);
        if (n <= 10 || (n & (n - 1)) == 0)
        {
            _log.Warning($"Dead letter #{n}: {message.GetType().Name} from {sender?.Path.ToString() ?? "(no sender)"} to {recipient.Path} was not delivered (the recipient has stopped).");
        }
    }
}
