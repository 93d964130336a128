using Hft.Core.Venues;

namespace Hft.Engine.Shadow;

/// <summary>One order as the venue handled it and as the shadow model predicted it, until both sides are done with it.</summary>
/// <param name="New">The new-order request as sent.</param>
/// <param name="ModelId">
/// The order's id in the model. Strategies reuse ids (a grid's is its price); the model runs behind the venue, so an
/// id's earlier order may still rest in the model when the venue already has the next one, and each needs its own.
/// </param>
internal sealed record ShadowOrder(VenueCommand New, ulong ModelId)
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
