namespace Hft.Backtest.Models.Queue;

/// <summary><c>ln(1 + back) / (ln(1 + back) + ln(1 + front))</c> (hftbacktest's <c>LogProbQueueFunc</c>).</summary>
public sealed record LogProbability : IQueueProbability
{
    /// <inheritdoc />
    public double Probability(double front, double back)
    {
        double b = Math.Log(1.0 + back);
        return b / (b + Math.Log(1.0 + front));
    }
}
