using Akka.Actor;
using Akka.Configuration;

namespace Hft.Core.Runtime;

/// <summary>
/// The configuration every engine actor system needs: the <see cref="LoopScheduler"/>, so that timers of actors on
/// a core loop follow the loop's clock, and quiet defaults (standard output belongs to the engine's results).
/// </summary>
public static class EngineActorSystem
{
    /// <summary>The engine's part of the HOCON configuration.</summary>
    public static Config Config { get; } = ConfigurationFactory.ParseString(LoopScheduler.ConfigLine + @"
akka {
  stdout-loglevel = OFF
  loglevel = WARNING
  log-config-on-start = off
  # The loggers start in the background instead of the system waiting for each one's handshake.
  logger-async-start = on
  log-dead-letters = 0
  log-dead-letters-during-shutdown = off
  coordinated-shutdown.run-by-clr-shutdown-hook = off
  coordinated-shutdown.terminate-actor-system = on
  # A live session stops in this phase: strategies stopped, open orders cancelled on the venue, what is left counted.
  # That takes REST round trips, so it gets longer than the default 5 s before the actor system goes.
  coordinated-shutdown.phases.before-service-unbind.timeout = 30 s
}");

    /// <summary>
    /// Creates a system with the engine's configuration over <paramref name="extra"/> (which wins), e.g. the loggers.
    /// </summary>
    public static ActorSystem Create(string name, Config? extra = null) =>
        ActorSystem.Create(name, extra is null ? Config : extra.WithFallback(Config));
}
