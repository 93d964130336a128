using System.Globalization;

namespace Hft.Core.Risk.Breakers;

/// <summary>Trips when an instrument's feed has been silent longer than a set time.</summary>
public sealed class StaleFeedBreaker(long maxSilence) : ICircuitBreaker
{
    /// <inheritdoc />
    public string Name => "stale_feed";

    /// <inheritdoc />
    public string? Check(BreakerInputs inputs)
    {
        for (int i = 0; i < inputs.Books.Count; i++)
        {
            // A book that never had an event counts as silent from when the breakers started watching.
            long last = inputs.Books[i].LastEventTime > 0 ? inputs.Books[i].LastEventTime : inputs.Start;
            long silence = inputs.Now - last;
            if (silence > maxSilence)
                return string.Create(CultureInfo.InvariantCulture,
                    $"{inputs.Accounts[i].Instrument.Symbol}: no market data for {silence / 1e6:0.#} ms (limit {maxSilence / 1e6:0.#} ms)");
        }
        return null;
    }
}
