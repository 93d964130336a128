namespace Hft.Core.Actors;

/// <summary>Sent to every watcher when a watched actor has stopped.</summary>
/// <param name="Actor">The actor that stopped.</param>
public sealed record Terminated(IActorRef Actor);
