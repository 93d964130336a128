namespace Hft.Core.Risk;

/// <summary>
/// The kill switch's one bit, shared by the process: once engaged (by <c>kill</c>, a signal or the kill file) it stays
/// engaged for the life of the session, and every part that could send an order reads it from whatever thread it is on,
/// so a stuck actor or a full mailbox cannot carry an order past it.
/// </summary>
public sealed class KillSwitchLatch
{
    private string? _reason;

    /// <summary>True once <see cref="Engage"/> was called.</summary>
    public bool IsEngaged => Volatile.Read(ref _reason) is not null;

    /// <summary>Why it was engaged (null while it is not).</summary>
    public string? Reason => Volatile.Read(ref _reason);

    /// <summary>Engages the switch; true for the call that engaged it, false if it already was.</summary>
    public bool Engage(string reason) => Interlocked.CompareExchange(ref _reason, reason, null) is null;
}
