namespace Hft.Core.Orders;

/// <summary>Two trade journals written as one, in order (a live session's crash journal, then its run's CSV files).</summary>
public sealed class PairedTradeJournal(ITradeJournal first, ITradeJournal second) : ITradeJournal
{
    /// <summary>The pair of <paramref name="a"/> and <paramref name="b"/>, or the one that is not null (null when both are).</summary>
    public static ITradeJournal? Of(ITradeJournal? a, ITradeJournal? b) => a is null ? b : b is null ? a : new PairedTradeJournal(a, b);

    /// <inheritdoc />
    public void OnOrder(Order order, long localTime)
    {
        first.OnOrder(order, localTime);
        second.OnOrder(order, localTime);
    }

    /// <inheritdoc />
    public void OnFill(Fill fill)
    {
        first.OnFill(fill);
        second.OnFill(fill);
    }
}
