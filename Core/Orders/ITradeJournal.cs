namespace Hft.Core.Orders;

/// <summary>Receives every order change and fill the local side sees, in the order it sees them.</summary>
public interface ITradeJournal
{
    /// <summary>An order changed (submitted, acknowledged, filled, cancelled, rejected).</summary>
    void OnOrder(Order order, long localTime);

    /// <summary>An execution arrived.</summary>
    void OnFill(Fill fill);
}
