using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.Dispatch;
using Hft.Core.Time;

namespace Hft.Core.Runtime;

/// <summary>
/// The single thread that runs every actor of one graph, as an Akka.NET dispatcher (<see cref="LoopDispatcher"/>):
/// it always takes the next piece of work in (due time, lane, sequence) order from three places merged on the fly:
/// the FIFO of mailbox runs due now, the timer queue, and pre-sorted <see cref="TimedSource"/> streams (recorded
/// feeds, which skip mailboxes). With a <see cref="VirtualClock"/> time jumps to the next due item (backtest) and
/// the wall clock is never read; with a <see cref="RealClock"/> the loop waits or spins until work is due (live),
/// and other threads hand work in through a thread-safe inbox.
/// </summary>
public sealed class CoreLoop
{
    private readonly IClock _clock;
    private readonly VirtualClock? _virtualClock;
    private readonly TimerQueue _timers = new();
    private readonly ConcurrentQueue<object> _inbox = new();
    private readonly ManualResetEventSlim _wake = new(false);
    private readonly List<TimedSource> _sourceList = new();
    private readonly List<LoopDispatcher> _dispatchers = new();
    private TimedSource[] _sources = [];
    private IRunnable?[] _fifo = new IRunnable?[1024];
    private int _fifoHead;
    private int _fifoCount;
    private int _inboxCount;
    private long _sequence;
    private long _delivered;
    private volatile int _loopThreadId = -1;
    private volatile bool _stopRequested;
    private bool _opened;
    private Exception? _failure;

    /// <summary>Creates a loop on <paramref name="clock"/>; attach it to an actor system with <see cref="AttachTo"/>.</summary>
    /// <param name="clock">A <see cref="VirtualClock"/> for replay, a <see cref="RealClock"/> for live.</param>
    /// <param name="options">Mailbox throughput and the real-clock spin; defaults when null.</param>
    public CoreLoop(IClock clock, CoreLoopOptions? options = null)
    {
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _virtualClock = clock as VirtualClock;
        Options = options ?? new CoreLoopOptions();
        // The id only tells dispatchers apart within a system; it never reaches a run's results.
        DispatcherId = Options.DispatcherId ?? "hft-core-loop-" + Guid.NewGuid().ToString("N");
    }

    /// <summary>The loop's clock.</summary>
    public IClock Clock => _clock;

    /// <summary>How the loop runs mailboxes and waits.</summary>
    public CoreLoopOptions Options { get; }

    /// <summary>The current time of the loop's clock, ns since the Unix epoch.</summary>
    public long Now => _clock.Now;

    /// <summary>The Akka dispatcher id under which this loop is registered (see <see cref="AttachTo"/>).</summary>
    public string DispatcherId { get; }

    /// <summary>Clock time when <see cref="Open"/> ran (after a virtual clock jumped to the first item).</summary>
    public long StartedAt { get; private set; }

    /// <summary>Mailbox runs, timer deliveries and feed items handled so far.</summary>
    public long Delivered => _delivered;

    /// <summary>
    /// Work waiting: messages posted from other threads not yet taken in, plus mailbox runs queued on the loop (exact
    /// on the loop thread; from another thread a recent value).
    /// </summary>
    public int QueueDepth => Volatile.Read(ref _inboxCount) + Volatile.Read(ref _fifoCount);

    /// <summary>True while the loop runs on some thread.</summary>
    public bool IsRunning => _loopThreadId != -1;

    /// <summary>True on the thread that is running the loop.</summary>
    public bool IsLoopThread => Environment.CurrentManagedThreadId == _loopThreadId;

    /// <summary>The failure that stopped the graph (an escalation past its root), if any.</summary>
    public Exception? Failure => Volatile.Read(ref _failure);

