namespace Hft.Core.Venues;

/// <summary>What an order command asks the venue to do.</summary>
public enum VenueCommandKind : byte
{
    /// <summary>Place a new order.</summary>
    New,
    /// <summary>Cancel a resting order.</summary>
    Cancel,
}
