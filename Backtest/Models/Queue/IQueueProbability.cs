namespace Hft.Backtest.Models.Queue;

/// <summary>
/// The probability that a decrease in a price level happened behind our order, given the quantity in front
/// of it and behind it (hftbacktest's <c>Probability::prob</c>).
/// </summary>
public interface IQueueProbability
{
    /// <summary>Probability that the decrease was behind us.</summary>
    double Probability(double front, double back);
}
