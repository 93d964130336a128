namespace Hft.Backtest.Models.Queue;

/// <summary><c>back^n / (back^n + front^n)</c> (hftbacktest's <c>PowerProbQueueFunc</c>).</summary>
/// <param name="N">The exponent.</param>
public sealed record PowerProbability(double N) : IQueueProbability
{
    /// <inheritdoc />
    public double Probability(double front, double back)
    {
        double b = Math.Pow(back, N);
        return b / (b + Math.Pow(front, N));
    }
}
