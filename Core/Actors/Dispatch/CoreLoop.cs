using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Hft.Core.Actors.Scheduling;
using Hft.Core.Time;

namespace Hft.Core.Actors.Dispatch;

/// <summary>
/// The single-threaded dispatcher at the heart of the engine. One thread runs every actor assigned to it,
/// always taking the next message in (due time, lane, sequence) order from three places merged on the fly:
/// the FIFO of messages due now, the timer queue, and pre-sorted <see cref="TimedSource"/> streams (feeds).
/// With a <see cref="VirtualClock"/> time jumps to the next due message (backtest); with a
/// <see cref="RealClock"/> the loop waits until it is due (live). Other threads hand messages in through a
/// thread-safe inbox.
/// </summary>
public sealed class CoreLoop : IScheduler
{
    private readonly IClock _clock;
    private readonly VirtualClock? _virtualClock;
    private readonly TimerQueue _timers = new();
    private readonly Dictionary<Type, MessageLane> _lanes = new();
    private readonly ConcurrentQueue<Envelope> _inbox = new();
    private readonly ManualResetEventSlim _wake = new(false);
    private readonly List<TimedSource> _sourceList = new();
    private TimedSource[] _sources = [];
    private Envelope[] _fifo = new Envelope[1024];
    private int _fifoHead;
    private int _fifoCount;
    private int _inboxCount;
    private long _sequence;
    private long _delivered;
    private int _loopThreadId = -1;
    private volatile bool _stopRequested;
    private volatile bool _running;

    internal CoreLoop(IClock clock)
    {
        _clock = clock;
        _virtualClock = clock as VirtualClock;
        Dispatcher = new CoreLoopDispatcher(this);
    }

    internal Dispatcher Dispatcher { get; }

    /// <summary>The loop's clock.</summary>
    public IClock Clock => _clock;

    /// <inheritdoc />
    public long Now => _clock.Now;

    /// <summary>Clock time when <see cref="Run"/> last started (after a virtual clock jumped to the first item).</summary>
    public long StartedAt { get; private set; }

    /// <summary>Messages and feed items delivered so far.</summary>
    public long Delivered => _delivered;

    /// <summary>True while <see cref="Run"/> is executing.</summary>
    public bool IsRunning => _running;

    /// <summary>True if the calling thread is the loop thread (or the loop is not running, when the caller owns it).</summary>
    public bool IsLoopThread => !_running || Environment.CurrentManagedThreadId == _loopThreadId;

    /// <summary>Adds a pre-sorted stream of deliveries (a feed) to the merge. Only before <see cref="Run"/>.</summary>
    public void AddSource(TimedSource source)
    {
        if (_running) throw new InvalidOperationException("Sources must be added before the core loop runs.");
        _sourceList.Add(source);
        _sources = _sourceList.ToArray();
    }

    /// <summary>A handle for sources to deliver straight to a core-loop actor (see <see cref="DirectRecipient"/>).</summary>
    public DirectRecipient DirectRecipientFor(IActorRef actor)
    {
        if (actor is not LocalActorRef local || local.Cell.Dispatcher != Dispatcher)
            throw new ArgumentException($"{actor.Path} does not run on the core loop.", nameof(actor));
        return new DirectRecipient(local.Cell);
    }

    /// <summary>Asks the loop to return from <see cref="Run"/> after the current message. Safe from any thread.</summary>
    public void RequestStop()
    {
        _stopRequested = true;
        _wake.Set();
    }

