namespace Hft.Engine.Config;

/// <summary>Results (<c>[output]</c>).</summary>
/// <param name="Dir">
/// Directory for <c>orders.csv</c> and <c>fills.csv</c> (<c>dir</c>), resolved against the config file's
/// directory and created if missing; null writes nothing.
/// </param>
public sealed record OutputSettings(string? Dir = null);