    /// <summary>
    /// Registers this loop as a dispatcher of <paramref name="system"/>, so that actors created with
    /// <see cref="On"/> run on it. One system can host many loops (one per backtest, or per sweep worker). A loop
    /// whose id names the dispatcher of a loop that has closed takes that dispatcher over.
    /// </summary>
    /// <exception cref="InvalidOperationException">The id is taken by another loop that has not closed, by a loop of
    /// another throughput, or by a dispatcher that is not a loop's.</exception>
    public void AttachTo(ActorSystem system)
    {
        var dispatchers = system.Dispatchers;
        if (dispatchers.HasDispatcher(DispatcherId))
        {
            if (dispatchers.Lookup(DispatcherId) is not LoopDispatcher existing)
                throw new InvalidOperationException($"Dispatcher id '{DispatcherId}' is not a core loop's.");
            if (existing.Loop == this) return;
            if (existing.Throughput != Math.Max(1, Options.Throughput))
                throw new InvalidOperationException($"Dispatcher id '{DispatcherId}' runs mailboxes with another throughput.");
            if (!existing.TryAttach(this))
                throw new InvalidOperationException($"Dispatcher id '{DispatcherId}' is in use by a core loop that has not closed.");
            _dispatchers.Add(existing);
            return;
        }
        var config = dispatchers.DefaultDispatcherConfig;
        var configurator = new LoopDispatcherConfigurator(config, dispatchers.Prerequisites, this);
        dispatchers.RegisterConfigurator(DispatcherId, configurator);
        _dispatchers.Add(configurator.LoopDispatcher);
    }

    /// <summary>The same recipe, run on this loop.</summary>
    public Props On(Props props) => props.WithDispatcher(DispatcherId);

    /// <summary>Adds a pre-sorted stream of deliveries (a feed) to the merge. Only before <see cref="Open"/>.</summary>
    public void AddSource(TimedSource source)
    {
        if (_opened) throw new InvalidOperationException("Sources must be added before the core loop opens.");
        _sourceList.Add(source);
        _sources = _sourceList.ToArray();
    }

    /// <summary>
    /// Opens the sources and, on a virtual clock, moves time to the first item, so that actors created next
    /// start (and set their timers) at the first event rather than at time zero. <see cref="Run"/> opens the
    /// loop itself when this was not called.
    /// </summary>
    public void Open()
    {
        if (_opened) return;
        _opened = true;
        foreach (var source in _sources) source.Open();
        if (_virtualClock is { IsStarted: false })
        {
            long first = EarliestPending();
            _virtualClock.AdvanceTo(first == long.MaxValue ? _virtualClock.Now : first);
        }
        StartedAt = _clock.Now;
    }

    /// <summary>Asks the loop to return from <see cref="Run"/> after the current item. Safe from any thread.</summary>
    public void RequestStop()
    {
        _stopRequested = true;
        _wake.Set();
    }

    /// <summary>Records a failure that ends the run (first one wins) and stops the loop.</summary>
    public void Fail(Exception cause)
    {
        Interlocked.CompareExchange(ref _failure, cause, null);
        RequestStop();
    }

    /// <summary>
    /// Forgets everything still queued (timers of stopped actors, sources, pending work), once the loop's graph has
    /// stopped. The actor system keeps its dispatchers for its lifetime, so a loop that held on to its queues would
    /// keep every finished run's actors (and the plugins that made them) alive.
    /// </summary>
    public void Close()
    {
        if (IsRunning) throw new InvalidOperationException("The core loop cannot close while it runs.");
        _timers.Clear();
        _sourceList.Clear();
        _sources = [];
        _fifo = new IRunnable?[16];
        _fifoHead = 0;
        _fifoCount = 0;
        while (_inbox.TryDequeue(out _)) Interlocked.Decrement(ref _inboxCount);
        foreach (var dispatcher in _dispatchers) dispatcher.Detach();
        _dispatchers.Clear();
    }

