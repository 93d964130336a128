using Hft.Core.Actors;
using Hft.Core.Actors.Dispatch;
using Hft.Core.Markets;

namespace Hft.Backtest.Feed;

/// <summary>Delivers the rows flagged EXCH, at their exchange time, to the simulated venue.</summary>
public sealed class ExchangeFeedCursor : FeedCursor
{
    private readonly int _instrument;
    private readonly DirectRecipient _venue;

    internal ExchangeFeedCursor(FeedBlocks blocks, int instrument, DirectRecipient venue)
        : base(blocks, DeliveryLane.ExchangeData(instrument), EventFlags.Exchange)
    {
        _instrument = instrument;
        _venue = venue;
    }

    /// <inheritdoc />
    protected override long TimeOf(in MarketEvent row) => row.ExchangeTime;

    /// <inheritdoc />
    protected override void Deliver(in MarketEvent row) => _venue.Deliver(new InstrumentEvent(_instrument, row), null);
}
