using System.Globalization;

namespace Hft.Core.Risk.Breakers;

/// <summary>Trips when total equity has fallen more than a set amount since the start of the UTC day.</summary>
public sealed class DailyLossBreaker(double maxLoss) : ICircuitBreaker
{
    /// <inheritdoc />
    public string Name => "daily_loss";

    /// <inheritdoc />
    public string? Check(BreakerInputs inputs)
    {
        double loss = inputs.DayStartEquity - inputs.Equity;
        return loss > maxLoss
            ? string.Create(CultureInfo.InvariantCulture, $"equity {inputs.Equity:0.####} is {loss:0.####} below the day's start {inputs.DayStartEquity:0.####} (limit {maxLoss:0.####})")
            : null;
    }
}
