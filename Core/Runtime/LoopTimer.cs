using Akka.Actor;

namespace Hft.Core.Runtime;

/// <summary>A message waiting in a core loop's timer queue, possibly repeating.</summary>
internal sealed class LoopTimer
{
    public LoopTimer(ICanTell receiver, object message, IActorRef? sender, long interval, int lane, bool keepsAlive, ICancelable? cancelable)
    {
        Receiver = receiver;
        Message = message;
        Sender = sender;
        Interval = interval;
        Lane = lane;
        KeepsAlive = keepsAlive;
        Cancelable = cancelable;
    }

    public ICanTell Receiver { get; }
    public object Message { get; }
    public IActorRef? Sender { get; }

    /// <summary>Repeat interval in ns; 0 for a one-off.</summary>
    public long Interval { get; }

    public int Lane { get; }

    /// <summary>A pending one-off delivery keeps a virtual-time run going; repeating timers do not.</summary>
    public bool KeepsAlive { get; }

    public ICancelable? Cancelable { get; }

    public bool IsCancelled => Cancelable is { IsCancellationRequested: true };
}
