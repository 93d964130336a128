namespace Hft.Backtest.Models.Queue;

/// <summary><c>ln(1 + back) / ln(1 + back + front)</c> (hftbacktest's <c>LogProbQueueFunc2</c>, its Python default).</summary>
public sealed record LogProbability2 : IQueueProbability
{
    /// <inheritdoc />
    public double Probability(double front, double back) => Math.Log(1.0 + back) / Math.Log(1.0 + back + front);
}
