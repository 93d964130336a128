using Hft.Core.Actors;
using Hft.Core.Actors.Dispatch;

namespace Hft.Backtest.Feed;

/// <summary>
/// One instrument's recorded data replayed on both timelines: an exchange cursor feeding the simulated
/// venue and a local cursor feeding the book, over shared blocks.
/// </summary>
public sealed class InstrumentFeed : IDisposable
{
    private readonly IEventBlockSource _source;
    private readonly FeedBlocks _blocks;

    /// <summary>Rows read from the data so far.</summary>
    public long RowsRead => _blocks.RowsRead;

    /// <summary>Creates both cursors; add them to the core loop with <see cref="AttachTo"/>.</summary>
    public InstrumentFeed(IEventBlockSource source, int instrument, DirectRecipient venue, DirectRecipient book)
    {
        _source = source;
        var blocks = _blocks = new FeedBlocks(source, readers: 2);
        Exchange = new FeedCursor<ExchangeRowSink>(blocks, DeliveryLane.ExchangeData(instrument), new ExchangeRowSink(instrument, venue));
        Local = new FeedCursor<LocalRowSink>(blocks, DeliveryLane.LocalData(instrument), new LocalRowSink(book, venue.Ref));
    }

    /// <summary>The exchange-time cursor.</summary>
    public FeedCursor<ExchangeRowSink> Exchange { get; }

    /// <summary>The local-time cursor.</summary>
    public FeedCursor<LocalRowSink> Local { get; }

    /// <summary>Adds both cursors to the loop's merge.</summary>
    public void AttachTo(CoreLoop loop)
    {
        loop.AddSource(Local);
        loop.AddSource(Exchange);
    }

    /// <inheritdoc />
    public void Dispose() => _source.Dispose();
}
