namespace Hft.Core.Runtime;

/// <summary>How a <see cref="CoreLoop"/> runs its mailboxes and waits for work.</summary>
/// <param name="Throughput">
/// Akka's dispatcher throughput: how many messages an actor handles per mailbox run before the next actor's turn
/// (Akka 1.5 handles one more than this number). The smallest keeps the order of messages across actors closest to
/// one global FIFO, the order the engine's results were first checked against.
/// </param>
/// <param name="SpinBeforeWait">
/// On a real clock, how long the loop spins for new work before it blocks (zero: block at once). Spinning trades
/// a core for sub-microsecond hand-over from socket threads.
/// </param>
/// <param name="DispatcherId">
/// The Akka dispatcher id to register the loop under; null for an id of its own. An actor system keeps every
/// dispatcher it was given for its lifetime, with per-id caches, so a worker that runs many loops one after another
/// (a sweep) names them alike: each loop takes over the dispatcher the last one let go of when it closed.
/// </param>
public sealed record CoreLoopOptions(int Throughput = 1, TimeSpan SpinBeforeWait = default, string? DispatcherId = null);
