using System.Globalization;

namespace Hft.Core.Risk.Breakers;

/// <summary>Trips when the live venue has been disconnected longer than a set time (never in a backtest).</summary>
public sealed class VenueDisconnectedBreaker(long maxDuration) : ICircuitBreaker
{
    /// <inheritdoc />
    public string Name => "venue_disconnected";

    /// <inheritdoc />
    public string? Check(BreakerInputs inputs)
    {
        if (inputs.Venue?.DisconnectedSince is not { } since) return null;
        long duration = inputs.Now - since;
        return duration > maxDuration
            ? string.Create(CultureInfo.InvariantCulture, $"the venue has been disconnected for {duration / 1e6:0.#} ms (limit {maxDuration / 1e6:0.#} ms)")
            : null;
    }
}
