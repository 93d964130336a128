using Akka.Configuration;
using Akka.Dispatch;

namespace Hft.Core.Runtime;

/// <summary>Hands Akka the <see cref="LoopDispatcher"/> of one loop (registered under the loop's dispatcher id).</summary>
internal sealed class LoopDispatcherConfigurator : MessageDispatcherConfigurator
{
    public LoopDispatcherConfigurator(Config config, IDispatcherPrerequisites prerequisites, CoreLoop loop) : base(config, prerequisites) =>
        LoopDispatcher = new LoopDispatcher(this, loop);

    /// <summary>The one dispatcher of the loop.</summary>
    public LoopDispatcher LoopDispatcher { get; }

    public override MessageDispatcher Dispatcher() => LoopDispatcher;
}