    /// <summary>
    /// Runs the loop on the calling thread. With a virtual clock it returns when nothing that keeps the run
    /// alive is left (feeds exhausted, no pending one-off timers; repeating timers alone do not count), or at
    /// <paramref name="until"/>; with a real clock it runs until <see cref="RequestStop"/>.
    /// </summary>
    /// <param name="until">Virtual time at which to stop (items due at exactly that time are delivered).</param>
    public void Run(long until = long.MaxValue)
    {
        Enter();
        try
        {
            Open();
            if (_virtualClock is not null) RunVirtual(until);
            else RunReal();
        }
        finally
        {
            Leave();
        }
    }

    /// <summary>
    /// Runs only the work that is due now (mailboxes, and work other threads hand in) until <paramref name="done"/>
    /// holds, checked each time the loop's own queue is empty: time does not move. Used to start and to stop a graph.
    /// </summary>
    /// <exception cref="TimeoutException">The condition did not hold within <paramref name="timeout"/> of wall time.</exception>
    /// <param name="done">The condition, checked between items.</param>
    /// <param name="timeout">How long to wait for it (wall time).</param>
    /// <param name="andIdle">
    /// Also wait until nothing is queued: work handed in from another thread just before the condition came true
    /// (a backtest's start) then runs here, not later among the replay's items.
    /// </param>
    public void RunUntil(Func<bool> done, TimeSpan timeout, bool andIdle = false)
    {
        Enter();
        try
        {
            // Wall time bounds the wait only: nothing read here reaches the run's results.
            long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
            while (true)
            {
                _wake.Reset();
                if (_inboxCount > 0) DrainInbox();
                if (_fifoCount > 0)
                {
                    DrainFifo();
                    continue;
                }
                if (done() && (!andIdle || Volatile.Read(ref _inboxCount) == 0 && _fifoCount == 0)) return;
                long left = deadline - Environment.TickCount64;
                if (left <= 0) throw new TimeoutException($"The core loop waited {timeout.TotalSeconds:0.#} s for the actor graph to start or stop.");
                if (_inboxCount == 0) _wake.Wait((int)Math.Min(left, 50));
            }
        }
        finally
        {
            Leave();
        }
    }

    private void Enter()
    {
        if (Interlocked.CompareExchange(ref _loopThreadId, Environment.CurrentManagedThreadId, -1) != -1)
            throw new InvalidOperationException("The core loop is already running.");
        _stopRequested = false;
    }

    private void Leave() => _loopThreadId = -1;

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

