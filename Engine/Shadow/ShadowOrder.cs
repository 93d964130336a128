using Hft.Core.Venues;

namespace Hft.Engine.Shadow;

/// <summary>One order as the venue handled it and as the shadow model predicted it, until both sides are done with it.</summary>
/// <param name="New">The new-order request as sent.</param>
internal sealed record ShadowOrder(VenueCommand New)
{
    /// <summary>Instrument index.</summary>
    public int Instrument => New.Instrument;

    /// <summary>The strategy's order id.</summary>
    public ulong OrderId => New.OrderId;

    /// <summary>What the venue did.</summary>
    public OrderOutcome Venue { get; } = new();

    /// <summary>What the model predicted.</summary>
    public OrderOutcome Model { get; } = new();

    /// <summary>Local time the venue's side ended (ns), or -1.</summary>
    public long VenueEndedAt { get; set; } = -1;
}
