using Hft.Core.Actors.Dispatch;
using Hft.Core.Markets;

namespace Hft.Backtest.Feed;

/// <summary>Rows flagged EXCH, at exchange time, to the simulated venue (tagged with the instrument).</summary>
public readonly struct ExchangeRowSink(int instrument, DirectRecipient venue) : IRowSink
{
    /// <inheritdoc />
    public ulong Flag => EventFlags.Exchange;

    /// <inheritdoc />
    public long TimeOf(in MarketEvent row) => row.ExchangeTime;

    /// <inheritdoc />
    public void Deliver(in MarketEvent row)
    {
        var message = new InstrumentEvent(instrument, in row);
        venue.Deliver(in message, null);
    }
}
