using Hft.Core.Actors.Scheduling;

namespace Hft.Core.Actors.Dispatch;

/// <summary>A message waiting in the timer queue, possibly repeating.</summary>
internal sealed class ScheduledTell : ICancelable
{
    private readonly CoreLoop _loop;

    public ScheduledTell(CoreLoop loop, IActorRef receiver, object message, IActorRef? sender, long interval, int lane, bool keepsAlive)
    {
        _loop = loop;
        Receiver = receiver;
        Message = message;
        Sender = sender;
        Interval = interval;
        Lane = lane;
        KeepsAlive = keepsAlive;
    }

    public IActorRef Receiver { get; }
    public object Message { get; }
    public IActorRef? Sender { get; }
    public long Interval { get; }
    public int Lane { get; }

    /// <summary>A pending delivery that keeps a virtual-time run going; repeating timers do not.</summary>
    public bool KeepsAlive { get; }

    public bool InQueue { get; set; }

    /// <summary>True while this entry is counted in the queue's keep-alive count (only the loop thread changes it).</summary>
    public bool KeepAliveCounted { get; set; }

    private volatile bool _cancelled;

    public bool IsCancellationRequested => _cancelled;

    public void Cancel()
    {
        if (_cancelled) return;
        _cancelled = true;
        _loop.OnTimerCancelled(this);
    }
}
