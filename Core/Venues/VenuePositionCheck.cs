namespace Hft.Core.Venues;

/// <summary>
/// A gateway's reconciliation asks the order-state actor to compare the local positions with the venue's, after the
/// reports it sent before (same sender, same receiver: Akka keeps their order). The answer is <see cref="PositionsCompared"/>.
/// </summary>
/// <param name="Positions">The venue's signed position per instrument index; null where the venue has none (spot).</param>
/// <param name="Tolerance">The largest difference taken as equal, per instrument index.</param>
/// <param name="Adjust">Set each differing local position to the venue's (and journal it).</param>
/// <param name="Reason">Why the check runs (start, reconnect, periodic), for the journal.</param>
public sealed record VenuePositionCheck(IReadOnlyList<double?> Positions, IReadOnlyList<double> Tolerance, bool Adjust, string Reason);

/// <summary>The local and venue positions of one instrument that differ by more than the tolerance.</summary>
public sealed record PositionDifference(int Instrument, double Local, double Venue);

/// <summary>The answer to <see cref="VenuePositionCheck"/>: the instruments whose positions differ (before any adjustment).</summary>
public sealed record PositionsCompared(IReadOnlyList<PositionDifference> Differences, bool Adjusted);