    /// <summary>
    /// Runs the loop on the calling thread. With a virtual clock it returns when nothing that keeps the run
    /// alive is left (feeds exhausted, no pending one-off messages; repeating timers alone do not count), or
    /// at <paramref name="until"/>; with a real clock it runs until <see cref="RequestStop"/>.
    /// </summary>
    /// <param name="until">Virtual time at which to stop (messages due at exactly that time are delivered).</param>
    public void Run(long until = long.MaxValue)
    {
        if (_running) throw new InvalidOperationException("The core loop is already running.");
        _loopThreadId = Environment.CurrentManagedThreadId;
        _stopRequested = false;
        _running = true;
        try
        {
            foreach (var source in _sources) source.Open();
            if (_virtualClock is { IsStarted: false })
            {
                long first = EarliestPending();
                _virtualClock.AdvanceTo(first == long.MaxValue ? _virtualClock.Now : first);
            }
            StartedAt = _clock.Now;
            if (_virtualClock is not null) RunVirtual(until);
            else RunReal();
        }
        finally
        {
            _running = false;
            _loopThreadId = -1;
        }
    }

    private long EarliestPending()
    {
        long t = _timers.Count > 0 ? _timers.Peek().Due : long.MaxValue;
        foreach (var s in _sources) t = Math.Min(t, s.NextTime);
        return t;
    }

    // Long-running loop: compiled optimized at once rather than waiting for tiering in a short run.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunVirtual(long until)
    {
        var sources = _sources;
        while (!_stopRequested)
        {
            if (_inboxCount > 0) DrainInbox();
            if (_fifoCount > 0)
            {
                DrainFifo();
                continue;
            }

            long bestTime = long.MaxValue;
            int bestLane = int.MaxValue;
            TimedSource? best = null;
            bool feedLeft = false;
            if (_timers.Count > 0)
            {
                ref var top = ref _timers.Peek();
                bestTime = top.Due;
                bestLane = top.Lane;
            }
            for (int i = 0; i < sources.Length; i++)
            {
                var s = sources[i];
                long t = s.NextTime;
                if (t == long.MaxValue) continue;
                feedLeft = true;
                if (t < bestTime || (t == bestTime && s.Lane < bestLane))
                {
                    bestTime = t;
                    bestLane = s.Lane;
                    best = s;
                }
            }

            // Repeating timers alone do not keep a replay going: it ends with its data and pending one-off messages.
            if (!feedLeft && _timers.KeepAliveCount == 0) break;
            if (bestTime > until) break;
            _virtualClock!.AdvanceTo(bestTime);
            if (best is null)
            {
                DeliverTimer();
                continue;
            }
            DeliverRun(best, until);
        }
    }

    /// <summary>
    /// Delivers from one source for as long as it stays first in (time, lane) order, draining the messages each
    /// item causes in between, so the merge is not redone for every item of a run.
    /// </summary>
    // Long-running loop: compiled optimized at once rather than waiting for tiering in a short run.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DeliverRun(TimedSource best, long until)
    {
        var sources = _sources;
        long limitTime = long.MaxValue;
        int limitLane = int.MaxValue;
        for (int i = 0; i < sources.Length; i++)
        {
            var s = sources[i];
            if (s == best) continue;
            long t = s.NextTime;
            if (t < limitTime || (t == limitTime && s.Lane < limitLane))
            {
                limitTime = t;
                limitLane = s.Lane;
            }
        }
        if (until < limitTime)
        {
            limitTime = until;
            limitLane = int.MaxValue;
        }
        best.DeliverRun(this, limitTime, limitLane);
    }

    /// <summary>
    /// Called by a source after each item of a run: drains the messages the item caused, then says whether
    /// the source's next item (at <paramref name="nextTime"/>) is still the first in (time, lane) order, and if
    /// so moves the clock to it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool ContinueRun(long nextTime, int lane, long limitTime, int limitLane)
    {
        _delivered++;
        if (_fifoCount > 0) DrainFifo();
        if (_inboxCount > 0 || _stopRequested) return false;
        if (nextTime == long.MaxValue || nextTime > limitTime || (nextTime == limitTime && lane > limitLane)) return false;
        if (_timers.Count > 0)
        {
            ref var top = ref _timers.Peek();
            if (top.Due < nextTime || (top.Due == nextTime && top.Lane < lane)) return false;
        }
        _virtualClock!.SetOrdered(nextTime); // a source's times never decrease
        return true;
    }

