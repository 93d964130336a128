namespace Hft.Engine.Tests.Metrics;

/// <summary>One sample line of the Prometheus text format.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
