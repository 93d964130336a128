namespace Hft.Backtest.Models.Queue;

/// <summary><c>back^n / (back + front)^n</c> (hftbacktest's <c>PowerProbQueueFunc2</c>).</summary>
/// <param name="N">The exponent.</param>
public sealed record PowerProbability2(double N) : IQueueProbability
{
    /// <inheritdoc />
    public double Probability(double front, double back) => Math.Pow(back, N) / Math.Pow(back + front, N);
}
