using Hft.Core.Actors;
using Hft.Core.Actors.Dispatch;
using Hft.Core.Markets;

namespace Hft.Backtest.Feed;

/// <summary>Rows flagged LOCAL, at local time, to the instrument's book actor (sent by the venue).</summary>
public readonly struct LocalRowSink(DirectRecipient book, IActorRef venue) : IRowSink
{
    /// <inheritdoc />
    public ulong Flag => EventFlags.Local;

    /// <inheritdoc />
    public long TimeOf(in MarketEvent row) => row.LocalTime;

    /// <inheritdoc />
    public void Deliver(in MarketEvent row) => book.Deliver(in row, venue);
}
