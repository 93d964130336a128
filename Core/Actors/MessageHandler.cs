namespace Hft.Core.Actors;

/// <summary>
/// A handler that takes its message by reference: for large struct messages on hot paths (market events),
/// so dispatch does not copy them at every step.
/// </summary>
public delegate void MessageHandler<T>(in T message);
