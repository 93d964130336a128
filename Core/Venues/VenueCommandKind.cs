namespace Hft.Core.Venues;

/// <summary>What an order command asks the venue to do.</summary>
public enum VenueCommandKind : byte
{
    /// <summary>Place a new order.</summary>
    New,
    /// <summary>Cancel a resting order.</summary>
    Cancel,
    /// <summary>Change a resting order's price and/or quantity.</summary>
    Modify,
}
