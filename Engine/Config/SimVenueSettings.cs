namespace Hft.Engine.Config;

/// <summary>The simulated venue of a backtest (<c>kind = "sim"</c>): it has no keys besides its name.</summary>
/// <param name="Name">The name instruments refer to.</param>
public sealed record SimVenueSettings(string Name) : VenueSettings(Name, VenueKind.Sim);
