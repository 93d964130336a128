using Akka.Actor;
using Akka.TestKit;
using Hft.Core.Runtime;

namespace Hft.Engine.Tests.Runtime;

/// <summary>
/// One long-lived actor system for the tests, as the engine uses one for many backtests: every run builds a fresh
/// graph on its own core loop inside it.
/// </summary>
internal static class TestActorSystems
{
    private static readonly Lazy<ActorSystem> s_shared = new(() => EngineActorSystem.Create("tests", TestKitBase.DefaultConfig));

    public static ActorSystem Shared => s_shared.Value;
}
