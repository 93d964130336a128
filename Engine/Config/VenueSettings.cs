namespace Hft.Engine.Config;

/// <summary>
/// One venue (<c>[[venues]]</c>). Each <see cref="VenueKind"/> has its own keys, so each has its own record:
/// an adapter receives exactly the endpoints its protocol needs, already checked to be absolute URLs.
/// </summary>
/// <param name="Name">The name instruments refer to (<c>name</c>, default: the kind).</param>
/// <param name="Kind">The adapter (<c>kind</c>).</param>
public abstract record VenueSettings(string Name, VenueKind Kind);
