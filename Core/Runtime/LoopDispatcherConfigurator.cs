using Akka.Configuration;
using Akka.Dispatch;

namespace Hft.Core.Runtime;

/// <summary>Hands Akka the <see cref="LoopDispatcher"/> of one loop (registered under the loop's dispatcher id).</summary>
internal sealed class LoopDispatcherConfigurator : MessageDispatcherConfigurator
{
    private readonly LoopDispatcher _dispatcher;

    public LoopDispatcherConfigurator(Config config, IDispatcherPrerequisites prerequisites, CoreLoop loop) : base(config, prerequisites) =>
        _dispatcher = new LoopDispatcher(this, loop);

    public override MessageDispatcher Dispatcher() => _dispatcher;
}
