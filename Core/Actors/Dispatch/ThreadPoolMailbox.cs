using System.Collections.Concurrent;

namespace Hft.Core.Actors.Dispatch;

/// <summary>
/// The mailbox of one thread-pool actor. At most one thread processes it at a time; after a failure it is
/// suspended (user messages wait) until the supervisor's decision arrives as a system message.
/// </summary>
internal sealed class ThreadPoolMailbox : IThreadPoolWorkItem
{
    private const int Throughput = 64;
    private readonly ActorCell _cell;
    private readonly ConcurrentQueue<(object Message, IActorRef? Sender)> _user = new();
    private readonly ConcurrentQueue<SystemMessage> _system = new();
    private int _scheduled;

    public ThreadPoolMailbox(ActorCell cell) => _cell = cell;

    /// <summary>True while the actor waits for its supervisor's decision.</summary>
    public volatile bool Suspended;

    public void EnqueueUser(object message, IActorRef? sender)
    {
        _user.Enqueue((message, sender));
        ScheduleIfIdle();
    }

    public void EnqueueSystem(SystemMessage message)
    {
        _system.Enqueue(message);
        ScheduleIfIdle();
    }

    private void ScheduleIfIdle()
    {
        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    public void Execute()
    {
        try
        {
            while (_system.TryDequeue(out var sys)) _cell.InvokeObject(sys, null);
            for (int i = 0; i < Throughput && !Suspended; i++)
            {
                if (_cell.IsTerminated)
                {
                    DrainToDeadLetters();
                    break;
                }
                if (!_user.TryDequeue(out var item)) break;
                _cell.InvokeObject(item.Message, item.Sender);
                if (!_system.IsEmpty) break;
            }
        }
        finally
        {
            Volatile.Write(ref _scheduled, 0);
            if (!_system.IsEmpty || (!_user.IsEmpty && !Suspended)) ScheduleIfIdle();
        }
    }

    private void DrainToDeadLetters()
    {
        while (_user.TryDequeue(out var item)) _cell.System.DeadLetters.Publish(item.Message, item.Sender, _cell.Self);
    }
}
