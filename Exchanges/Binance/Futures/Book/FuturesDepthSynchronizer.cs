using Hft.Backtest.Conversion;
using Hft.Core.Markets;
using Hft.Exchanges.Common;

namespace Hft.Exchanges.Binance.Futures.Book;

/// <summary>
/// Keeps one instrument's local book in step with Binance USD-M futures' diff-depth stream, by the venue's procedure
/// (exchange-protocols 1.3): buffer events, take a REST snapshot, drop buffered events with <c>u &lt; lastUpdateId</c>,
/// start from the event with <c>U &lt;= lastUpdateId &lt;= u</c>, then require every event's <c>pu</c> to equal the previous
/// event's <c>u</c> (never <c>U == u + 1</c>: that rule is spot's). A gap, a reconnect or a crossed book starts it over with
/// a new snapshot on the same socket; an event whose <c>u</c> the book has already passed (a duplicate, or one that
/// arrived after its successor) is dropped. Rows reach the book through <see cref="IDepthRowTarget"/>: the book emptied,
/// the snapshot as convert writes it (a clear per side, then snapshot rows), then the diffs' rows.
/// </summary>
public sealed class FuturesDepthSynchronizer(int instrument, IDepthRowTarget target) : DepthSynchronizer(instrument, target)
{
    /// <inheritdoc />
    public override void OnDiff(in DepthUpdateIds ids, ReadOnlySpan<MarketEvent> rows)
    {
        if (IsSynced)
        {
            // A frame seen twice, or one overtaken by its successor: nothing new for the book.
            if (ids.LastId <= LastUpdateId) return;
            if (ids.PreviousId == LastUpdateId)
            {
                Apply(rows);
                LastUpdateId = ids.LastId;
                return;
            }
            Resync($"gap: pu {ids.PreviousId} after u {LastUpdateId}");
        }
        BufferDiff(in ids, rows);
    }

    /// <inheritdoc />
    protected override void TryComplete()
    {
        if (SnapshotRows is null) return;
        long snapshotId = SnapshotId;
        Buffer.RemoveAll(b => b.LastId < snapshotId);
        if (Buffer.Count == 0) return;
        var first = Buffer[0];
        if (first.FirstId > snapshotId)
        {
            // The snapshot is older than everything buffered: take another one.
            TakeAnotherSnapshot();
            return;
        }
        ApplySnapshot();
        Apply(first.Rows);
        LastUpdateId = first.LastId;
        for (int i = 1; i < Buffer.Count; i++)
        {
            var next = Buffer[i];
            if (next.LastId <= LastUpdateId) continue;
            if (next.PreviousId != LastUpdateId)
            {
                // Synced for a moment, so the gap counts as a resync.
                IsSynced = true;
                var rest = Buffer.GetRange(i, Buffer.Count - i);
                Resync($"gap: pu {next.PreviousId} after u {LastUpdateId} (while catching up)");
                Buffer.AddRange(rest);
                return;
            }
            Apply(next.Rows);
            LastUpdateId = next.LastId;
        }
        Buffer.Clear();
        IsSynced = true;
    }
}
