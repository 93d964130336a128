using System.Globalization;

namespace Hft.Core.Risk.Breakers;

/// <summary>
/// Trips when a request waited longer than a set time for the venue's answer: one answered that late since the last
/// check, or one still waiting that long.
/// </summary>
public sealed class AckLatencyBreaker(long maxLatency) : ICircuitBreaker
{
    /// <inheritdoc />
    public string Name => "ack_latency";

    /// <inheritdoc />
    public string? Check(BreakerInputs inputs)
    {
        if (inputs.SlowestAnswer > maxLatency)
            return string.Create(CultureInfo.InvariantCulture, $"a venue answer took {inputs.SlowestAnswer / 1e6:0.###} ms (limit {maxLatency / 1e6:0.###} ms)");
        var accounts = inputs.Accounts;
        for (int i = 0; i < accounts.Count; i++)
        {
            foreach (var order in accounts[i].Orders.All)
            {
                if (order.Request == Orders.OrderRequest.None) continue;
                long waiting = inputs.Now - order.LocalTime;
                if (waiting > maxLatency)
                    return string.Create(CultureInfo.InvariantCulture,
                        $"{accounts[i].Instrument.Symbol} order {order.Id}: no answer from the venue for {waiting / 1e6:0.###} ms (limit {maxLatency / 1e6:0.###} ms)");
            }
        }
        return null;
    }
}
