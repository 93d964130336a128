using Akka.Configuration;
using Akka.Dispatch;

namespace Hft.Core.Runtime;

/// <summary>
/// The Akka.NET dispatcher of one <see cref="CoreLoop"/>: every mailbox run goes onto the loop's FIFO, so all its
/// actors run on the loop's thread, one at a time, in a deterministic order.
/// </summary>
public sealed class LoopDispatcher : MessageDispatcher
{
    private volatile CoreLoop? _loop;

    internal LoopDispatcher(MessageDispatcherConfigurator configurator, CoreLoop loop) : base(configurator)
    {
        _loop = loop;
        Id = loop.DispatcherId;
        Throughput = Math.Max(1, loop.Options.Throughput);
        // No deadline: it would read the wall clock in the middle of a virtual-time run.
        ThroughputDeadlineTime = null;
    }

    /// <summary>The loop that runs this dispatcher's actors; null once the loop has closed.</summary>
    public CoreLoop? Loop => _loop;

    /// <inheritdoc />
    // After the loop closed, a late system message to one of its stopped actors has nowhere to run: it is dropped,
    // as it would have stayed unread in the closed loop's queue.
    protected override void ExecuteTask(IRunnable run) => _loop?.Execute(run);

    /// <summary>
    /// Lets go of the loop. An actor system keeps its dispatchers for its lifetime and offers no way to remove one, so
    /// a sweep's thousands of runs would otherwise each leave their whole loop behind (a few kB each).
    /// </summary>
    internal void Detach() => _loop = null;

    /// <summary>Hands the dispatcher to <paramref name="loop"/> if its last loop has closed.</summary>
    internal bool TryAttach(CoreLoop loop) => Interlocked.CompareExchange(ref _loop, loop, null) is null;

    /// <inheritdoc />
    protected override void Shutdown()
    {
        // The loop belongs to whoever created it; it has no threads of its own to stop.
    }
}
