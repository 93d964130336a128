using Hft.Core.Venues;

namespace Hft.Engine.Shadow;

/// <summary>A request sent to the venue that the shadow model has not placed yet: it waits for the venue's answer, which says when the venue took it.</summary>
/// <param name="Command">The request.</param>
/// <param name="SentAt">Local time it was sent (ns).</param>
internal sealed record PendingRequest(VenueCommand Command, long SentAt)
{
    /// <summary>True once it is known when (and whether) the model places it.</summary>
    public bool Resolved { get; private set; }

    /// <summary>Exchange time (ns) the model places it at.</summary>
    public long At { get; private set; }

    /// <summary>False if the model leaves it out (the venue refused it).</summary>
    public bool Placed { get; private set; }

    /// <summary>Decides it: placed at <paramref name="at"/>, or left out.</summary>
    public void Resolve(long at, bool placed)
    {
        Resolved = true;
        At = at;
        Placed = placed;
    }
}