    private void RunReal()
    {
        while (!_stopRequested)
        {
            if (_inboxCount > 0) DrainInbox();
            if (_fifoCount > 0)
            {
                DrainFifo();
                continue;
            }
            long now = _clock.Now;
            if (_timers.Count > 0 && _timers.Peek().Due <= now)
            {
                DeliverTimer();
                continue;
            }
            _wake.Reset();
            if (_inboxCount > 0 || _stopRequested) continue;
            if (_timers.Count > 0)
            {
                long waitNs = _timers.Peek().Due - now;
                int waitMs = (int)Math.Clamp((waitNs + 999_999) / 1_000_000, 0, int.MaxValue);
                _wake.Wait(waitMs);
            }
            else
            {
                _wake.Wait();
            }
        }
    }

    // Long-running loop: compiled optimized at once rather than waiting for tiering in a short run.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DrainFifo()
    {
        while (_fifoCount > 0)
        {
            var fifo = _fifo;
            Envelope env = fifo[_fifoHead];
            fifo[_fifoHead] = default;
            _fifoHead = (_fifoHead + 1) & (fifo.Length - 1);
            _fifoCount--;
            _delivered++;
            if (env.Lane is not null) env.Lane.DeliverNext(env.Target, env.Sender);
            else env.Target.InvokeObject(env.Message!, env.Sender);
        }
    }

    private void DrainInbox()
    {
        while (_inbox.TryDequeue(out var env))
        {
            Interlocked.Decrement(ref _inboxCount);
            if (env.Message is ScheduleRequest request) Schedule(request);
            else Enqueue(env.Target, env.Message, null, env.Sender);
        }
    }

    private void DeliverTimer()
    {
        var entry = _timers.Pop();
        var item = entry.Item;
        item.InQueue = false;
        if (item.KeepAliveCounted)
        {
            item.KeepAliveCounted = false;
            _timers.KeepAliveCount--;
        }
        if (item.IsCancellationRequested) return;
        if (item.Interval > 0)
        {
            item.InQueue = true;
            _timers.Push(entry.Due + item.Interval, item.Lane, _sequence++, item);
        }
        _delivered++;
        if (item.Receiver is LocalActorRef local && local.Cell.Dispatcher == Dispatcher)
            local.Cell.InvokeObject(item.Message, item.Sender);
        else
            item.Receiver.Tell(item.Message, item.Sender);
    }

