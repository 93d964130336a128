using System.Globalization;

namespace Hft.Core.Risk.Breakers;

/// <summary>Trips when an instrument's position is past a set size (fills of orders accepted earlier can take it there).</summary>
public sealed class PositionBreachBreaker(double maxPosition) : ICircuitBreaker
{
    /// <inheritdoc />
    public string Name => "max_position";

    /// <inheritdoc />
    public string? Check(BreakerInputs inputs)
    {
        var accounts = inputs.Accounts;
        for (int i = 0; i < accounts.Count; i++)
        {
            double position = accounts[i].State.Position;
            if (Math.Abs(position) > maxPosition)
                return string.Create(CultureInfo.InvariantCulture, $"{accounts[i].Instrument.Symbol} position {position:0.########} is past {maxPosition:0.########}");
        }
        return null;
    }
}
