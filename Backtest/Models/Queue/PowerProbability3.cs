namespace Hft.Backtest.Models.Queue;

/// <summary><c>1 − (front / (front + back))^n</c> (hftbacktest's <c>PowerProbQueueFunc3</c>).</summary>
/// <param name="N">The exponent.</param>
public sealed record PowerProbability3(double N) : IQueueProbability
{
    /// <inheritdoc />
    public double Probability(double front, double back) => 1.0 - Math.Pow(front / (front + back), N);
}