            // Repeating timers alone do not keep a replay going: it ends with its data and pending one-off timers.
            if (!feedLeft && !_timers.HasLiveKeepAlive()) break;
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
    /// Delivers from one source for as long as it stays first in (time, lane) order, draining the work each
    /// item causes in between, so the merge is not redone for every item of a run.
    /// </summary>
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
    /// Called by a source after each item of a run: runs the mailboxes the item woke, then says whether the
    /// source's next item (at <paramref name="nextTime"/>) is still the first in (time, lane) order, and if so
    /// moves the clock to it.
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
        long spinTicks = (long)(Options.SpinBeforeWait.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
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
            if (spinTicks > 0 && Spin(spinTicks)) continue;
            _wake.Reset();
            if (_inboxCount > 0 || _stopRequested) continue;
            if (_timers.Count > 0)
            {
                long waitNs = _timers.Peek().Due - _clock.Now;
                int waitMs = (int)Math.Clamp((waitNs + 999_999) / 1_000_000, 0, int.MaxValue);
                _wake.Wait(waitMs);
            }
            else
            {
                _wake.Wait();
            }
        }
    }

    /// <summary>Spins until work arrives, a timer is due, or <paramref name="ticks"/> pass; true if there is work.</summary>
    private bool Spin(long ticks)
    {
        long end = System.Diagnostics.Stopwatch.GetTimestamp() + ticks;
        var spinner = new SpinWait();
        while (System.Diagnostics.Stopwatch.GetTimestamp() < end)
        {
            if (Volatile.Read(ref _inboxCount) > 0 || _stopRequested) return true;
            if (_timers.Count > 0 && _timers.Peek().Due <= _clock.Now) return true;
            if (spinner.NextSpinWillYield) spinner = new SpinWait();
            spinner.SpinOnce(sleep1Threshold: -1);
        }
        return false;
    }

    // Long-running loop: compiled optimized at once rather than waiting for tiering in a short run.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DrainFifo()
    {
        while (_fifoCount > 0)
        {
            var fifo = _fifo;
            var run = fifo[_fifoHead]!;
            fifo[_fifoHead] = null;
            _fifoHead = (_fifoHead + 1) & (fifo.Length - 1);
            _fifoCount--;
            _delivered++;
            run.Run();
        }
    }

    private void DrainInbox()
    {
        while (_inbox.TryDequeue(out var item))
        {
            Interlocked.Decrement(ref _inboxCount);
            if (item is ScheduleRequest request) Schedule(request.Due, request.Timer);
            else Enqueue((IRunnable)item);
        }
    }

    private void DeliverTimer()
    {
        var entry = _timers.Pop();
        var item = entry.Item;
        if (item.KeepsAlive) _timers.KeepAliveCount--;
        if (item.IsCancelled) return;
        if (item.Interval > 0) _timers.Push(entry.Due + item.Interval, item.Lane, _sequence++, item);
        _delivered++;
        item.Receiver.Tell(item.Message, item.Sender);
    }

    /// <summary>Queues a mailbox run (the dispatcher's <c>ExecuteTask</c>); safe from any thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Execute(IRunnable run)
    {
        if (Environment.CurrentManagedThreadId == _loopThreadId) Enqueue(run);
        else HandIn(run);
    }

    private void HandIn(object item)
    {
        _inbox.Enqueue(item);
        Interlocked.Increment(ref _inboxCount);
        _wake.Set();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Enqueue(IRunnable run)
    {
        if (_fifoCount == _fifo.Length) GrowFifo();
        _fifo[(_fifoHead + _fifoCount) & (_fifo.Length - 1)] = run;
        _fifoCount++;
    }

    private void GrowFifo()
    {
        var bigger = new IRunnable?[_fifo.Length * 2];
        for (int i = 0; i < _fifoCount; i++) bigger[i] = _fifo[(_fifoHead + i) & (_fifo.Length - 1)];
        _fifo = bigger;
        _fifoHead = 0;
    }

    /// <summary>
    /// Delivers <paramref name="message"/> at an absolute time in a given tie-break lane. The simulated venue uses
    /// this to put order requests and responses on the timeline exactly where latency puts them. It keeps a
    /// virtual run alive until delivered.
    /// </summary>
    public void ScheduleTellAt(long due, int lane, ICanTell receiver, object message, IActorRef? sender = null) =>
        Schedule(due, new LoopTimer(receiver, message, sender, 0, lane, keepsAlive: true, null));

    /// <summary>
    /// Delivers <paramref name="message"/> after <paramref name="delay"/> of this loop's time and then every
    /// <paramref name="interval"/> (zero: once), in the timer lane; <see cref="LoopScheduler"/> routes the actor
    /// system's timers for actors of this loop here.
    /// </summary>
    public void ScheduleTell(TimeSpan delay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender, ICancelable? cancelable)
    {
        long step = Nanos.From(interval);
        if (step < 0) throw new ArgumentOutOfRangeException(nameof(interval), interval, "A repeating interval must be positive.");
        Schedule(Now + Nanos.From(delay), new LoopTimer(receiver, message, sender, step, DeliveryLane.Timer, keepsAlive: step == 0, cancelable));
    }

    private void Schedule(long due, LoopTimer timer)
    {
        if (IsRunning && !IsLoopThread)
        {
            HandIn(new ScheduleRequest(due, timer));
            return;
        }
        if (timer.IsCancelled) return;
        if (timer.KeepsAlive) _timers.KeepAliveCount++;
        _timers.Push(Math.Max(due, _clock.Now), timer.Lane, _sequence++, timer);
    }

    private sealed record ScheduleRequest(long Due, LoopTimer Timer);
}