    internal void OnTimerCancelled(ScheduledTell item)
    {
        // Cancelled entries stay in the heap and are skipped when popped. On the loop thread they stop keeping
        // the run alive at once; from another thread the count is corrected when the entry is popped.
        if (!IsLoopThread || !item.KeepAliveCounted) return;
        item.KeepAliveCounted = false;
        _timers.KeepAliveCount--;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Post<T>(ActorCell target, in T message, IActorRef? sender)
    {
        if (_running && Environment.CurrentManagedThreadId != _loopThreadId)
        {
            PostFromOtherThread(target, message!, sender);
            return;
        }
        PostOnLoop(target, in message, sender);
    }

    /// <summary>Queues a message when the caller is known to run on the loop thread (an actor of this loop, in its handler).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void PostOnLoop<T>(ActorCell target, in T message, IActorRef? sender)
    {
        if (typeof(T).IsValueType)
        {
            var lane = target.LaneType == typeof(T) ? Unsafe.As<MessageLane<T>>(target.Lane!) : LaneFor<T>(target);
            lane.Enqueue(in message);
            Enqueue(target, null, lane, sender);
        }
        else
        {
            Enqueue(target, message, null, sender);
        }
    }

    internal void PostSystem(ActorCell target, SystemMessage message)
    {
        if (_running && Environment.CurrentManagedThreadId != _loopThreadId) PostFromOtherThread(target, message, null);
        else Enqueue(target, message, null, null);
    }

    private void PostFromOtherThread(ActorCell target, object message, IActorRef? sender)
    {
        _inbox.Enqueue(new Envelope { Target = target, Message = message, Sender = sender });
        Interlocked.Increment(ref _inboxCount);
        _wake.Set();
    }

    private MessageLane<T> LaneFor<T>(ActorCell target)
    {
        if (!_lanes.TryGetValue(typeof(T), out var lane))
        {
            lane = new MessageLane<T>();
            _lanes.Add(typeof(T), lane);
        }
        target.LaneType = typeof(T);
        target.Lane = lane;
        return (MessageLane<T>)lane;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Enqueue(ActorCell target, object? message, MessageLane? lane, IActorRef? sender)
    {
        if (_fifoCount == _fifo.Length) GrowFifo();
        ref var slot = ref _fifo[(_fifoHead + _fifoCount) & (_fifo.Length - 1)];
        slot.Target = target;
        slot.Message = message;
        slot.Lane = lane;
        slot.Sender = sender;
        _fifoCount++;
    }

    private void GrowFifo()
    {
        var bigger = new Envelope[_fifo.Length * 2];
        for (int i = 0; i < _fifoCount; i++) bigger[i] = _fifo[(_fifoHead + i) & (_fifo.Length - 1)];
        _fifo = bigger;
        _fifoHead = 0;
    }

    /// <inheritdoc />
    public ICancelable ScheduleTellOnce<T>(TimeSpan delay, IActorRef receiver, T message, IActorRef? sender = null) =>
        ScheduleTellAt(Now + Nanos.From(delay), DeliveryLane.Timer, receiver, message, sender);

    /// <inheritdoc />
    public ICancelable ScheduleTellRepeatedly<T>(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, T message, IActorRef? sender = null)
    {
        long step = Nanos.From(interval);
        if (step <= 0) throw new ArgumentOutOfRangeException(nameof(interval), interval, "A repeating interval must be positive.");
        var item = new ScheduledTell(this, receiver, message!, sender, step, DeliveryLane.Timer, keepsAlive: false);
        Schedule(new ScheduleRequest(Now + Nanos.From(initialDelay), item));
        return item;
    }

    /// <summary>
    /// Delivers <paramref name="message"/> at an absolute time in a given tie-break lane. The simulated venue
    /// uses this to put order requests and responses on the timeline exactly where latency puts them.
    /// </summary>
    public ICancelable ScheduleTellAt<T>(long due, int lane, IActorRef receiver, T message, IActorRef? sender = null)
    {
        var item = new ScheduledTell(this, receiver, message!, sender, 0, lane, keepsAlive: true);
        Schedule(new ScheduleRequest(due, item));
        return item;
    }

    private void Schedule(ScheduleRequest request)
    {
        if (_running && Environment.CurrentManagedThreadId != _loopThreadId)
        {
            _inbox.Enqueue(new Envelope { Message = request, Target = null! });
            Interlocked.Increment(ref _inboxCount);
            _wake.Set();
            return;
        }
        var item = request.Item;
        if (item.IsCancellationRequested) return;
        long due = Math.Max(request.Due, _clock.Now);
        item.InQueue = true;
        if (item.KeepsAlive)
        {
            item.KeepAliveCounted = true;
            _timers.KeepAliveCount++;
        }
        _timers.Push(due, item.Lane, _sequence++, item);
    }

    private sealed record ScheduleRequest(long Due, ScheduledTell Item);

    internal sealed class CoreLoopDispatcher(CoreLoop loop) : Dispatcher
    {
        public CoreLoop Loop => loop;

        public override void Post<T>(ActorCell target, T message, IActorRef? sender) => loop.Post(target, in message, sender);
        public override void PostSystem(ActorCell target, SystemMessage message) => loop.PostSystem(target, message);
        public override bool IsOwnThread => loop.IsLoopThread;
        public override long Now => loop.Now;
    }
}
