namespace Hft.Core.Venues;

/// <summary>
/// Receives the venue-side client order id a gateway gives each new order, before it is sent: after a crash, that id is
/// how the engine asks the venue what became of an order it had sent.
/// </summary>
public interface IClientOrderJournal
{
    /// <summary>Local order <paramref name="orderId"/> of <paramref name="instrument"/> goes to the venue as <paramref name="clientOrderId"/>.</summary>
    void OnClientOrder(int instrument, ulong orderId, string clientOrderId, long localTime);

    /// <summary>The local position of <paramref name="instrument"/> was set from <paramref name="from"/> to the venue's <paramref name="to"/> by reconciliation.</summary>
    void OnPositionAdjusted(int instrument, double from, double to, long localTime, string reason);
}
