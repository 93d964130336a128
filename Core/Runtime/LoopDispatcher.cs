using Akka.Configuration;
using Akka.Dispatch;

namespace Hft.Core.Runtime;

/// <summary>
/// The Akka.NET dispatcher of one <see cref="CoreLoop"/>: every mailbox run goes onto the loop's FIFO, so all its
/// actors run on the loop's thread, one at a time, in a deterministic order.
/// </summary>
public sealed class LoopDispatcher : MessageDispatcher
{
    internal LoopDispatcher(MessageDispatcherConfigurator configurator, CoreLoop loop) : base(configurator)
    {
        Loop = loop;
        Id = loop.DispatcherId;
        Throughput = Math.Max(1, loop.Options.Throughput);
        // No deadline: it would read the wall clock in the middle of a virtual-time run.
        ThroughputDeadlineTime = null;
    }

    /// <summary>The loop that runs this dispatcher's actors.</summary>
    public CoreLoop Loop { get; }

    /// <inheritdoc />
    protected override void ExecuteTask(IRunnable run) => Loop.Execute(run);

    /// <inheritdoc />
    protected override void Shutdown()
    {
        // The loop belongs to whoever created it; it has no threads of its own to stop.
    }
}
