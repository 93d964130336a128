namespace Hft.Core.Actors;

/// <summary>Stops the receiving actor once the messages sent before it have been processed.</summary>
public sealed class PoisonPill
{
    private PoisonPill() { }

    /// <summary>The one instance.</summary>
    public static PoisonPill Instance { get; } = new();
}
