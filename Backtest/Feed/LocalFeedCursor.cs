using Hft.Core.Actors;
using Hft.Core.Actors.Dispatch;
using Hft.Core.Markets;

namespace Hft.Backtest.Feed;

/// <summary>Delivers the rows flagged LOCAL, at their local time, to the instrument's book actor (sent by the venue).</summary>
public sealed class LocalFeedCursor : FeedCursor
{
    private readonly DirectRecipient _book;
    private readonly IActorRef _venue;

    internal LocalFeedCursor(FeedBlocks blocks, int instrument, DirectRecipient book, IActorRef venue)
        : base(blocks, DeliveryLane.LocalData(instrument), EventFlags.Local)
    {
        _book = book;
        _venue = venue;
    }

    /// <inheritdoc />
    protected override long TimeOf(in MarketEvent row) => row.LocalTime;

    /// <inheritdoc />
    protected override void Deliver(in MarketEvent row) => _book.Deliver(row, _venue);
}
