using Hft.Core.Venues;

namespace Hft.Backtest.Models.Latency;

/// <summary>
/// How long order requests take to reach the exchange and responses to come back (hftbacktest's
/// <c>LatencyModel</c>). A negative entry latency means the exchange rejects the request; its absolute value
/// is how long the rejection takes to come back.
/// </summary>
public interface IOrderLatency
{
    /// <summary>Latency from sending <paramref name="command"/> at <paramref name="localTime"/> to its arrival at the exchange.</summary>
    long Entry(long localTime, VenueCommand command);

    /// <summary>Latency from the exchange answering at <paramref name="exchangeTime"/> to the local side receiving it.</summary>
    long Response(long exchangeTime, OrderReport report);
}
