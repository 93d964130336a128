namespace Hft.Engine.Config;

/// <summary>Queue position of resting orders at the simulated venue (<c>[backtest.queue]</c>).</summary>
/// <param name="Model">The model (<c>model</c>).</param>
public sealed record QueueSettings(string Model = "risk-averse");
