namespace Hft.Core.Health;

/// <summary>One reason a session is not healthy: a stable code (<see cref="HealthReasons"/>), a text for people, and how bad it is.</summary>
/// <param name="Code">A stable, machine-readable code such as <c>feed_stale</c>.</param>
/// <param name="Detail">What exactly is wrong (never a secret).</param>
/// <param name="Severity">Degraded or critical.</param>
public sealed record HealthReason(string Code, string Detail, HealthStatus Severity);
