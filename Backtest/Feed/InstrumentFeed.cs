using System.Runtime.CompilerServices;
using Hft.Core.Markets;
using Hft.Core.Runtime;

namespace Hft.Backtest.Feed;

/// <summary>
/// One instrument's recorded data replayed on both timelines as one pre-sorted source for the core loop:
/// rows flagged EXCH go to the simulated venue at exchange time, rows flagged LOCAL go to the book at local
/// time. Both are called on the same-thread path (<see cref="DirectEntry{THandler}"/>), not through a mailbox.
/// The two cursors share the blocks read from the data; merging them here keeps the switch between timelines
/// inside one tight loop. At equal times local data comes first, as the delivery lanes require.
/// </summary>
public sealed class InstrumentFeed : TimedSource, IDisposable
{
    private readonly IEventBlockSource _source;
    private readonly FeedBlocks _blocks;
    private readonly int _instrument;
    private readonly DirectEntry<IMarketEventSink> _venue;
    private readonly DirectEntry<IMarketEventSink> _book;
    private readonly int _localLane;
    private readonly int _exchangeLane;
    private TimelineCursor _exchange;
    private TimelineCursor _local;
    private bool _localNext;

    /// <summary>Creates the feed; add it to the core loop with <see cref="AttachTo"/>.</summary>
    public InstrumentFeed(IEventBlockSource source, int instrument, DirectEntry<IMarketEventSink> venue, DirectEntry<IMarketEventSink> book)
        : base(DeliveryLane.LocalData(instrument))
    {
        _source = source;
        _blocks = new FeedBlocks(source, readers: 2);
        _instrument = instrument;
        _venue = venue;
        _book = book;
        _localLane = DeliveryLane.LocalData(instrument);
        _exchangeLane = DeliveryLane.ExchangeData(instrument);
        _exchange = new TimelineCursor(_blocks, EventFlags.Exchange);
        _local = new TimelineCursor(_blocks, EventFlags.Local);
    }

    /// <summary>Rows read from the data so far.</summary>
    public long RowsRead => _blocks.RowsRead;

    /// <summary>Adds the feed to the loop's merge.</summary>
    public void AttachTo(CoreLoop loop) => loop.AddSource(this);

    /// <inheritdoc />
    public override void Open()
    {
        _exchange.Open();
        _local.Open();
        SelectNext();
    }

    private void SelectNext()
    {
        _localNext = _local.Next <= _exchange.Next;
        if (_localNext)
        {
            NextTime = _local.Next;
            Lane = _localLane;
        }
        else
        {
            NextTime = _exchange.Next;
            Lane = _exchangeLane;
        }
    }

    /// <inheritdoc />
    public override void DeliverNext()
    {
        DeliverOne();
        SelectNext();
    }

    /// <inheritdoc />
    // Long-running loop: compiled optimized at once rather than waiting for tiering in a short run.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected internal override void DeliverRun(CoreLoop loop, long limitTime, int limitLane)
    {
        do
        {
            DeliverOne();
            SelectNext();
        }
        while (loop.ContinueRun(NextTime, Lane, limitTime, limitLane));
    }

    private void DeliverOne()
    {
        if (_localNext)
        {
            _book.Deliver(_instrument, in _local.Row);
            _local.Advance();
        }
        else
        {
            _venue.Deliver(_instrument, in _exchange.Row);
            _exchange.Advance();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _source.Dispose();
}
