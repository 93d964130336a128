using Hft.Core.Strategies;

namespace Hft.Strategies;

/// <summary>A strategy that does nothing: it receives every callback and ignores it. Measures the engine's own cost.</summary>
[Strategy("idle", Description = "does nothing: receives every callback and ignores it (measures the engine's own cost)")]
public sealed class Idle : Strategy
{
    /// <inheritdoc />
    public override string? NotQuotingReason => "it never quotes (it only receives the data)";
}
