namespace Hft.Exchanges.Common;

/// <summary>A venue gateway could not start (keys refused, the configured instrument does not match the venue's rules, ...).</summary>
public sealed class VenueStartException(string message) : Exception(message);
