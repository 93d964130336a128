using Hft.Core.Venues;

namespace Hft.Exchanges.Common;

/// <summary>
/// Holds a gateway's order commands until its private stream is ready (connected, authenticated, subscribed): an
/// order's outcome arrives on that stream, so an order sent before it is ready could fill or expire unseen and stay
/// "new" in the engine for good. Held commands go out in their order once it opens; it stays open after.
/// </summary>
public sealed class PrivateStreamGate
{
    /// <summary>The most commands held; more are refused (a stream that never comes up must not pile orders up).</summary>
    public const int MaxHeld = 10_000;

    private readonly Queue<VenueCommand> _held = new();

    /// <summary>True once the private stream was ready.</summary>
    public bool IsOpen { get; private set; }

    /// <summary>Commands waiting.</summary>
    public int Held => _held.Count;

    /// <summary>Holds <paramref name="command"/> if the gate is closed; false if it is open or full (then the caller sends or refuses it).</summary>
    public bool TryHold(VenueCommand command)
    {
        if (IsOpen || _held.Count >= MaxHeld) return false;
        _held.Enqueue(command);
        return true;
    }

    /// <summary>True if the gate is closed and full: the command must be refused.</summary>
    public bool IsFull => !IsOpen && _held.Count >= MaxHeld;

    /// <summary>Opens the gate; returns the held commands, oldest first.</summary>
    public IReadOnlyList<VenueCommand> Open()
    {
        IsOpen = true;
        var held = _held.ToArray();
        _held.Clear();
        return held;
    }
}
